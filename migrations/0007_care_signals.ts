import { type Kysely, sql } from 'kysely';

// A girl's private "I want to stop / ask something" signal in a group session (decision 0015):
// a row per signal while the session runs, shown only on the facilitator's console; at the end
// the rows go with the nicknames and the session keeps only how many there were.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('care_signals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_session_id', 'uuid', (c) => c.notNull().references('group_sessions.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('seen_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('care_signals_session').on('care_signals').columns(['group_session_id', 'created_at']).execute();
  await db.schema.createIndex('care_signals_participant').on('care_signals').columns(['participant_id', 'created_at']).execute();
  await db.schema
    .alterTable('group_sessions')
    .addColumn('care_signal_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('group_sessions').dropColumn('care_signal_count').execute();
  await db.schema.dropTable('care_signals').execute();
}
