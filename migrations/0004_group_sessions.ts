import { type Kysely, sql } from 'kysely';

// Live group sessions: a facilitator's session, the girls who joined it, their answers in
// "together" mode, and the facilitator's evaluation (decision 0008).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('facilitator_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('pacing', 'text', (c) => c.notNull())
    .addColumn('join_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('lobby'))
    .addColumn('joining_locked', 'boolean', (c) => c.notNull().defaultTo(false))
    // The group's path through the lesson (together mode): step ids, the current one last.
    .addColumn('path', 'jsonb', (c) => c.notNull())
    .addColumn('revealed_step', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  // A code is unique among sessions that are still open.
  await sql`create unique index group_sessions_open_code on group_sessions (join_code) where status <> 'ended'`.execute(db);
  await db.schema.createIndex('group_sessions_organisation').on('group_sessions').columns(['organisation_id', 'created_at']).execute();

  await db.schema
    .alterTable('participants')
    .addColumn('group_session_id', 'uuid', (c) => c.references('group_sessions.id').onDelete('cascade'))
    .execute();
  await db.schema.alterTable('participants').addColumn('nickname', 'text').execute();
  await db.schema.alterTable('participants').addColumn('avatar', 'text').execute();
  await db.schema
    .alterTable('participants')
    .addColumn('removed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('participants').addColumn('current_step', 'text').execute();
  await db.schema.createIndex('participants_group_session').on('participants').column('group_session_id').execute();

  await db.schema
    .createTable('session_answers')
    .addColumn('group_session_id', 'uuid', (c) => c.notNull().references('group_sessions.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_answers_pk', ['participant_id', 'step_id'])
    .execute();
  await db.schema.createIndex('session_answers_session_step').on('session_answers').columns(['group_session_id', 'step_id']).execute();

  await db.schema
    .createTable('session_evaluations')
    .addColumn('group_session_id', 'uuid', (c) => c.primaryKey().references('group_sessions.id').onDelete('cascade'))
    .addColumn('how_it_went', 'integer', (c) => c.notNull())
    .addColumn('step_usefulness', 'jsonb', (c) => c.notNull())
    .addColumn('comments', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_evaluations').execute();
  await db.schema.dropTable('session_answers').execute();
  for (const column of ['current_step', 'removed', 'avatar', 'nickname', 'group_session_id']) {
    await db.schema.alterTable('participants').dropColumn(column).execute();
  }
  await db.schema.dropTable('group_sessions').execute();
}
