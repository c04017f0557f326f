// Joining a group session with a code (decision 0013): the code and join limits, then the join.
import type { Kysely } from 'kysely';
import type { AppServices } from '~/context.server';
import type { Database, GroupSession } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { consumeRate, rateRules } from '~/security/rate-limit.server';
import { type JoinRefusal, findJoinableSession } from './group-sessions.server';
import { JOIN_CODE_PATTERN, normaliseJoinCode } from './join-code';

/** Past a join limit: refused, with the seconds until she may try again (the response's Retry-After). */
export interface JoinLimited {
  ok: false;
  reason: 'joinTooMany';
  retryAfterSeconds: number;
}

const limited = (retryAfterSeconds: number): JoinLimited => ({ ok: false, reason: 'joinTooMany', retryAfterSeconds });

/** The Retry-After of a refusal past a join limit; none for any other. */
export function retryAfterHeaders(outcome: { reason: string; retryAfterSeconds?: number }): Record<string, string> {
  return outcome.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(outcome.retryAfterSeconds) };
}

/**
 * The open session behind a typed code, for the code form and the nickname page alike. Wrong
 * codes count per network, and past their limit a wrong code is refused (`joinTooMany`) —
 * the right one still works, so a class behind one address is not locked out by a few typos.
 * Every lookup counts too, with a limit a class never reaches: that is what bounds guessing.
 */
export async function lookUpJoinCode(
  db: Kysely<Database>,
  clientIp: string,
  rawCode: string | undefined,
): Promise<Result<GroupSession, 'joinCodeFormat' | 'joinCodeUnknown'> | JoinLimited> {
  const checks = await consumeRate(db, `join-checks-ip:${clientIp}`, rateRules.joinCodeChecksPerIp);
  if (!checks.allowed) return limited(checks.retryAfterSeconds);
  const code = normaliseJoinCode((rawCode ?? '').slice(0, 100));
  const wellFormed = JOIN_CODE_PATTERN.test(code);
  const session = wellFormed ? await findJoinableSession(db, code) : undefined;
  if (session) return ok(session);
  const wrong = await consumeRate(db, `join-wrong-ip:${clientIp}`, rateRules.joinWrongCodesPerIp);
  if (!wrong.allowed) return limited(wrong.retryAfterSeconds);
  return refused(wellFormed ? 'joinCodeUnknown' : 'joinCodeFormat');
}

/**
 * A girl joins with her (checked) nickname: counted per network and per session, each limit
 * on its own, then written (and announced) by the group sessions.
 */
export async function joinWithNickname(
  { db, groupSessions }: Pick<AppServices, 'db' | 'groupSessions'>,
  clientIp: string,
  sessionId: string,
  person: { nickname: string; avatar: string },
): Promise<Result<{ participantId: string }, JoinRefusal> | JoinLimited> {
  for (const [key, rule] of [
    [`joins-ip:${clientIp}`, rateRules.joinsPerIp],
    [`joins-session:${sessionId}`, rateRules.joinsPerSession],
  ] as const) {
    const verdict = await consumeRate(db, key, rule);
    if (!verdict.allowed) return limited(verdict.retryAfterSeconds);
  }
  return groupSessions.join(sessionId, person);
}
