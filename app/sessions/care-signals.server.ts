import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '~/db/schema.server';
import type { SessionChange } from '~/live/bus.server';
import { consumeRate, rateRules } from '~/security/rate-limit.server';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A girl's private "I want to stop / ask something" (decision 0015). It reaches only her
 * facilitator's console (never the projector, never a count); `already`: she has one the
 * facilitator has not marked seen yet, or sent a few lately — nothing new is written, and her
 * screen says kindly that her care worker knows.
 */
export type CareOutcome = { ok: true; sent: 'new' | 'already'; change: SessionChange | null } | { ok: false; reason: 'notInSession' | 'ended' };

export async function sendCareSignal(db: Kysely<Database>, participantId: string): Promise<CareOutcome> {
  if (await hasUnseenCareSignal(db, participantId)) return { ok: true, sent: 'already', change: null };
  const rate = await consumeRate(db, `care:${participantId}`, rateRules.careSignalPerParticipant);
  return db.transaction().execute(async (trx): Promise<CareOutcome> => {
    const participant = await trx.selectFrom('participants').select(['group_session_id', 'removed']).where('id', '=', participantId).executeTakeFirst();
    if (!participant?.group_session_id || participant.removed) return { ok: false, reason: 'notInSession' };
    const session = await trx
      .selectFrom('group_sessions')
      .select(['id', 'status', 'expires_at'])
      .where('id', '=', participant.group_session_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (session.status === 'ended' || session.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'ended' };
    if (!rate.allowed) return { ok: true, sent: 'already', change: null };
    await trx.insertInto('care_signals').values({ group_session_id: session.id, participant_id: participantId }).execute();
    const { version } = await trx
      .updateTable('group_sessions')
      .set({ care_signal_count: sql`care_signal_count + 1`, version: sql`version + 1` })
      .where('id', '=', session.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    return { ok: true, sent: 'new', change: { sessionId: session.id, version } };
  });
}

/** Whether her last signal still waits for the facilitator (her screen keeps saying she knows). */
export async function hasUnseenCareSignal(db: Db, participantId: string): Promise<boolean> {
  const row = await db.selectFrom('care_signals').select('id').where('participant_id', '=', participantId).where('seen_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** The facilitator marks a signal seen: it leaves her console. */
export async function markCareSignalSeen(db: Kysely<Database>, sessionId: string, signalId: string): Promise<SessionChange | null> {
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('care_signals')
      .set({ seen_at: new Date() })
      .where('id', '=', signalId)
      .where('group_session_id', '=', sessionId)
      .where('seen_at', 'is', null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) return null;
    const { version } = await trx
      .updateTable('group_sessions')
      .set({ version: sql`version + 1` })
      .where('id', '=', sessionId)
      .returning('version')
      .executeTakeFirstOrThrow();
    return { sessionId, version };
  });
}

/** At the end (with the nicknames) or when a girl is removed: the signals go, their count stays. */
export async function eraseCareSignals(trx: Db, where: { sessionId: string; participantId?: string }): Promise<void> {
  let query = trx.deleteFrom('care_signals').where('group_session_id', '=', where.sessionId);
  if (where.participantId) query = query.where('participant_id', '=', where.participantId);
  await query.execute();
}
