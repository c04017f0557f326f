import { type Kysely, sql } from 'kysely';

// Courses for professionals (decision 0016): enrolments and the place in each lesson, quiz
// attempts (answers kept), completions (final for the course version they were earned on),
// certificates (a snapshot, a unique 80-bit code, valid or revoked) and the coordinators'
// exceptions that let a facilitator trained elsewhere run group sessions.
// Everything a user owns goes with her account (on delete cascade).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('course_enrolments')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull())
    // The version she enrolled in (or last continued on).
    .addColumn('course_version', 'integer', (c) => c.notNull())
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set when she unenrols; enrolling again clears it and keeps her progress.
    .addColumn('unenrolled_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('course_enrolments_pk', ['user_id', 'course_id'])
    .execute();
  await db.schema.createIndex('course_enrolments_course').on('course_enrolments').columns(['course_id', 'course_version']).execute();

  // Her place in each lesson: the step she is on, the steps she has seen, when she finished it.
  await db.schema
    .createTable('course_lesson_progress')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('visited', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('course_lesson_progress_pk', ['user_id', 'course_id', 'lesson_id'])
    .addForeignKeyConstraint('course_lesson_progress_enrolment', ['user_id', 'course_id'], 'course_enrolments', ['user_id', 'course_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('course_quiz_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('course_version', 'integer', (c) => c.notNull())
    .addColumn('quiz_id', 'text', (c) => c.notNull())
    // {questionId: [optionIds]}: what she answered, kept as given.
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    // Per cent, rounded down.
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('course_quiz_attempts_user').on('course_quiz_attempts').columns(['user_id', 'course_id', 'quiz_id', 'created_at']).execute();

  await db.schema
    .createTable('course_completions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull())
    // The version it was earned on: never recomputed when the content changes.
    .addColumn('course_version', 'integer', (c) => c.notNull())
    .addColumn('attempt_id', 'uuid', (c) => c.references('course_quiz_attempts.id').onDelete('set null'))
    .addColumn('score', 'integer')
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('course_completions_user_course', ['user_id', 'course_id'])
    .execute();
  await db.schema.createIndex('course_completions_course').on('course_completions').columns(['course_id', 'course_version']).execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // 16 Crockford base32 characters (80 bits), stored without hyphens.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('completion_id', 'uuid', (c) => c.notNull().unique().references('course_completions.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull())
    // The snapshot: what the PDF and /verify show, as it was on the day it was issued.
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('organisation_name', 'text')
    .addColumn('course_title', 'text', (c) => c.notNull())
    .addColumn('course_version', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('valid')
        .check(sql`status in ('valid', 'revoked')`),
    )
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('certificates_user').on('certificates').column('user_id').execute();
  await db.schema.createIndex('certificates_course').on('certificates').columns(['course_id', 'course_version']).execute();

  // A facilitator trained elsewhere may run group sessions without the course: a
  // coordinator's decision, with the reason (and the audit log says who and when).
  await db.schema
    .createTable('group_session_exceptions')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'group_session_exceptions',
    'certificates',
    'course_completions',
    'course_quiz_attempts',
    'course_lesson_progress',
    'course_enrolments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
