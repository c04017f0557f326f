import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';

export type AuditAction =
  | 'user.approve'
  | 'user.reject'
  | 'user.disable'
  | 'user.enable'
  | 'user.roles'
  | 'user.delete'
  | 'organisation.update'
  | 'organisation.merge'
  | 'certificate.revoke'
  | 'course-exception.grant'
  | 'course-exception.withdraw';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  targetType: 'user' | 'organisation' | 'certificate';
  targetId: string;
  details?: Record<string, unknown>;
}

/** Who did what to whom, when: written in the same transaction as the change itself. */
export async function recordAudit(db: Kysely<Database>, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: record.actorId,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, limit = 200) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.action', 'a.target_type', 'a.target_id', 'a.details', 'a.created_at', 'u.name as actor_name'])
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
