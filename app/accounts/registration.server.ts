import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { type RateLimited, consumeRate, peekRate, rateLimited, rateRules } from '~/security/rate-limit.server';
import { type Registration, type RegistrationResult, normaliseEmail, registerUser } from './users.server';

/**
 * Rate-limited registration (decision 0006). Only attempts that reach the directory count
 * against the address they come from, so typing mistakes never lock a person out; an account
 * counts only the registrations that sent it an e-mail.
 */
export async function registerWithinLimits(db: Kysely<Database>, registration: Registration, clientIp: string): Promise<RegistrationResult | RateLimited> {
  const accountKey = `register-account:${normaliseEmail(registration.email)}`;
  const [byIp, byAccount] = await Promise.all([
    consumeRate(db, `register-ip:${clientIp}`, rateRules.registerPerIp),
    peekRate(db, accountKey, rateRules.registerPerAccount),
  ]);
  const rate = byIp.allowed ? byAccount : byIp;
  if (!rate.allowed) return rateLimited(rate);
  const result = await registerUser(db, registration);
  // Registered, or the address had an account already: either way it was sent an e-mail.
  if (result.ok) await consumeRate(db, accountKey, rateRules.registerPerAccount);
  return result;
}
