import { type Kysely, sql } from 'kysely';
import type { Database } from '~/db/schema.server';

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
  /** Join codes typed on one network (a group's tablets share it): wrong codes cannot be guessed quickly. */
  joinPerIp: { limit: 10, windowMs: 60_000 },
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
async function evaluate(db: Kysely<Database>, key: string, rule: RateRule, count: boolean): Promise<RateVerdict> {
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
  if (Math.random() < 0.01) {
    await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now - 24 * 60 * 60_000)).execute();
  }
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
