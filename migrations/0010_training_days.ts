import { type Kysely, sql } from 'kysely';

// Training days (decision 0018): live events of a course, published by trainers, with an
// optional programme of parts (plenary + break-outs: a study day is one event), the
// registrations (registered or on the waiting list, in order; cancelled ones are kept) and
// the attendance the trainer marks. A registration goes with her account (on delete cascade).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_days')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // A place, an online room link, or both (a hybrid day); never neither.
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 1000`))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nl', 'fr', 'en')`))
    .addColumn('notes', 'text')
    // Slides and recordings, attached afterwards: a link shown to those who registered.
    .addColumn('material_url', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('training_days_where', sql`place is not null or online_url is not null`)
    .addCheckConstraint('training_days_times', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('training_days_course_start').on('training_days').columns(['course_id', 'starts_at']).execute();
  await db.schema.createIndex('training_days_start').on('training_days').column('starts_at').execute();

  await db.schema
    .createTable('training_day_parts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('training_day_id', 'uuid', (c) => c.notNull().references('training_days.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plenary', 'breakout')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('room', 'text')
    .addUniqueConstraint('training_day_parts_position', ['training_day_id', 'position'])
    .addCheckConstraint('training_day_parts_times', sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable('training_day_registrations')
    .addColumn('training_day_id', 'uuid', (c) => c.notNull().references('training_days.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('registered', 'waiting', 'cancelled')`))
    // The waiting list's order: when she (last) asked for a seat.
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('breakout_part_id', 'uuid', (c) => c.references('training_day_parts.id').onDelete('set null'))
    .addColumn('promoted_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('attended', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('attendance_marked_at', 'timestamptz')
    .addColumn('attendance_marked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('training_day_registrations_pk', ['training_day_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('training_day_registrations_queue')
    .on('training_day_registrations')
    .columns(['training_day_id', 'status', 'queued_at'])
    .execute();
  await db.schema.createIndex('training_day_registrations_user').on('training_day_registrations').columns(['user_id', 'attended']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['training_day_registrations', 'training_day_parts', 'training_days']) {
    await db.schema.dropTable(table).execute();
  }
}
