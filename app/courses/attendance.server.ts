// Where a course asks for a training day (`completion.attendanceRequired`), completion waits
// for her attendance. The training days record attendance in their own tables; until they
// exist nobody has attended, so such a course cannot be completed yet (decision 0016).
// Training days: answer here from your attendance table, and call completeCourseIfEligible
// in the transaction that marks her present.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';

export async function hasAttendedTrainingDay(_db: Kysely<Database>, _userId: string, _courseId: string): Promise<boolean> {
  return false;
}
