import { json } from '@remix-run/node';
import type { GroupSession } from '~/db/schema.server';
import { db } from '~/runtime.server';
import { consumeRate, rateRules } from '~/security/rate-limit.server';
import { findJoinableSession } from './group-sessions.server';
import { JOIN_CODE_PATTERN, normaliseJoinCode } from './join-code';

export type CodeLookup = { ok: true; session: GroupSession } | { ok: false; reason: 'format' | 'unknown' };

const tooMany = (retryAfterSeconds: number) =>
  json({ reason: 'tooMany', error: 'join.errors.tooMany' as const }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } });

/**
 * The open session behind a typed code (decision 0013). Wrong codes count per network, and
 * past their limit a wrong code gets 429 — the right one still works, so a class behind one
 * address is not locked out by a few typos. Every lookup counts too, with a limit a class
 * never reaches: that is what bounds guessing. Throws the 429.
 */
export async function lookUpJoinCode(rawCode: string | undefined, clientIp: string): Promise<CodeLookup> {
  const database = await db();
  const checks = await consumeRate(database, `join-checks-ip:${clientIp}`, rateRules.joinCodeChecksPerIp);
  if (!checks.allowed) throw tooMany(checks.retryAfterSeconds);
  const code = normaliseJoinCode((rawCode ?? '').slice(0, 100));
  const wellFormed = JOIN_CODE_PATTERN.test(code);
  const session = wellFormed ? await findJoinableSession(database, code) : undefined;
  if (session) return { ok: true, session };
  const wrong = await consumeRate(database, `join-wrong-ip:${clientIp}`, rateRules.joinWrongCodesPerIp);
  if (!wrong.allowed) throw tooMany(wrong.retryAfterSeconds);
  return { ok: false, reason: wellFormed ? 'unknown' : 'format' };
}

/** A girl joins (a participant is written): limited per network and per session, separately. Throws the 429. */
export async function countJoin(sessionId: string, clientIp: string): Promise<void> {
  const database = await db();
  for (const [key, rule] of [
    [`joins-ip:${clientIp}`, rateRules.joinsPerIp],
    [`joins-session:${sessionId}`, rateRules.joinsPerSession],
  ] as const) {
    const verdict = await consumeRate(database, key, rule);
    if (!verdict.allowed) throw tooMany(verdict.retryAfterSeconds);
  }
}
