// Certificates (decision 0016): hers, one by code for /verify, the coordinators' list and
// revoking with a reason (audited). The status shown is valid, expired (from the expiry
// date) or revoked.
import type { Kysely } from 'kysely';
import { recordAudit } from '~/accounts/audit.server';
import type { Certificate, Database } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { normaliseCertificateCode } from './certificate-code';

export type CertificateShownStatus = 'valid' | 'expired' | 'revoked';

/** Exactly what the PDF and /verify show: the snapshot, the code and the status. Never an e-mail. */
export interface CertificateView {
  code: string;
  holderName: string;
  organisationName: string | null;
  courseTitle: string;
  courseVersion: number;
  score: number | null;
  issuedAt: string;
  expiresAt: string | null;
  status: CertificateShownStatus;
  revokedReason: string | null;
  revokedAt: string | null;
  language: string;
}

export function statusOf(row: Pick<Certificate, 'status' | 'expires_at'>, now: Date = new Date()): CertificateShownStatus {
  if (row.status === 'revoked') return 'revoked';
  return row.expires_at && row.expires_at.getTime() <= now.getTime() ? 'expired' : 'valid';
}

export function viewOf(row: Certificate, now: Date = new Date()): CertificateView {
  return {
    code: row.code,
    holderName: row.holder_name,
    organisationName: row.organisation_name,
    courseTitle: row.course_title,
    courseVersion: row.course_version,
    score: row.score,
    issuedAt: row.issued_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    status: statusOf(row, now),
    revokedReason: row.status === 'revoked' ? row.revoked_reason : null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    language: row.language,
  };
}

export async function certificateByCode(db: Kysely<Database>, code: string): Promise<Certificate | undefined> {
  return db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Her own certificate by its code (as typed or printed); another's is not found, like one that does not exist. */
export async function ownCertificate(db: Kysely<Database>, userId: string, typed: string): Promise<Result<CertificateView, 'notFound'>> {
  const code = normaliseCertificateCode(typed);
  const row = code ? await certificateByCode(db, code) : undefined;
  return row && row.user_id === userId ? ok(viewOf(row)) : refused('notFound');
}

/** Hers, newest first. */
export async function certificatesOf(db: Kysely<Database>, userId: string): Promise<Array<CertificateView & { courseId: string }>> {
  const rows = await db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('issued_at', 'desc').execute();
  return rows.map((row) => ({ ...viewOf(row), courseId: row.course_id }));
}

/** For coordinators: the latest certificates, or those whose code or holder matches (the first 100 characters of the query). */
export async function searchCertificates(
  db: Kysely<Database>,
  query: string | undefined,
  limit = 50,
): Promise<Array<CertificateView & { id: string; courseId: string }>> {
  let select = db.selectFrom('certificates').selectAll().orderBy('issued_at', 'desc').limit(limit);
  const term = query?.slice(0, 100).trim();
  if (term) {
    const code = term.toUpperCase().replace(/[\s-]/g, '');
    select = select.where((eb) => eb.or([eb('code', '=', code), eb('holder_name', 'ilike', `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)]));
  }
  const rows = await select.execute();
  return rows.map((row) => ({ ...viewOf(row), id: row.id, courseId: row.course_id }));
}

export type RevokeResult = Result<void, 'certificateNotFound' | 'alreadyRevoked'>;

/** A coordinator revokes a certificate with a reason: the change and its audit entry together. */
export async function revokeCertificate(db: Kysely<Database>, input: { certificateId: string; actorId: string; reason: string }): Promise<RevokeResult> {
  return db.transaction().execute(async (trx): Promise<RevokeResult> => {
    const row = await trx
      .selectFrom('certificates')
      .select(['id', 'status', 'code', 'course_id', 'user_id'])
      .where('id', '=', input.certificateId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return refused('certificateNotFound');
    if (row.status === 'revoked') return refused('alreadyRevoked');
    await trx
      .updateTable('certificates')
      .set({ status: 'revoked', revoked_reason: input.reason, revoked_by: input.actorId, revoked_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'certificate.revoke',
      targetType: 'certificate',
      targetId: row.id,
      details: { code: row.code, courseId: row.course_id, holderId: row.user_id, reason: input.reason },
    });
    return ok();
  });
}
