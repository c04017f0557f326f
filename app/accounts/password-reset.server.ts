import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { queueEmail } from '~/mail/outbox.server';
import { type RateLimited, consumeRate, rateLimited, rateRules } from '~/security/rate-limit.server';
import { endAllAuthSessions } from './auth-session.server';
import { hashToken, randomToken } from './crypto.server';
import { hashPassword } from './passwords.server';
import { normaliseEmail } from './users.server';

/** A reset link works for an hour, once. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/**
 * "Forgot my password", rate-limited (decision 0006): every request counts against the address
 * it comes from (over that limit: refused, with Retry-After) and against the account. Over the
 * account's limit nothing more is sent, quietly: the answer stays the same, whoever asks.
 */
export async function requestPasswordResetWithinLimits(
  db: Kysely<Database>,
  request: { email: string; clientIp: string; origin: string },
): Promise<{ ok: true; value: void } | RateLimited> {
  const [byIp, byAccount] = await Promise.all([
    consumeRate(db, `reset-ip:${request.clientIp}`, rateRules.passwordResetPerIp),
    consumeRate(db, `reset-account:${normaliseEmail(request.email)}`, rateRules.passwordResetPerAccount),
  ]);
  if (!byIp.allowed) return rateLimited(byIp);
  if (byAccount.allowed) await requestPasswordReset(db, request.email, request.origin);
  return ok();
}

/** Queues a reset link for a known address; says nothing either way. */
export async function requestPasswordReset(db: Kysely<Database>, email: string, origin: string): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'language', 'status']).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  if (!user || user.status === 'disabled') return;
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_reset_tokens')
      .values({ token_hash: hashToken(token), user_id: user.id, expires_at: new Date(Date.now() + PASSWORD_RESET_TTL_MS) })
      .execute();
    await queueEmail(trx, {
      to: normaliseEmail(email),
      language: user.language,
      template: 'passwordReset',
      values: { link: `${origin}/account/reset-password?token=${encodeURIComponent(token)}`, minutes: String(PASSWORD_RESET_TTL_MS / 60_000) },
    });
  });
}

/** Whether a reset token is still usable (shown before the form). */
export async function isResetTokenUsable(db: Kysely<Database>, token: string): Promise<boolean> {
  const row = await db.selectFrom('password_reset_tokens').select(['expires_at', 'used_at']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
  return !!row && !row.used_at && row.expires_at.getTime() > Date.now();
}

/** Uses a single-use token: new password, every session ended, every other token voided. */
export async function resetPassword(db: Kysely<Database>, token: string, newPassword: string): Promise<Result<void, 'resetLinkUnusable'>> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('password_reset_tokens')
      .select(['user_id', 'expires_at', 'used_at'])
      .where('token_hash', '=', hashToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at.getTime() <= Date.now()) return refused('resetLinkUnusable');
    await trx.updateTable('password_reset_tokens').set({ used_at: new Date() }).where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', row.user_id).execute();
    await endAllAuthSessions(trx, row.user_id);
    const user = await trx.selectFrom('users').select(['email', 'language']).where('id', '=', row.user_id).executeTakeFirstOrThrow();
    await queueEmail(trx, { to: user.email, language: user.language, template: 'passwordChanged' });
    return ok();
  });
}
