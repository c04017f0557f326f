import { type Kysely, sql } from 'kysely';

// The coordinators' dashboard: when a participation reached its module's end (own pace and
// solo; "together" follows the group's path), and indexes for counting by period.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('finished_at', 'timestamptz').execute();
  await db.schema.createIndex('participants_created').on('participants').columns(['created_at']).execute();
  await db.schema.createIndex('group_sessions_created').on('group_sessions').columns(['created_at']).execute();
  await sql`create index session_answers_step on session_answers (step_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('session_answers_step').execute();
  await db.schema.dropIndex('group_sessions_created').execute();
  await db.schema.dropIndex('participants_created').execute();
  await db.schema.alterTable('participants').dropColumn('finished_at').execute();
}
