import { json } from '@remix-run/node';
import { z } from 'zod';
import type { GroupSession, Participant } from '~/db/schema.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { participantOfCookie } from '~/play/participant.server';
import { findParticipant } from '~/progress/progress.server';
import { db, lessonLibrary } from '~/runtime.server';
import { findGroupSession, lessonOfSession } from './group-sessions.server';

/**
 * The tablet's participant for a session's live endpoints: the cookie set when she joined
 * (or opened her participant link) must belong to this very session.
 */
export async function requireSessionParticipant(
  request: Request,
  sessionId: string | undefined,
): Promise<{ participant: Participant; session: GroupSession; lesson: ResolvedLesson }> {
  const id = await participantOfCookie(request);
  const participant = id ? await findParticipant(await db(), id) : undefined;
  if (!participant?.group_session_id) throw json({ error: 'join.errors.notJoined' }, { status: 403 });
  if (!z.string().uuid().safeParse(sessionId).success || participant.group_session_id !== sessionId) {
    throw json({ error: 'join.errors.otherSession' }, { status: 403 });
  }
  if (participant.removed) throw json({ error: 'join.errors.removed' }, { status: 403 });
  const session = await findGroupSession(await db(), sessionId!);
  const lesson = session && lessonOfSession(await lessonLibrary(), session);
  if (!session || !lesson) throw json({ error: 'join.errors.unknown' }, { status: 404 });
  return { participant, session, lesson };
}
