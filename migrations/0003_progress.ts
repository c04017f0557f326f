import { type Kysely, sql } from 'kysely';

// Anonymous participants and their append-only progress log (decision 0007).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participants')
    // A random, unguessable id: it is the participant link, and nothing else identifies her.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // A facilitator's preview: played like the real thing, never counted.
    .addColumn('preview_by', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('progress_events')
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('event', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('progress_events_pk', ['participant_id', 'sequence'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('progress_events').execute();
  await db.schema.dropTable('participants').execute();
}
