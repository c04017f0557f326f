import * as argon2 from '@node-rs/argon2';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, createAuthSession, findSessionUser } from '~/accounts/auth-session.server';
import { hashToken } from '~/accounts/crypto.server';
import { requestPasswordReset, requestPasswordResetWithinLimits, resetPassword } from '~/accounts/password-reset.server';
import { signIn } from '~/accounts/sign-in.server';
import {
  authenticate,
  changeEmail,
  changePassword,
  countUsersByStatus,
  deleteAccount,
  exportUserData,
  listPendingRegistrations,
  registerUser,
  rejectionReasonOf,
  reviewRegistration,
  setUserEnabled,
  setUserRoles,
} from '~/accounts/users.server';
import { listOutbox, queueEmail } from '~/mail/outbox.server';
import {
  approvedMembers,
  createOrganisation,
  findLookAlikes,
  findOrganisation,
  mergeCandidates,
  mergeOrganisations,
  organisationReferences,
  updateOrganisation,
} from '~/organisations/directory.server';
import { statusOf } from '~/reasons';
import { RATE_ROW_LIFETIME_MS, consumeRate, deleteExpiredRateRows, peekRate, storedRateKey } from '~/security/rate-limit.server';
import { databaseKind, openTestDatabase } from './test-database';
import { databaseWithStaff } from './people';

describe(`accounts on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let organisationId: string;
  let coordinatorId: string;
  const counts = async () => {
    const tables = ['users', 'organisations', 'user_roles', 'outbox', 'audit_log', 'password_reset_tokens'] as const;
    const entries = await Promise.all(
      tables.map(
        async (table) =>
          [
            table,
            Number(
              (
                await database.db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll<string>().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          ] as const,
      ),
    );
    return Object.fromEntries(entries);
  };
  const person = (email: string, organisation: Parameters<typeof registerUser>[1]['organisation']) => ({
    name: 'Sara Peeters',
    email,
    password: 'zonnebloem op de vensterbank',
    language: 'nl',
    profession: 'youth_care_worker' as const,
    roles: ['facilitator' as const],
    organisation,
  });

  beforeAll(async () => {
    ({ database, organisationId, staffId: coordinatorId } = await databaseWithStaff({ email: 'coordinator@example.org', role: 'coordinator' }));
  });
  afterAll(async () => {
    await database.drop();
  });

  it('registers a pending account with its role and a welcome e-mail in her language', async () => {
    const result = await registerUser(database.db, person('Sara@Example.org ', { kind: 'existing', id: organisationId }));
    expect(result).toMatchObject({ ok: true, value: { outcome: 'registered' } });
    const user = await database.db.selectFrom('users').selectAll().where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    expect(user.status).toBe('pending');
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const mail = await database.db.selectFrom('outbox').selectAll().where('recipient', '=', 'sara@example.org').executeTakeFirstOrThrow();
    expect(mail.subject).toBe('We ontvingen je registratie');
  });

  it('offers look-alikes before creating an organisation, and writes nothing meanwhile', async () => {
    const before = await counts();
    const result = await registerUser(
      database.db,
      person('lotte@example.org', {
        kind: 'new',
        confirmed: false,
        proposal: { name: 'vzw Jeugdhulp de LINDE', type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' },
      }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'organisationLookAlikes', candidates: [{ id: organisationId, name: 'Jeugdhulp De Linde' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown organisation id without writing anything', async () => {
    const before = await counts();
    const result = await registerUser(database.db, person('nobody@example.org', { kind: 'existing', id: '00000000-0000-4000-8000-000000000000' }));
    expect(result).toEqual({ ok: false, reason: 'unknownOrganisation' });
    expect(await counts()).toEqual(before);
  });

  it('answers a known address like a new one, and tells the owner instead', async () => {
    const users = (await counts()).users;
    const result = await registerUser(database.db, person('sara@example.org', { kind: 'existing', id: organisationId }));
    expect(result).toEqual({ ok: true, value: { outcome: 'emailTaken' } });
    expect((await counts()).users).toBe(users);
    const mails = await database.db.selectFrom('outbox').select('subject').where('recipient', '=', 'sara@example.org').execute();
    expect(mails.map((m) => m.subject)).toContain('Iemand probeerde te registreren met jouw adres');
  });

  it('lists the queue with the organisation’s other members, and audits the approval', async () => {
    await registerUser(database.db, person('lotte@example.org', { kind: 'existing', id: organisationId }));
    const queue = await listPendingRegistrations(database.db);
    const lotte = queue.find((r) => r.email === 'lotte@example.org')!;
    expect(lotte.organisation_name).toBe('Jeugdhulp De Linde');
    expect(lotte.otherMembers.map((m) => m.name)).toEqual(['Sara Peeters']);
    const sara = queue.find((r) => r.email === 'sara@example.org')!;
    expect(await countUsersByStatus(database.db)).toEqual({ pending: 2, approved: 1, rejected: 0, disabled: 0 });
    expect(await reviewRegistration(database.db, coordinatorId, sara.id, { approve: true })).toEqual({ ok: true, value: undefined });
    // A second coordinator a moment later: already handled, nothing written twice.
    expect(await reviewRegistration(database.db, coordinatorId, sara.id, { approve: false, reason: 'Te laat' })).toEqual({
      ok: false,
      reason: 'registrationNotPending',
    });
    const audit = await database.db.selectFrom('audit_log').selectAll().where('target_id', '=', sara.id).execute();
    expect(audit).toMatchObject([{ actor_id: coordinatorId, action: 'user.approve', target_type: 'user' }]);
    expect(await countUsersByStatus(database.db)).toEqual({ pending: 1, approved: 2, rejected: 0, disabled: 0 });
    // Her colleagues see the approved members only, without their addresses.
    expect(await approvedMembers(database.db, organisationId)).toEqual([{ id: sara.id, name: 'Sara Peeters', profession: 'youth_care_worker' }]);
    expect(await rejectionReasonOf(database.db, sara.id)).toBeNull();
  });

  it('a rejected registration keeps the reason she is shown', async () => {
    const result = await registerUser(database.db, person('rejected@example.org', { kind: 'existing', id: organisationId }));
    if (!result.ok || result.value.outcome !== 'registered') throw new Error('registration');
    const reason = 'Wij kennen deze organisatie niet; neem contact op.';
    expect((await reviewRegistration(database.db, coordinatorId, result.value.userId, { approve: false, reason })).ok).toBe(true);
    expect(await rejectionReasonOf(database.db, result.value.userId)).toBe(reason);
  });

  it('authenticates the right password only, and says null for an unknown address', async () => {
    expect(await authenticate(database.db, 'SARA@example.org', 'zonnebloem op de vensterbank')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await authenticate(database.db, 'sara@example.org', 'wrong password here')).toBeNull();
    expect(await authenticate(database.db, 'unknown@example.org', 'zonnebloem op de vensterbank')).toBeNull();
  });

  it('resets a password with a single-use token, ending every session', async () => {
    const sara = await database.db.selectFrom('users').select('id').where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    await database.db
      .insertInto('auth_sessions')
      .values({ id_hash: 'h1', user_id: sara.id, expires_at: new Date(Date.now() + 60_000) })
      .execute();
    await requestPasswordReset(database.db, 'sara@example.org', 'https://weerbaar.example');
    const mail = await database.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'sara@example.org')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = decodeURIComponent(/token=(\S+)/.exec(mail.body)![1]!);
    expect(mail.body).toContain('https://weerbaar.example/account/reset-password?token=');

    expect(await resetPassword(database.db, token, 'zeven zeemeeuwen op het strand')).toEqual({ ok: true, value: undefined });
    expect(await resetPassword(database.db, token, 'nog een ander wachtwoord')).toEqual({ ok: false, reason: 'resetLinkUnusable' });
    expect(await authenticate(database.db, 'sara@example.org', 'zeven zeemeeuwen op het strand')).toBe(sara.id);
    expect(await database.db.selectFrom('auth_sessions').select('id_hash').where('user_id', '=', sara.id).execute()).toEqual([]);
  });

  it('refuses an expired token and changes nothing', async () => {
    const sara = await database.db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    await database.db
      .insertInto('password_reset_tokens')
      .values({ token_hash: hashToken('expired-token-000000000000'), user_id: sara.id, expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect(await resetPassword(database.db, 'expired-token-000000000000', 'een heel nieuw wachtwoord')).toEqual({ ok: false, reason: 'resetLinkUnusable' });
    const after = await database.db.selectFrom('users').select('password_hash').where('id', '=', sara.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(sara.password_hash);
  });

  it('limits reset requests: quietly per account, with a refusal per address', async () => {
    const resetMails = async () =>
      (await database.db.selectFrom('outbox').select('subject').where('recipient', '=', 'sara@example.org').execute()).filter(
        (m) => m.subject === 'Een nieuw wachtwoord kiezen',
      ).length;
    const before = await resetMails();
    const ask = (email: string) => requestPasswordResetWithinLimits(database.db, { email, clientIp: '198.51.100.7', origin: 'https://weerbaar.example' });
    // Three links an hour to one account; a fourth request gets the same answer and no mail.
    for (let n = 1; n <= 4; n++) expect(await ask(' Sara@Example.org')).toEqual({ ok: true, value: undefined });
    expect(await resetMails()).toBe(before + 3);
    // Ten requests an hour from one address, whichever accounts they name; the eleventh is refused.
    for (let n = 5; n <= 10; n++) expect((await ask(`unknown-${n}@example.org`)).ok).toBe(true);
    const refused = await ask('unknown-11@example.org');
    expect(refused).toMatchObject({ ok: false, reason: 'tooMany' });
    const retryAfter = refused.ok ? 0 : refused.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60 * 60);
    // Another address still gets its link.
    expect(
      await requestPasswordResetWithinLimits(database.db, { email: 'coordinator@example.org', clientIp: '198.51.100.8', origin: 'https://weerbaar.example' }),
    ).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('lets coordinators hand out facilitator and trainer only', async () => {
    const sara = await database.db.selectFrom('users').select('id').where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    const coordinator = { id: coordinatorId, roles: ['coordinator' as const], organisationId: null };
    expect(await setUserRoles(database.db, coordinator, sara.id, ['facilitator', 'admin'])).toEqual({ ok: false, reason: 'roleNotAssignable' });
    expect(await setUserRoles(database.db, coordinator, sara.id, [])).toEqual({ ok: false, reason: 'noRoles' });
    expect(await setUserRoles(database.db, coordinator, '00000000-0000-4000-8000-000000000000', ['trainer'])).toEqual({ ok: false, reason: 'userNotFound' });
    expect(await setUserRoles(database.db, coordinator, sara.id, ['facilitator', 'trainer'])).toEqual({ ok: true, value: undefined });
    const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', sara.id).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['facilitator', 'trainer']);
  });

  it('gives no facilitator or trainer role to someone without an organisation', async () => {
    const admin = { id: coordinatorId, roles: ['admin' as const], organisationId: null };
    // The coordinator of this file belongs to no organisation.
    expect(await setUserRoles(database.db, admin, coordinatorId, ['coordinator', 'facilitator'])).toEqual({ ok: false, reason: 'roleNeedsOrganisation' });
    const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', coordinatorId).execute();
    expect(roles.map((r) => r.role)).toEqual(['coordinator']);
  });

  it('hides reset links to coordinators and admins from a coordinator’s outbox, not from an admin’s', async () => {
    await requestPasswordReset(database.db, 'coordinator@example.org', 'https://weerbaar.example');
    await requestPasswordReset(database.db, 'sara@example.org', 'https://weerbaar.example');
    const asCoordinator = await listOutbox(database.db, { assignableRoles: ['facilitator', 'trainer'] });
    const asAdmin = await listOutbox(database.db, { assignableRoles: ['facilitator', 'trainer', 'coordinator', 'admin'] });
    const hidden = (list: typeof asAdmin, to: string) => list.filter((m) => m.recipient === to).every((m) => m.bodyHidden);
    expect(hidden(asCoordinator, 'coordinator@example.org')).toBe(true);
    expect(hidden(asCoordinator, 'sara@example.org')).toBe(false);
    expect(hidden(asAdmin, 'coordinator@example.org')).toBe(false);
  });

  it('disabling ends her sessions and sign-ins', async () => {
    const sara = await database.db.selectFrom('users').select('id').where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    await database.db
      .insertInto('auth_sessions')
      .values({ id_hash: 'h2', user_id: sara.id, expires_at: new Date(Date.now() + 60_000) })
      .execute();
    const coordinator = { id: coordinatorId, roles: ['coordinator' as const], organisationId: null };
    const refusedAs = (reason: string) => ({ ok: false, reason });
    expect(await setUserEnabled(database.db, coordinator, coordinatorId, false), 'herself').toEqual(refusedAs('userStatusUnchanged'));
    expect(await setUserEnabled(database.db, coordinator, sara.id, true), 'not disabled').toEqual(refusedAs('userStatusUnchanged'));
    expect(await setUserEnabled(database.db, coordinator, '00000000-0000-4000-8000-000000000000', false)).toEqual(refusedAs('userNotFound'));
    expect(await setUserEnabled(database.db, coordinator, sara.id, false)).toEqual({ ok: true, value: undefined });
    expect(await database.db.selectFrom('auth_sessions').select('id_hash').where('user_id', '=', sara.id).execute()).toEqual([]);
    expect(await authenticate(database.db, 'sara@example.org', 'zeven zeemeeuwen op het strand')).toBeNull();
    expect(await setUserEnabled(database.db, coordinator, sara.id, true)).toEqual({ ok: true, value: undefined });
  });

  it('merges a duplicate organisation: members move, the duplicate goes, the audit log says so', async () => {
    const duplicate = await createOrganisation(database.db, {
      name: 'De Linde Gent',
      type: 'youth_care',
      postal_code: '9000',
      municipality: 'Gent',
      region: 'oost_vlaanderen',
    });
    await registerUser(database.db, person('jan@example.org', { kind: 'existing', id: duplicate }));
    // A search finds the duplicate; the organisation itself is never offered, not even as its own look-alike.
    const survivor = (await findOrganisation(database.db, organisationId))!;
    expect((await findLookAlikes(database.db, survivor)).map((o) => o.id)).toEqual([organisationId]);
    expect(await mergeCandidates(database.db, survivor, '')).toEqual([]);
    expect((await mergeCandidates(database.db, survivor, 'linde')).map((o) => o.id)).toEqual([duplicate]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await mergeOrganisations(database.db, coordinatorId, organisationId, organisationId), 'into itself').toEqual({
      ok: false,
      reason: 'noSuchDuplicate',
    });
    expect(await mergeOrganisations(database.db, coordinatorId, organisationId, unknown)).toEqual({ ok: false, reason: 'noSuchDuplicate' });
    expect(await mergeOrganisations(database.db, coordinatorId, unknown, duplicate)).toEqual({ ok: false, reason: 'notFound' });
    expect(await database.db.selectFrom('organisations').select('id').where('id', '=', duplicate).execute()).toHaveLength(1);
    expect(await mergeOrganisations(database.db, coordinatorId, organisationId, duplicate)).toEqual({ ok: true, value: undefined });
    const jan = await database.db.selectFrom('users').select('organisation_id').where('email', '=', 'jan@example.org').executeTakeFirstOrThrow();
    expect(jan.organisation_id).toBe(organisationId);
    expect(await database.db.selectFrom('organisations').select('id').where('id', '=', duplicate).execute()).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'organisation.merge').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ merged: { name: 'De Linde Gent' }, rowsMoved: 1 });
  });

  it('merges every column that points at an organisation (none forgotten)', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select kcu.table_name, kcu.column_name
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
      where ccu.table_name = 'organisations'`.execute(database.db);
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`).sort()).toEqual(organisationReferences.map((r) => `${r.table}.${r.column}`).sort());
  });

  it('exports her data and deletes her account; the organisation stays', async () => {
    const jan = await database.db.selectFrom('users').select('id').where('email', '=', 'jan@example.org').executeTakeFirstOrThrow();
    const exported = await exportUserData(database.db, jan.id);
    expect(exported.account).toMatchObject({ email: 'jan@example.org', name: 'Sara Peeters', roles: ['facilitator'] });
    expect(JSON.stringify(exported)).not.toContain('password_hash');
    expect(await changeEmail(database.db, jan.id, 'wrong', 'x@example.org')).toEqual({ ok: false, reason: 'wrongPassword' });
    expect(await deleteAccount(database.db, jan.id, 'wrong password')).toEqual({ ok: false, reason: 'wrongPassword' });
    expect(await database.db.selectFrom('users').select('id').where('id', '=', jan.id).execute()).toHaveLength(1);
    expect(await deleteAccount(database.db, jan.id, 'zonnebloem op de vensterbank')).toEqual({ ok: true, value: undefined });
    expect(await database.db.selectFrom('users').select('id').where('id', '=', jan.id).execute()).toEqual([]);
    expect(await database.db.selectFrom('outbox').select('id').where('recipient', '=', 'jan@example.org').execute()).toEqual([]);
    expect(await database.db.selectFrom('organisations').select('id').where('id', '=', organisationId).execute()).toHaveLength(1);
  });

  it('counts rate-limited attempts across calls, and peeking does not count', async () => {
    const rule = { limit: 3, windowMs: 60_000 };
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push((await consumeRate(database.db, 'test-key', rule)).allowed);
    expect(verdicts).toEqual([true, true, true, false, false]);
    expect((await peekRate(database.db, 'test-key', rule)).allowed).toBe(false);
    expect((await peekRate(database.db, 'other-key', rule)).allowed).toBe(true);
    expect((await peekRate(database.db, 'other-key', rule)).allowed).toBe(true);
    const blocked = await consumeRate(database.db, 'test-key', rule);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps a keyed hash of the key, never the address itself, and the sweep deletes rows no rule reads any more', async () => {
    const rule = { limit: 3, windowMs: 60_000 };
    await consumeRate(database.db, 'sign-in-ip:198.51.100.77', rule);
    const rows = await database.db.selectFrom('rate_limits').select(['key', 'window_start']).execute();
    expect(JSON.stringify(rows)).not.toContain('198.51.100.77');
    expect(rows.map((r) => r.key)).toContain(storedRateKey('sign-in-ip:198.51.100.77'));
    // Not a plain hash anyone could recompute from a list of addresses: keyed.
    const { createHash } = await import('node:crypto');
    expect(rows.map((r) => r.key)).not.toContain(createHash('sha256').update('sign-in-ip:198.51.100.77').digest('base64url'));
    const key = storedRateKey('sign-in-ip:198.51.100.77');
    await database.db
      .insertInto('rate_limits')
      .values({ key, window_start: new Date(Date.now() - RATE_ROW_LIFETIME_MS - 60_000), hits: 4 })
      .execute();
    const before = await database.db.selectFrom('rate_limits').select('key').where('key', '=', key).execute();
    expect(before).toHaveLength(2);
    expect(await deleteExpiredRateRows(database.db)).toBeGreaterThanOrEqual(1);
    expect(await database.db.selectFrom('rate_limits').select('key').where('key', '=', key).execute()).toHaveLength(1);
  });
});

describe(`staff sessions, sign-in and changes to her account on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let organisationId: string;
  let coordinatorId: string;
  const password = 'zonnebloem op de vensterbank';

  /** An approved facilitator of De Linde, speaking `language`; returns her id. */
  async function approvedFacilitator(email: string, language = 'nl'): Promise<string> {
    const result = await registerUser(database.db, {
      name: 'Nora Janssens',
      email,
      password,
      language,
      profession: 'youth_care_worker',
      roles: ['facilitator'],
      organisation: { kind: 'existing', id: organisationId },
    });
    if (!result.ok || result.value.outcome !== 'registered') throw new Error(`registration of ${email}: ${JSON.stringify(result)}`);
    await reviewRegistration(database.db, coordinatorId, result.value.userId, { approve: true });
    return result.value.userId;
  }
  const sessionRow = (token: string) => database.db.selectFrom('auth_sessions').selectAll().where('id_hash', '=', hashToken(token)).executeTakeFirst();
  const passwordHashOf = async (id: string) =>
    (await database.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
  const mailsTo = (recipient: string) =>
    database.db.selectFrom('outbox').select(['language', 'subject', 'body']).where('recipient', '=', recipient).orderBy('id').execute();

  beforeAll(async () => {
    ({ database, organisationId, staffId: coordinatorId } = await databaseWithStaff({ email: 'coordinator@example.org', role: 'coordinator' }));
  });
  afterAll(async () => {
    await database.drop();
  });

  it('replaces a weaker argon2 hash at sign-in, and only when the password is right', async () => {
    const id = await approvedFacilitator('rehash@example.org');
    const weak = await argon2.hash(password, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(weak).toMatch(/^\$argon2id\$v=19\$m=4096,t=1,p=1\$/);
    await database.db.updateTable('users').set({ password_hash: weak }).where('id', '=', id).execute();

    expect(await authenticate(database.db, 'rehash@example.org', 'not her password at all')).toBeNull();
    expect(await passwordHashOf(id)).toBe(weak);

    expect(await authenticate(database.db, 'rehash@example.org', password)).toBe(id);
    const rehashed = await passwordHashOf(id);
    expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2.verify(rehashed, password)).toBe(true);
    // Today's hash stays as it is at the next sign-in.
    expect(await authenticate(database.db, 'rehash@example.org', password)).toBe(id);
    expect(await passwordHashOf(id)).toBe(rehashed);
  });

  it('ends a session idle for two hours; activity within two hours keeps it going', async () => {
    const id = await approvedFacilitator('idle@example.org');
    const token = await createAuthSession(database.db, id);
    expect((await findSessionUser(database.db, token))?.id).toBe(id);

    // Seen 1 h 59 min ago: still valid, and last-seen moves to now.
    const almost = new Date(Date.now() - SESSION_IDLE_MS + 60_000);
    await database.db.updateTable('auth_sessions').set({ last_seen_at: almost }).where('id_hash', '=', hashToken(token)).execute();
    expect((await findSessionUser(database.db, token))?.id).toBe(id);
    expect((await sessionRow(token))!.last_seen_at.getTime()).toBeGreaterThan(Date.now() - 10_000);

    // Seen 2 h and a second ago: gone, row and all.
    await database.db
      .updateTable('auth_sessions')
      .set({ last_seen_at: new Date(Date.now() - SESSION_IDLE_MS - 1000) })
      .where('id_hash', '=', hashToken(token))
      .execute();
    expect(await findSessionUser(database.db, token)).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
  });

  it('ends a session twelve hours after sign-in however active it is', async () => {
    const id = await approvedFacilitator('absolute@example.org');
    const token = await createAuthSession(database.db, id);
    const row = (await sessionRow(token))!;
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThan(SESSION_ABSOLUTE_MS - 5000);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeLessThan(SESSION_ABSOLUTE_MS + 5000);
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 60 * 60 * 1000);
    expect(SESSION_IDLE_MS).toBe(2 * 60 * 60 * 1000);

    // Signed in 11 h 59 min ago and active a minute ago: still valid; activity does not move the end.
    const signedInAt = Date.now() - SESSION_ABSOLUTE_MS + 60_000;
    await sql`update auth_sessions set created_at = ${new Date(signedInAt)}, expires_at = ${new Date(signedInAt + SESSION_ABSOLUTE_MS)},
      last_seen_at = ${new Date(Date.now() - 6 * 60_000)} where id_hash = ${hashToken(token)}`.execute(database.db);
    expect((await findSessionUser(database.db, token))?.id).toBe(id);
    expect((await sessionRow(token))!.expires_at.getTime()).toBe(signedInAt + SESSION_ABSOLUTE_MS);

    // Twelve hours and a second: gone, although she was active a minute ago.
    await database.db
      .updateTable('auth_sessions')
      .set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date(Date.now() - 60_000) })
      .where('id_hash', '=', hashToken(token))
      .execute();
    expect(await findSessionUser(database.db, token)).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
  });

  it('knows no session for a forged, overlong or disabled account’s token', async () => {
    const id = await approvedFacilitator('disabled-session@example.org');
    const token = await createAuthSession(database.db, id);
    expect(await findSessionUser(database.db, 'a-token-nobody-was-given')).toBeNull();
    expect(await findSessionUser(database.db, 'x'.repeat(10_000))).toBeNull();
    await database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', id).execute();
    expect(await findSessionUser(database.db, token)).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
  });

  it('changes her password: the old one stops working, her other sessions end, this one stays, she is told', async () => {
    const id = await approvedFacilitator('password-change@example.org');
    const here = await createAuthSession(database.db, id);
    const elsewhere = await createAuthSession(database.db, id);
    const before = await passwordHashOf(id);

    expect(await changePassword(database.db, id, 'not her password at all', 'een heel nieuw wachtwoord', here)).toEqual({ ok: false, reason: 'wrongPassword' });
    expect(await passwordHashOf(id)).toBe(before);
    expect(await sessionRow(elsewhere)).toBeDefined();

    expect(await changePassword(database.db, id, password, 'een heel nieuw wachtwoord', here)).toEqual({ ok: true, value: undefined });
    expect(await authenticate(database.db, 'password-change@example.org', password)).toBeNull();
    expect(await authenticate(database.db, 'password-change@example.org', 'een heel nieuw wachtwoord')).toBe(id);
    expect(await sessionRow(here)).toBeDefined();
    expect(await sessionRow(elsewhere)).toBeUndefined();
    expect((await mailsTo('password-change@example.org')).map((m) => m.subject)).toContain('Je wachtwoord is gewijzigd');
  });

  it('changes her e-mail address: she signs in with the new one, the old address is told, a taken one is refused', async () => {
    const id = await approvedFacilitator('old-address@example.org');
    await approvedFacilitator('someone-else@example.org');
    expect(await changeEmail(database.db, id, password, ' Someone-Else@Example.org')).toEqual({ ok: false, reason: 'emailTaken' });
    expect(await changeEmail(database.db, id, 'not her password at all', 'new-address@example.org')).toEqual({ ok: false, reason: 'wrongPassword' });
    expect((await database.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email).toBe('old-address@example.org');

    expect(await changeEmail(database.db, id, password, ' New-Address@Example.org ')).toEqual({ ok: true, value: undefined });
    expect(await authenticate(database.db, 'new-address@example.org', password)).toBe(id);
    expect(await authenticate(database.db, 'old-address@example.org', password)).toBeNull();
    const told = (await mailsTo('old-address@example.org')).at(-1)!;
    expect(told.subject).toBe('Je e-mailadres is gewijzigd');
    expect(told.body).toContain('new-address@example.org');
  });

  it('a coordinator edits an organisation; the audit log keeps who, before and after', async () => {
    const id = await createOrganisation(database.db, {
      name: 'Jeugdhulp Den Anker',
      type: 'youth_care',
      postal_code: '8000',
      municipality: 'Brugge',
      region: 'west_vlaanderen',
    });
    const changes = { name: 'Jeugdhulp Het Anker', type: 'caw', postal_code: '8200', municipality: 'Sint-Andries', region: 'west_vlaanderen' } as const;
    expect(await updateOrganisation(database.db, coordinatorId, '00000000-0000-4000-8000-000000000000', changes)).toEqual({ ok: false, reason: 'notFound' });
    expect(await updateOrganisation(database.db, coordinatorId, id, changes)).toEqual({ ok: true, value: undefined });
    const organisation = await findOrganisation(database.db, id);
    expect(organisation).toMatchObject({
      name: 'Jeugdhulp Het Anker',
      type: 'caw',
      postal_code: '8200',
      municipality: 'Sint-Andries',
      region: 'west_vlaanderen',
    });
    // The look-alike search finds it under its new name.
    const lookAlikes = await findLookAlikes(database.db, { name: 'jeugdhulp HET anker', postal_code: '8200' });
    expect(lookAlikes.map((o) => o.id)).toContain(id);
    const audit = await database.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: coordinatorId,
      action: 'organisation.update',
      target_type: 'organisation',
      details: { before: { name: 'Jeugdhulp Den Anker', postal_code: '8000' }, after: { name: 'Jeugdhulp Het Anker', postal_code: '8200' } },
    });
    expect(Date.now() - audit[0]!.created_at.getTime()).toBeLessThan(60_000);
  });

  it('30 failed sign-ins on one account from 30 addresses: 429 even for the right password, until the failures lapse', async () => {
    const id = await approvedFacilitator('targeted@example.org');
    const ip = (n: number) => `192.0.2.${n}`;
    const statuses: number[] = [];
    for (let n = 1; n <= 30; n++) {
      const result = await signIn(database.db, { email: 'targeted@example.org', password: `guess number ${n} is wrong`, clientIp: ip(n) });
      statuses.push(result.ok ? 200 : statusOf(result.reason));
    }
    expect(statuses).toEqual(Array(30).fill(400));

    // A 31st address, this time with her own password: refused, with a Retry-After within the window.
    const blocked = await signIn(database.db, { email: 'targeted@example.org', password, clientIp: ip(31) });
    expect(blocked).toMatchObject({ ok: false, reason: 'tooMany' });
    const retryAfter = !blocked.ok && blocked.reason === 'tooMany' ? blocked.retryAfterSeconds : 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await database.db.selectFrom('auth_sessions').select('id_hash').where('user_id', '=', id).execute()).toEqual([]);

    // From a browser where she signed in before, her failures and her sign-in count on that device only.
    const fromHerBrowser = await signIn(database.db, { email: 'targeted@example.org', password, clientIp: ip(33), knownDevice: 'her-own-tablet' });
    expect(fromHerBrowser.ok).toBe(true);
    expect(
      await database.db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', storedRateKey('sign-in-device:targeted@example.org:her-own-tablet'))
        .execute(),
    ).toEqual([]);
    await signIn(database.db, { email: 'targeted@example.org', password: 'a typo', clientIp: ip(33), knownDevice: 'her-own-tablet' });
    expect(
      await database.db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', storedRateKey('sign-in-device:targeted@example.org:her-own-tablet'))
        .execute(),
    ).toEqual([{ hits: 1 }]);

    // Another account from one of those addresses is not affected.
    await approvedFacilitator('bystander@example.org');
    expect((await signIn(database.db, { email: 'bystander@example.org', password, clientIp: ip(1) })).ok).toBe(true);

    // Half an hour later (the counted windows moved back, no sleeping) she signs in again.
    await database.db
      .updateTable('rate_limits')
      .set({ window_start: sql`window_start - interval '30 minutes'` })
      .where('key', '=', storedRateKey('sign-in-account:targeted@example.org'))
      .execute();
    const later = await signIn(database.db, { email: 'targeted@example.org', password, clientIp: ip(32) });
    expect(later.ok).toBe(true);
    expect((await findSessionUser(database.db, later.ok ? later.value.sessionToken : ''))?.id).toBe(id);
  });

  it('signing in again ends the session the browser had, and only that one (issue 11, item 6)', async () => {
    const id = await approvedFacilitator('twice@example.org');
    const first = await signIn(database.db, { email: 'twice@example.org', password, clientIp: '192.0.2.61' });
    const elsewhere = await signIn(database.db, { email: 'twice@example.org', password, clientIp: '192.0.2.62' });
    if (!first.ok || !elsewhere.ok) throw new Error('sign-in failed');
    // A wrong password from the same browser ends nothing.
    expect(
      (await signIn(database.db, { email: 'twice@example.org', password: 'a typo', clientIp: '192.0.2.61', previousSession: first.value.sessionToken })).ok,
    ).toBe(false);
    expect((await findSessionUser(database.db, first.value.sessionToken))?.id).toBe(id);
    const again = await signIn(database.db, { email: 'twice@example.org', password, clientIp: '192.0.2.61', previousSession: first.value.sessionToken });
    if (!again.ok) throw new Error('sign-in failed');
    expect(await findSessionUser(database.db, first.value.sessionToken), 'the session the browser had').toBeNull();
    expect((await findSessionUser(database.db, again.value.sessionToken))?.id).toBe(id);
    expect((await findSessionUser(database.db, elsewhere.value.sessionToken))?.id, 'her session on another device').toBe(id);
  });

  it('writes her e-mail in her language: French, English, and Dutch for a language it does not speak', async () => {
    await approvedFacilitator('amelie@example.org', 'fr');
    await approvedFacilitator('grace@example.org', 'en');
    const french = await mailsTo('amelie@example.org');
    expect(french.map((m) => [m.language, m.subject])).toEqual([
      ['fr', 'Nous avons reçu ton inscription'],
      ['fr', 'Ton compte a été approuvé'],
    ]);
    expect(french[0]!.body).toMatch(/^Bonjour Nora Janssens,\n\nMerci pour ton inscription à Weerbaar/);
    const english = await mailsTo('grace@example.org');
    expect(english.map((m) => [m.language, m.subject])).toEqual([
      ['en', 'We received your registration'],
      ['en', 'Your account has been approved'],
    ]);
    expect(english[0]!.body).toMatch(/^Hello Nora Janssens,\n\nThank you for registering with Weerbaar/);
    // A message that does not know her name greets without one, once.
    await requestPasswordReset(database.db, 'grace@example.org', 'https://weerbaar.example');
    expect((await mailsTo('grace@example.org')).at(-1)!.body).toMatch(/^Hello,\n\nChoose a new password/);

    await requestPasswordReset(database.db, 'grace@example.org', 'https://weerbaar.example');
    expect((await mailsTo('grace@example.org')).at(-1)!.body).toContain('https://weerbaar.example/account/reset-password?token=');
    expect((await mailsTo('grace@example.org')).at(-1)!.language).toBe('en');

    await queueEmail(database.db, { to: 'german@example.org', language: 'de', template: 'passwordChanged' });
    expect(await mailsTo('german@example.org')).toMatchObject([{ language: 'nl', subject: 'Je wachtwoord is gewijzigd' }]);
  });
});
