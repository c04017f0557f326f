// Where a course asks for a training day (`completion.attendanceRequired`), completion waits
// for her attendance, which the training days record (decision 0018). The transaction that
// marks her present calls completeCourseIfEligible; so does the passing attempt. Both lock
// her user row before they look at the other's rule, so whichever commits last sees the
// other's write and completes the course (exactly once: the completion is unique).
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { attendedTrainingDay, lockPeople } from '~/training-days/attendance-rule.server';

export async function hasAttendedTrainingDay(db: Kysely<Database>, userId: string, courseId: string): Promise<boolean> {
  await lockPeople(db, [userId]);
  return attendedTrainingDay(db, userId, courseId);
}
