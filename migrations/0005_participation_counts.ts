import { type Kysely, sql } from 'kysely';

// The coordinators' dashboard: when a participation reached its module's end (own pace and
// solo; "together" follows the group's path), counters per session, and indexes for counting by period.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('finished_at', 'timestamptz').execute();
  await db.schema.createIndex('participants_created').on('participants').columns(['created_at']).execute();
  await db.schema.createIndex('group_sessions_created').on('group_sessions').columns(['created_at']).execute();
  await sql`create index session_answers_step on session_answers (step_id)`.execute(db);
  // Counters on the session, kept in the same transaction as the join, the removal and the
  // own-pace finish: the dashboard sums 200,000 sessions instead of millions of participants.
  await db.schema
    .alterTable('group_sessions')
    .addColumn('joined_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('finished_own_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update group_sessions gs set
      joined_count = (select count(*) from participants p where p.group_session_id = gs.id),
      removed_count = (select count(*) from participants p where p.group_session_id = gs.id and p.removed),
      finished_own_count = (select count(*) from participants p where p.group_session_id = gs.id and p.finished_at is not null)`.execute(db);
  await sql`create index participants_solo_created on participants (created_at) where group_session_id is null and preview_by is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participants_solo_created').execute();
  await db.schema.alterTable('group_sessions').dropColumn('joined_count').dropColumn('removed_count').dropColumn('finished_own_count').execute();
  await db.schema.dropIndex('session_answers_step').execute();
  await db.schema.dropIndex('group_sessions_created').execute();
  await db.schema.dropIndex('participants_created').execute();
  await db.schema.alterTable('participants').dropColumn('finished_at').execute();
}
