import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { type RateLimited, consumeRate, peekRate, rateLimited, rateRules } from '~/security/rate-limit.server';
import { createAuthSession } from './auth-session.server';
import { authenticate, normaliseEmail } from './users.server';

export type SignInResult = Result<{ userId: string; sessionToken: string }, 'invalidCredentials'> | RateLimited;

/**
 * Rate-limited sign-in. Every attempt counts against the address it comes from; failures
 * also count against the account, with a limit that lapses. From a browser where she signed
 * in before (`knownDevice`), failures count against that device instead: hammering her
 * account from elsewhere never locks her out there. Unknown address and wrong password get
 * the same answer.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; clientIp: string; knownDevice?: string | null; previousSession?: string | null },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const accountKey = input.knownDevice ? `sign-in-device:${email}:${input.knownDevice}` : `sign-in-account:${email}`;
  const byIp = await consumeRate(db, `sign-in-ip:${input.clientIp}`, rateRules.signInPerIp);
  if (!byIp.allowed) return rateLimited(byIp);
  const byAccount = await peekRate(db, accountKey, rateRules.signInFailuresPerAccount);
  if (!byAccount.allowed) return rateLimited(byAccount);
  const userId = await authenticate(db, input.email, input.password);
  if (!userId) {
    await consumeRate(db, accountKey, rateRules.signInFailuresPerAccount);
    return refused('invalidCredentials');
  }
  return ok({ userId, sessionToken: await createAuthSession(db, userId, input.previousSession) });
}
