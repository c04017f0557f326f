import { type Kysely, sql } from 'kysely';

// The dashboard's evaluation summary at volume: each evaluation carries its session's scope
// (when the session started, module, variant, language, organisation), copied once when it is
// written. A session's scope never changes, so the copy cannot drift, and the summary reads
// 60,000 evaluations instead of joining them to 200,000 sessions three times.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('session_evaluations')
    .addColumn('session_started_at', 'timestamptz')
    .addColumn('module_id', 'text')
    .addColumn('variant', 'text')
    .addColumn('language', 'text')
    .addColumn('organisation_id', 'uuid')
    .execute();
  await sql`update session_evaluations e set
      session_started_at = gs.created_at, module_id = gs.module_id, variant = gs.variant,
      language = gs.language, organisation_id = gs.organisation_id
    from group_sessions gs where gs.id = e.group_session_id`.execute(db);
  for (const column of ['session_started_at', 'module_id', 'variant', 'language', 'organisation_id']) {
    await sql`alter table session_evaluations alter column ${sql.ref(column)} set not null`.execute(db);
  }
  await db.schema.createIndex('session_evaluations_started').on('session_evaluations').column('session_started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('session_evaluations_started').execute();
  await db.schema
    .alterTable('session_evaluations')
    .dropColumn('session_started_at')
    .dropColumn('module_id')
    .dropColumn('variant')
    .dropColumn('language')
    .dropColumn('organisation_id')
    .execute();
}
