// Training unlocks group sessions (decision 0016): a facilitator runs sessions once she has
// completed a course that unlocks them (course 2, any version), or a coordinator granted
// her an exception with a reason (trained elsewhere). Read at the moment she asks: passing
// unlocks at once, with no cron and no cached flag.
import type { Kysely } from 'kysely';
import { recordAudit } from '~/accounts/audit.server';
import { normaliseEmail } from '~/accounts/users.server';
import type { Database } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import type { CourseLibrary } from './load.server';

/** What lets her run sessions: the course, a coordinator's exception, or no course to ask for. */
export type SessionUnlock = Result<{ by: 'course' | 'exception' | 'no-course' }, 'courseRequired'>;

/** The courses whose completion lets a facilitator run group sessions. */
export function unlockingCourseIds(library: CourseLibrary): string[] {
  return library.courses.filter(({ course }) => course.unlocks.includes('group-sessions')).map(({ course }) => course.id);
}

export async function groupSessionUnlock(db: Kysely<Database>, library: CourseLibrary, userId: string): Promise<SessionUnlock> {
  const courseIds = unlockingCourseIds(library);
  // No course unlocks sessions (no such content): nothing to ask of her.
  if (!courseIds.length) return ok({ by: 'no-course' });
  const completion = await db
    .selectFrom('course_completions')
    .select('id')
    .where('user_id', '=', userId)
    .where('course_id', 'in', courseIds)
    .executeTakeFirst();
  if (completion) return ok({ by: 'course' });
  const exception = await db.selectFrom('group_session_exceptions').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  if (exception) return ok({ by: 'exception' });
  return refused('courseRequired');
}

export type ExceptionResult = Result<void, 'exceptionAccountUnknown' | 'exceptionNotFacilitator'>;

/** As `grantSessionException`, for the facilitator a coordinator names by her e-mail address. */
export async function grantSessionExceptionByEmail(db: Kysely<Database>, input: { email: string; actorId: string; reason: string }): Promise<ExceptionResult> {
  const user = await db.selectFrom('users').select('id').where('email', '=', normaliseEmail(input.email)).executeTakeFirst();
  if (!user) return refused('exceptionAccountUnknown');
  return grantSessionException(db, { userId: user.id, actorId: input.actorId, reason: input.reason });
}

/** A coordinator lets a facilitator trained elsewhere run sessions: the exception and its audit entry together. */
export async function grantSessionException(db: Kysely<Database>, input: { userId: string; actorId: string; reason: string }): Promise<ExceptionResult> {
  return db.transaction().execute(async (trx): Promise<ExceptionResult> => {
    const roles = await trx.selectFrom('user_roles').select('role').where('user_id', '=', input.userId).execute();
    const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (!user) return refused('exceptionAccountUnknown');
    if (!roles.some((row) => row.role === 'facilitator')) return refused('exceptionNotFacilitator');
    await trx
      .insertInto('group_session_exceptions')
      .values({ user_id: input.userId, reason: input.reason, granted_by: input.actorId })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ reason: input.reason, granted_by: input.actorId, granted_at: new Date() }))
      .execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'course-exception.grant',
      targetType: 'user',
      targetId: input.userId,
      details: { reason: input.reason },
    });
    return ok();
  });
}

export async function withdrawSessionException(db: Kysely<Database>, input: { userId: string; actorId: string }): Promise<Result<void, 'exceptionNotFound'>> {
  return db.transaction().execute(async (trx): Promise<Result<void, 'exceptionNotFound'>> => {
    const removed = await trx.deleteFrom('group_session_exceptions').where('user_id', '=', input.userId).returning('user_id').executeTakeFirst();
    if (!removed) return refused('exceptionNotFound');
    await recordAudit(trx, { actorId: input.actorId, action: 'course-exception.withdraw', targetType: 'user', targetId: input.userId });
    return ok();
  });
}

/** The exceptions in force, for the coordinators' page. */
export async function listSessionExceptions(db: Kysely<Database>) {
  return db
    .selectFrom('group_session_exceptions as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('users as g', 'g.id', 'e.granted_by')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['e.user_id', 'u.name', 'u.email', 'o.name as organisation_name', 'e.reason', 'e.granted_at', 'g.name as granted_by_name'])
    .orderBy('e.granted_at', 'desc')
    .execute();
}
