import type { Kysely } from 'kysely';
import type { Database, Participant } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { findGroupSession } from './group-sessions.server';

/** Why a girl in a group session may not post her own steps now (reasons of app/sessions/reasons.ts). */
export type GateClosed = 'sessionEnded' | 'sessionPaused' | 'notRunning' | 'togetherSession' | 'removedFromSession';

/**
 * May this participant post her own progress now? Solo players always; in a group session
 * only in own-pace mode, while it runs, and while she is still in it.
 */
export async function progressGate(db: Kysely<Database>, participant: Participant): Promise<Result<void, GateClosed>> {
  if (!participant.group_session_id) return ok();
  if (participant.removed) return refused('removedFromSession');
  const session = await findGroupSession(db, participant.group_session_id);
  if (!session || session.status === 'ended' || session.expires_at.getTime() <= Date.now()) return refused('sessionEnded');
  if (session.pacing === 'together') return refused('togetherSession');
  if (session.status === 'lobby') return refused('notRunning');
  if (session.status === 'paused') return refused('sessionPaused');
  return ok();
}
