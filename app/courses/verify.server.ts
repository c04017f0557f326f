// /verify (decision 0016): public, rate-limited like sign-in — 20 wrong codes a minute from
// one address, then every lookup waits — and it shows exactly what the PDF shows.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { consumeRate, peekRate, rateRules } from '~/security/rate-limit.server';
import { certificateByCode, viewOf, type CertificateView } from './certificates.server';
import { normaliseCertificateCode } from './certificate-code';

export type VerifyOutcome = { kind: 'found'; view: CertificateView } | { kind: 'notFound' } | { kind: 'tooMany'; retryAfterSeconds: number };

export async function verifyCertificate(db: Kysely<Database>, input: string, clientIp: string): Promise<VerifyOutcome> {
  const key = `verify-wrong-ip:${clientIp}`;
  const rate = await peekRate(db, key, rateRules.verifyWrongPerIp);
  if (!rate.allowed) return { kind: 'tooMany', retryAfterSeconds: rate.retryAfterSeconds };
  const code = normaliseCertificateCode(input.slice(0, 64));
  const row = code ? await certificateByCode(db, code) : undefined;
  if (row) return { kind: 'found', view: viewOf(row) };
  await consumeRate(db, key, rateRules.verifyWrongPerIp);
  return { kind: 'notFound' };
}
