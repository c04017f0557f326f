import { createHmac, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '~/db/schema.server';

// What rate_limits keeps of a key ("sign-in-ip:203.0.113.5", "reset-account:<e-mail>"): a
// keyed hash (HMAC with the session secret, shared by every instance), never the address or
// e-mail itself (decision 0013). Until the runtime sets it, a random key of this process.
let hashKey: Buffer | string = randomBytes(32);

/** The runtime sets the key at start-up (the first session secret). */
export function setRateLimitKey(secret: string): void {
  hashKey = secret;
}

/** The key as stored in rate_limits. */
export function storedRateKey(key: string): string {
  return createHmac('sha256', hashKey).update(`rate-limit:${key}`).digest('base64url');
}

/** Rows older than this are no use to any rule (twice the longest window): the sweep deletes them. */
export const RATE_ROW_LIFETIME_MS = 2 * 60 * 60_000;

/** Deletes rows no rule looks at any more; run on a schedule (the runtime's sweep, every ten minutes), not on requests. */
export async function deleteExpiredRateRows(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now - RATE_ROW_LIFETIME_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface RateRule {
  limit: number;
  windowMs: number;
}

export const rateRules = {
  /** Every sign-in attempt from one address. */
  signInPerIp: { limit: 10, windowMs: 60_000 },
  /** Failed sign-ins on one account, from anywhere: slows guessing without a permanent lockout. */
  signInFailuresPerAccount: { limit: 30, windowMs: 15 * 60_000 },
  /** Complete registrations from one address (a facility's staff may share one). */
  registerPerIp: { limit: 20, windowMs: 60 * 60_000 },
  /** Registrations that sent one address an e-mail. */
  registerPerAccount: { limit: 3, windowMs: 60 * 60_000 },
  /** Wrong join codes from one network (a group's tablets share it): over it, wrong codes get 429; the right code still works. */
  joinWrongCodesPerIp: { limit: 10, windowMs: 60_000 },
  /**
   * Every code looked up from one network, right or wrong: what bounds guessing once the
   * wrong-code limit is reached. A class of 30 behind one address needs about 60 (form and page).
   */
  joinCodeChecksPerIp: { limit: 150, windowMs: 60_000 },
  /** Girls joining (a participant written) from one network: a class or two, with a few re-joins. */
  joinsPerIp: { limit: 40, windowMs: 10 * 60_000 },
  /** Girls joining one session, from anywhere: more than a class is not a class. */
  joinsPerSession: { limit: 40, windowMs: 10 * 60_000 },
  /** Care signals from one tablet (decision 0015): the console is never flooded. */
  careSignalPerParticipant: { limit: 3, windowMs: 10 * 60_000 },
  passwordResetPerIp: { limit: 10, windowMs: 60 * 60_000 },
  /** Wrong certificate codes at /verify from one address (decision 0016): 80-bit codes cannot be guessed anyway, but no scanning. */
  verifyWrongPerIp: { limit: 20, windowMs: 60_000 },
  passwordResetPerAccount: { limit: 3, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Sliding-window estimate over two fixed windows kept in the database, so that every app
 * instance on one database counts together: this window's hits plus the share of the
 * previous window that still overlaps. Counts the hit when `count` is true.
 */
async function evaluate(db: Kysely<Database>, plainKey: string, rule: RateRule, count: boolean): Promise<RateVerdict> {
  const key = storedRateKey(plainKey);
  const now = Date.now();
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  let current = 0;
  if (count) {
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: new Date(windowStart), hits: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
      .returning('hits')
      .executeTakeFirstOrThrow();
    current = row.hits;
  }
  const rows = await db
    .selectFrom('rate_limits')
    .select(['window_start', 'hits'])
    .where('key', '=', key)
    .where('window_start', 'in', [new Date(windowStart), new Date(windowStart - rule.windowMs)])
    .execute();
  const hitsIn = (start: number) => rows.find((r) => r.window_start.getTime() === start)?.hits ?? 0;
  if (!count) current = hitsIn(windowStart);
  const overlap = 1 - (now - windowStart) / rule.windowMs;
  // Rounded up: just after a window boundary, hits of a burst that straddles it must not
  // count for 19.9 of 20 (the limit would then let one more through).
  const estimate = current + Math.ceil(hitsIn(windowStart - rule.windowMs) * overlap);
  const allowed = count ? estimate <= rule.limit : estimate < rule.limit;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((windowStart + rule.windowMs - now) / 1000) };
}

/** Counts one attempt and says whether it is within the limit. */
export function consumeRate(db: Kysely<Database>, key: string, rule: RateRule): Promise<RateVerdict> {
  return evaluate(db, key, rule, true);
}

/** Says whether the next attempt would be over the limit, without counting one. */
export function peekRate(db: Kysely<Database>, key: string, rule: RateRule): Promise<RateVerdict> {
  return evaluate(db, key, rule, false);
}

/**
 * An attempt over a limit, in the one result shape (decision 0022): the common `tooMany`
 * reason, and when to try again (the answer's Retry-After).
 */
export interface RateLimited {
  ok: false;
  reason: 'tooMany';
  retryAfterSeconds: number;
}

export function rateLimited(verdict: RateVerdict): RateLimited {
  return { ok: false, reason: 'tooMany', retryAfterSeconds: verdict.retryAfterSeconds };
}

/** The Retry-After header of a refused attempt. */
export function retryAfterHeaders(limited: RateLimited): HeadersInit {
  return { 'Retry-After': String(limited.retryAfterSeconds) };
}
