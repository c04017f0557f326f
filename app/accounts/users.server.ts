import type { Kysely } from 'kysely';
import { courseDataOf } from '~/courses/export.server';
import { trainingDayDataOf } from '~/training-days/export.server';
import type { Database, Profession, Role, UserStatus } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { queueEmail } from '~/mail/outbox.server';
import { type OrganisationProposal, type OrganisationSummary, createOrganisation, findLookAlikes, findOrganisation } from '~/organisations/directory.server';
import { recordAudit } from './audit.server';
import { endAllAuthSessions } from './auth-session.server';
import { hashToken } from './crypto.server';
import { hashPassword, spendVerificationTime, verifyPassword } from './passwords.server';
import { type Actor, assignableRoles } from './permissions';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface Registration {
  name: string;
  email: string;
  password: string;
  language: string;
  profession: Profession;
  roles: Extract<Role, 'facilitator' | 'trainer'>[];
  organisation: { kind: 'existing'; id: string } | { kind: 'new'; proposal: OrganisationProposal; confirmed: boolean };
}

export type Registered =
  | { outcome: 'registered'; userId: string }
  /** Said to the visitor exactly like 'registered': the owner of the address gets an e-mail instead. */
  | { outcome: 'emailTaken' };

/** A proposed organisation that looks like these ones: she chooses first ("did you mean…"). */
export interface LookAlikesFound {
  ok: false;
  reason: 'organisationLookAlikes';
  candidates: OrganisationSummary[];
}

export type RegistrationResult = Result<Registered, 'unknownOrganisation'> | LookAlikesFound;

/** Registers a pending account; writes nothing unless everything is right. */
export async function registerUser(db: Kysely<Database>, registration: Registration): Promise<RegistrationResult> {
  const email = normaliseEmail(registration.email);
  if (registration.organisation.kind === 'new' && !registration.organisation.confirmed) {
    const candidates = await findLookAlikes(db, registration.organisation.proposal);
    if (candidates.length > 0) return { ok: false, reason: 'organisationLookAlikes', candidates };
  }
  const passwordHash = await hashPassword(registration.password);
  return db.transaction().execute(async (trx): Promise<RegistrationResult> => {
    const existing = await trx.selectFrom('users').select(['id', 'language']).where('email', '=', email).executeTakeFirst();
    if (existing) {
      await queueEmail(trx, { to: email, language: existing.language, template: 'registrationExists' });
      return ok({ outcome: 'emailTaken' });
    }
    let organisationId: string;
    if (registration.organisation.kind === 'existing') {
      const organisation = await findOrganisation(trx, registration.organisation.id);
      if (!organisation) return refused('unknownOrganisation');
      organisationId = organisation.id;
    } else {
      organisationId = await createOrganisation(trx, registration.organisation.proposal);
    }
    const { id } = await trx
      .insertInto('users')
      .values({
        email,
        name: registration.name,
        password_hash: passwordHash,
        language: registration.language,
        profession: registration.profession,
        organisation_id: organisationId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_roles')
      .values(registration.roles.map((role) => ({ user_id: id, role })))
      .execute();
    await queueEmail(trx, { to: email, language: registration.language, template: 'registered', values: { name: registration.name } });
    return ok({ outcome: 'registered', userId: id });
  });
}

/**
 * The user id when e-mail and password match, else null; an unknown address takes as long
 * as a wrong password. A hash made with weaker settings is replaced.
 */
export async function authenticate(db: Kysely<Database>, email: string, password: string): Promise<string | null> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'status']).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  if (!user) {
    await spendVerificationTime(password);
    return null;
  }
  const { valid, needsRehash } = await verifyPassword(user.password_hash, password);
  if (!valid || user.status === 'disabled') return null;
  if (needsRehash)
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .execute();
  return user.id;
}

/**
 * Approves or rejects a pending registration, tells her by e-mail, and writes the audit log.
 * One that is not pending (any more: another coordinator was quicker) is refused.
 */
export async function reviewRegistration(
  db: Kysely<Database>,
  actorId: string,
  userId: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<Result<void, 'registrationNotPending'>> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'email', 'name', 'language', 'status']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user || user.status !== 'pending') return refused('registrationNotPending');
    await trx
      .updateTable('users')
      .set({
        status: decision.approve ? 'approved' : 'rejected',
        rejection_reason: decision.approve ? null : decision.reason,
        reviewed_at: new Date(),
        reviewed_by: actorId,
      })
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, {
      actorId,
      action: decision.approve ? 'user.approve' : 'user.reject',
      targetType: 'user',
      targetId: userId,
      details: decision.approve ? {} : { reason: decision.reason },
    });
    await queueEmail(trx, {
      to: user.email,
      language: user.language,
      template: decision.approve ? 'approved' : 'rejected',
      values: { name: user.name, reason: decision.approve ? '' : decision.reason },
    });
    return ok();
  });
}

/**
 * Disables (ending every session) or re-enables an approved account — only one whose roles
 * the actor could hand out herself: a coordinator cannot disable an admin or a peer.
 */
export async function setUserEnabled(
  db: Kysely<Database>,
  actor: Actor & { id: string },
  userId: string,
  enabled: boolean,
): Promise<Result<void, 'userNotFound' | 'userStatusUnchanged'>> {
  const actorId = actor.id;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['status']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) return refused('userNotFound');
    const from = enabled ? 'disabled' : 'approved';
    if (user.status !== from || userId === actorId) return refused('userStatusUnchanged');
    const targetRoles = await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
    if (targetRoles.some((r) => !assignableRoles(actor).includes(r.role))) return refused('userStatusUnchanged');
    await trx
      .updateTable('users')
      .set({ status: enabled ? 'approved' : 'disabled' })
      .where('id', '=', userId)
      .execute();
    if (!enabled) await endAllAuthSessions(trx, userId);
    await recordAudit(trx, { actorId, action: enabled ? 'user.enable' : 'user.disable', targetType: 'user', targetId: userId });
    return ok();
  });
}

export type RoleChangeRefusal = 'noRoles' | 'userNotFound' | 'roleNotAssignable' | 'roleNeedsOrganisation';

/** Sets a user's roles; coordinators hand out facilitator and trainer, admins any role. */
export async function setUserRoles(
  db: Kysely<Database>,
  actor: Actor & { id: string },
  userId: string,
  roles: Role[],
): Promise<Result<void, RoleChangeRefusal>> {
  const wanted = [...new Set(roles)];
  if (wanted.length === 0) return refused('noRoles');
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'organisation_id']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) return refused('userNotFound');
    const current = (await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map((r) => r.role);
    const allowed = assignableRoles(actor);
    const changed = [...wanted.filter((r) => !current.includes(r)), ...current.filter((r) => !wanted.includes(r))];
    if (changed.some((role) => !allowed.includes(role))) return refused('roleNotAssignable');
    if (!user.organisation_id && wanted.some((r) => r === 'facilitator' || r === 'trainer')) return refused('roleNeedsOrganisation');
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    await trx
      .insertInto('user_roles')
      .values(wanted.map((role) => ({ user_id: userId, role })))
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: 'user.roles', targetType: 'user', targetId: userId, details: { from: current, to: wanted } });
    return ok();
  });
}

/**
 * Changes the password after checking the current one; her other sessions end, the one she
 * changed it from (`keepSessionToken`, the token of this browser's session) stays.
 */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionToken?: string | null,
): Promise<Result<void, 'wrongPassword'>> {
  const user = await db.selectFrom('users').select(['password_hash', 'email', 'language']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, currentPassword)).valid) return refused('wrongPassword');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    let others = trx.deleteFrom('auth_sessions').where('user_id', '=', userId);
    if (keepSessionToken) others = others.where('id_hash', '!=', hashToken(keepSessionToken));
    await others.execute();
    await queueEmail(trx, { to: user.email, language: user.language, template: 'passwordChanged' });
  });
  return ok();
}

/** Changes the e-mail address after checking the password; the old address is told. */
export async function changeEmail(
  db: Kysely<Database>,
  userId: string,
  password: string,
  newEmail: string,
): Promise<Result<void, 'wrongPassword' | 'emailTaken'>> {
  const user = await db.selectFrom('users').select(['password_hash', 'email', 'language']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password)).valid) return refused('wrongPassword');
  const email = normaliseEmail(newEmail);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).where('id', '!=', userId).executeTakeFirst();
    if (taken) return refused('emailTaken');
    await trx.updateTable('users').set({ email }).where('id', '=', userId).execute();
    await queueEmail(trx, { to: user.email, language: user.language, template: 'emailChanged', values: { email } });
    return ok();
  });
}

/** Everything stored about her, for the "download my data" button. */
export async function exportUserData(db: Kysely<Database>, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language', 'profession', 'organisation_id', 'status', 'rejection_reason', 'created_at', 'reviewed_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const [roles, organisation, sessions, resetTokens, emails, actions, courses, trainingDays] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    user.organisation_id ? findOrganisation(db, user.organisation_id) : undefined,
    db.selectFrom('auth_sessions').select(['created_at', 'last_seen_at', 'expires_at']).where('user_id', '=', userId).execute(),
    db.selectFrom('password_reset_tokens').select(['created_at', 'expires_at', 'used_at']).where('user_id', '=', userId).execute(),
    db.selectFrom('outbox').select(['created_at', 'subject', 'sent_at']).where('recipient', '=', user.email).execute(),
    db.selectFrom('audit_log').select(['created_at', 'action', 'target_type', 'target_id']).where('actor_id', '=', userId).execute(),
    courseDataOf(db, userId),
    trainingDayDataOf(db, userId),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: { ...user, roles: roles.map((r) => r.role) },
    organisation: organisation ? { id: organisation.id, name: organisation.name, municipality: organisation.municipality } : null,
    sessions,
    passwordResetRequests: resetTokens,
    emailsSentToYou: emails,
    actionsYouTook: actions,
    courses,
    trainingDays,
  };
}

/**
 * Deletes her account: name, e-mail, sessions and roles go; her organisation and its
 * aggregate figures stay; audit entries keep the action without her.
 */
export async function deleteAccount(db: Kysely<Database>, userId: string, password: string): Promise<Result<void, 'wrongPassword'>> {
  const user = await db.selectFrom('users').select(['password_hash', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password)).valid) return refused('wrongPassword');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('outbox').where('recipient', '=', user.email).execute();
    await trx.deleteFrom('users').where('id', '=', userId).execute();
    await recordAudit(trx, { actorId: null, action: 'user.delete', targetType: 'user', targetId: userId });
  });
  return ok();
}

/** Why her registration was rejected (null while it waits): the waiting page shows it to her. */
export async function rejectionReasonOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  const user = await db.selectFrom('users').select('rejection_reason').where('id', '=', userId).executeTakeFirst();
  return user?.rejection_reason ?? null;
}

/** How many accounts there are in each state (the coordinator's start page). */
export async function countUsersByStatus(db: Kysely<Database>): Promise<Record<UserStatus, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<UserStatus, number> = { pending: 0, approved: 0, rejected: 0, disabled: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function listPendingRegistrations(db: Kysely<Database>) {
  const pending = await db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.email', 'u.profession', 'u.language', 'u.created_at', 'u.organisation_id'])
    .select([
      'o.name as organisation_name',
      'o.type as organisation_type',
      'o.postal_code',
      'o.municipality',
      'o.region',
      'o.created_at as organisation_created_at',
    ])
    .where('u.status', '=', 'pending')
    .orderBy('u.created_at')
    .execute();
  const organisationIds = [...new Set(pending.map((p) => p.organisation_id).filter((id): id is string => !!id))];
  const [members, roles] = await Promise.all([
    organisationIds.length
      ? db.selectFrom('users').select(['id', 'name', 'status', 'organisation_id']).where('organisation_id', 'in', organisationIds).execute()
      : [],
    pending.length
      ? db
          .selectFrom('user_roles')
          .select(['user_id', 'role'])
          .where(
            'user_id',
            'in',
            pending.map((p) => p.id),
          )
          .execute()
      : [],
  ]);
  return pending.map((registration) => ({
    ...registration,
    roles: roles.filter((r) => r.user_id === registration.id).map((r) => r.role),
    otherMembers: members.filter((m) => m.organisation_id === registration.organisation_id && m.id !== registration.id),
  }));
}

export async function listUsers(db: Kysely<Database>, query: string, limit = 100) {
  const needle = `%${query.trim().toLowerCase()}%`;
  const users = await db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.email', 'u.status', 'u.profession', 'o.name as organisation_name'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['u.name']), 'like', needle), eb('u.email', 'like', needle)]))
    .orderBy('u.name')
    .limit(limit)
    .execute();
  const roles = users.length
    ? await db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) }));
}
