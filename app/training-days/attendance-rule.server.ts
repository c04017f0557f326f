// The attendance rule of a course (`completion.attendanceRequired`, decision 0016 and 0018):
// what the completion function asks, and the lock both ways to completion take.
import { type Kysely, sql } from 'kysely';
import type { Database } from '~/db/schema.server';

/**
 * Serialises, per person, the two ways a course with an attendance rule can be completed
 * (the passing attempt and the attendance): both lock her user row first.
 */
export async function lockPeople(trx: Kysely<Database>, userIds: readonly string[]): Promise<void> {
  const sorted = [...new Set(userIds)].sort();
  if (!sorted.length) return;
  await sql`select id from users where id in (${sql.join(sorted)}) order by id for no key update`.execute(trx);
}

/** Has she attended a training day of this course? (completion's attendance rule) */
export async function attendedTrainingDay(db: Kysely<Database>, userId: string, courseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('training_day_registrations as r')
    .innerJoin('training_days as d', 'd.id', 'r.training_day_id')
    .select('r.user_id')
    .where('r.user_id', '=', userId)
    .where('d.course_id', '=', courseId)
    .where('r.attended', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
