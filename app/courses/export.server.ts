// Her course data for "download my data" (decision 0016): enrolments, her place in each
// lesson, every quiz attempt with her answers, completions and certificates.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';

export async function courseDataOf(db: Kysely<Database>, userId: string) {
  const [enrolments, lessons, quizAttempts, completions, certificates] = await Promise.all([
    db.selectFrom('course_enrolments').select(['course_id', 'course_version', 'enrolled_at', 'unenrolled_at']).where('user_id', '=', userId).execute(),
    db.selectFrom('course_lesson_progress').select(['course_id', 'lesson_id', 'step_id', 'visited', 'completed_at']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('course_quiz_attempts')
      .select(['course_id', 'course_version', 'quiz_id', 'answers', 'score', 'passed', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('course_completions').select(['course_id', 'course_version', 'score', 'completed_at']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('certificates')
      .select([
        'code',
        'course_id',
        'course_title',
        'course_version',
        'holder_name',
        'organisation_name',
        'score',
        'issued_at',
        'expires_at',
        'status',
        'revoked_reason',
        'revoked_at',
      ])
      .where('user_id', '=', userId)
      .execute(),
  ]);
  return { enrolments, lessons, quizAttempts, completions, certificates };
}
