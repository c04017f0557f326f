import { z } from 'zod';
import type { AppServices } from '~/context.server';
import type { GroupSession, Participant } from '~/db/schema.server';
import { lessonOf } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { refusal } from '~/lib/refusal.server';
import { participantOfCookie } from '~/play/participant.server';
import { findParticipant } from '~/progress/progress.server';
import { hasUnseenCareSignal } from './care-signals.server';
import { findGroupSession } from './group-sessions.server';
import { readSessionViews } from './read-views.server';
import type { TabletView } from './session-views';

/**
 * The tablet's participant for a session's live endpoints: the cookie set when she joined
 * (or opened her participant link) must belong to this very session. Throws the refusal.
 */
export async function requireSessionParticipant(
  { db, lessons }: Pick<AppServices, 'db' | 'lessons'>,
  request: Request,
  sessionId: string | undefined,
): Promise<{ participant: Participant; session: GroupSession; lesson: ResolvedLesson }> {
  const id = await participantOfCookie(request);
  const participant = id ? await findParticipant(db, id) : undefined;
  if (!participant?.group_session_id) throw refusal('notJoined');
  if (!z.string().uuid().safeParse(sessionId).success || participant.group_session_id !== sessionId) throw refusal('otherSession');
  if (participant.removed) throw refusal('removedFromSession');
  const session = await findGroupSession(db, participant.group_session_id);
  const lesson = session && lessonOf(lessons, session);
  if (!session || !lesson) throw refusal('notFound');
  return { participant, session, lesson };
}

/**
 * What her tablet starts from in her group session: the session as the tablets see it, the
 * steps she answered ("together": her screen says she waits for the group), and whether her
 * care signal still waits for the facilitator.
 */
export async function tabletStart(
  { db, lessons }: Pick<AppServices, 'db' | 'lessons'>,
  participant: Pick<Participant, 'id' | 'group_session_id'>,
): Promise<{ view: TabletView; answered: string[]; careWaiting: boolean }> {
  const views = participant.group_session_id ? await readSessionViews(db, lessons, participant.group_session_id, false) : null;
  if (!views) throw refusal('notFound');
  const answered = await db.selectFrom('session_answers').select('step_id').where('participant_id', '=', participant.id).execute();
  return { view: views.tablet, answered: answered.map((a) => a.step_id), careWaiting: await hasUnseenCareSignal(db, participant.id) };
}
