// A girl's private "I want to stop / ask something" (decision 0015): sending it and marking it
// seen are group-session writes (group-sessions.server.ts); these are the reads and erasures.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '~/db/schema.server';

type Db = Kysely<Database> | Transaction<Database>;

/** Whether her last signal still waits for the facilitator (her screen keeps saying she knows). */
export async function hasUnseenCareSignal(db: Db, participantId: string): Promise<boolean> {
  const row = await db.selectFrom('care_signals').select('id').where('participant_id', '=', participantId).where('seen_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** At the end (with the nicknames) or when a girl is removed: the signals go, their count stays. */
export async function eraseCareSignals(trx: Db, where: { sessionId: string; participantId?: string }): Promise<void> {
  let query = trx.deleteFrom('care_signals').where('group_session_id', '=', where.sessionId);
  if (where.participantId) query = query.where('participant_id', '=', where.participantId);
  await query.execute();
}
