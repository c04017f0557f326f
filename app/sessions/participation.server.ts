import type { Participant } from '~/db/schema.server';
import type { AppendOutcome } from '~/progress/progress.server';
import { announce, db } from '~/runtime.server';
import { findGroupSession, noteOwnPaceProgress } from './group-sessions.server';

export type GateClosed = 'ended' | 'paused' | 'notStarted' | 'together' | 'removed';

/**
 * May this participant post her own progress now? Solo players always; in a group session
 * only in own-pace mode, while it runs, and while she is still in it.
 */
export async function progressGate(participant: Participant): Promise<GateClosed | null> {
  if (!participant.group_session_id) return null;
  if (participant.removed) return 'removed';
  const session = await findGroupSession(await db(), participant.group_session_id);
  if (!session || session.status === 'ended' || session.expires_at.getTime() <= Date.now()) return 'ended';
  if (session.pacing === 'together') return 'together';
  if (session.status === 'lobby') return 'notStarted';
  if (session.status === 'paused') return 'paused';
  return null;
}

/** After an own-pace answer: her step for the facilitator's counts, announced to every instance. */
export async function afterProgress(participant: Participant, outcome: AppendOutcome): Promise<void> {
  if (!participant.group_session_id || outcome.kind !== 'appended') return;
  await announce(await noteOwnPaceProgress(await db(), participant.id, outcome.step));
}
