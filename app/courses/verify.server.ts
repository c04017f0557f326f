// /verify (decision 0016): public, rate-limited like sign-in — 20 wrong codes a minute from
// one address, then every lookup waits — and it shows exactly what the PDF shows.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { consumeRate, peekRate, rateRules } from '~/security/rate-limit.server';
import { certificateByCode, viewOf, type CertificateView } from './certificates.server';
import { normaliseCertificateCode } from './certificate-code';

/** A wrong code, or too many of them from this address (then also how long to wait). */
export type VerifyRefusal = { ok: false; reason: 'verifyWrongCode' } | { ok: false; reason: 'verifyTooMany'; retryAfterSeconds: number };
export type VerifyResult = Result<CertificateView, never> | VerifyRefusal;

export async function verifyCertificate(db: Kysely<Database>, input: string, clientIp: string): Promise<VerifyResult> {
  const key = `verify-wrong-ip:${clientIp}`;
  const rate = await peekRate(db, key, rateRules.verifyWrongPerIp);
  if (!rate.allowed) return { ...refused('verifyTooMany'), retryAfterSeconds: rate.retryAfterSeconds };
  const code = normaliseCertificateCode(input.slice(0, 64));
  const row = code ? await certificateByCode(db, code) : undefined;
  if (row) return ok(viewOf(row));
  await consumeRate(db, key, rateRules.verifyWrongPerIp);
  return refused('verifyWrongCode');
}
