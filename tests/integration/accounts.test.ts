import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '~/accounts/crypto.server';
import {
  authenticate,
  changeEmail,
  deleteAccount,
  exportUserData,
  listPendingRegistrations,
  registerUser,
  requestPasswordReset,
  resetPassword,
  reviewRegistration,
  setUserEnabled,
  setUserRoles,
} from '~/accounts/users.server';
import { createOrganisation, mergeOrganisations, organisationReferences } from '~/organisations/directory.server';
import { listOutbox } from '~/mail/outbox.server';
import { consumeRate, peekRate } from '~/security/rate-limit.server';
import { databaseKind, openTestDatabase } from './test-database';

describe(`accounts on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let organisationId: string;
  let coordinatorId: string;
  const counts = async () => {
    const tables = ['users', 'organisations', 'user_roles', 'outbox', 'audit_log', 'password_reset_tokens'] as const;
    const entries = await Promise.all(
      tables.map(async (table) => [table, Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)] as const),
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
    database = await openTestDatabase();
    organisationId = await createOrganisation(database.db, { name: 'Jeugdhulp De Linde', type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' });
    const coordinator = await database.db
      .insertInto('users')
      .values({ email: 'coordinator@example.org', name: 'Coördinator', password_hash: 'x', language: 'nl', profession: 'other', organisation_id: null, status: 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow();
    coordinatorId = coordinator.id;
    await database.db.insertInto('user_roles').values({ user_id: coordinatorId, role: 'coordinator' }).execute();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('registers a pending account with its role and a welcome e-mail in her language', async () => {
    const result = await registerUser(database.db, person('Sara@Example.org ', { kind: 'existing', id: organisationId }));
    expect(result.outcome).toBe('registered');
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
      person('lotte@example.org', { kind: 'new', confirmed: false, proposal: { name: 'vzw Jeugdhulp de LINDE', type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' } }),
    );
    expect(result).toMatchObject({ outcome: 'lookAlikes', candidates: [{ id: organisationId, name: 'Jeugdhulp De Linde' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown organisation id without writing anything', async () => {
    const before = await counts();
    const result = await registerUser(database.db, person('nobody@example.org', { kind: 'existing', id: '00000000-0000-4000-8000-000000000000' }));
    expect(result.outcome).toBe('unknownOrganisation');
    expect(await counts()).toEqual(before);
  });

  it('answers a known address like a new one, and tells the owner instead', async () => {
    const users = (await counts()).users;
    const result = await registerUser(database.db, person('sara@example.org', { kind: 'existing', id: organisationId }));
    expect(result.outcome).toBe('emailTaken');
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
    await reviewRegistration(database.db, coordinatorId, sara.id, { approve: true });
    await expect(reviewRegistration(database.db, coordinatorId, sara.id, { approve: true })).rejects.toThrow('not pending');
    const audit = await database.db.selectFrom('audit_log').selectAll().where('target_id', '=', sara.id).execute();
    expect(audit).toMatchObject([{ actor_id: coordinatorId, action: 'user.approve', target_type: 'user' }]);
  });

  it('authenticates the right password only, and says null for an unknown address', async () => {
    expect(await authenticate(database.db, 'SARA@example.org', 'zonnebloem op de vensterbank')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await authenticate(database.db, 'sara@example.org', 'wrong password here')).toBeNull();
    expect(await authenticate(database.db, 'unknown@example.org', 'zonnebloem op de vensterbank')).toBeNull();
  });

  it('resets a password with a single-use token, ending every session', async () => {
    const sara = await database.db.selectFrom('users').select('id').where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    await database.db.insertInto('auth_sessions').values({ id_hash: 'h1', user_id: sara.id, expires_at: new Date(Date.now() + 60_000) }).execute();
    await requestPasswordReset(database.db, 'sara@example.org', 'https://weerbaar.example');
    const mail = await database.db.selectFrom('outbox').select('body').where('recipient', '=', 'sara@example.org').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const token = decodeURIComponent(/token=(\S+)/.exec(mail.body)![1]!);
    expect(mail.body).toContain('https://weerbaar.example/account/reset-password?token=');

    expect(await resetPassword(database.db, token, 'zeven zeemeeuwen op het strand')).toBe(true);
    expect(await resetPassword(database.db, token, 'nog een ander wachtwoord')).toBe(false);
    expect(await authenticate(database.db, 'sara@example.org', 'zeven zeemeeuwen op het strand')).toBe(sara.id);
    expect(await database.db.selectFrom('auth_sessions').select('id_hash').where('user_id', '=', sara.id).execute()).toEqual([]);
  });

  it('refuses an expired token and changes nothing', async () => {
    const sara = await database.db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    await database.db.insertInto('password_reset_tokens').values({ token_hash: hashToken('expired-token-000000000000'), user_id: sara.id, expires_at: new Date(Date.now() - 1000) }).execute();
    expect(await resetPassword(database.db, 'expired-token-000000000000', 'een heel nieuw wachtwoord')).toBe(false);
    const after = await database.db.selectFrom('users').select('password_hash').where('id', '=', sara.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(sara.password_hash);
  });

  it('lets coordinators hand out facilitator and trainer only', async () => {
    const sara = await database.db.selectFrom('users').select('id').where('email', '=', 'sara@example.org').executeTakeFirstOrThrow();
    const coordinator = { id: coordinatorId, roles: ['coordinator' as const], organisationId: null };
    expect(await setUserRoles(database.db, coordinator, sara.id, ['facilitator', 'admin'])).toBe('notAllowed');
    expect(await setUserRoles(database.db, coordinator, sara.id, ['facilitator', 'trainer'])).toBe('changed');
    const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', sara.id).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['facilitator', 'trainer']);
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
    await database.db.insertInto('auth_sessions').values({ id_hash: 'h2', user_id: sara.id, expires_at: new Date(Date.now() + 60_000) }).execute();
    const coordinator = { id: coordinatorId, roles: ['coordinator' as const], organisationId: null };
    expect(await setUserEnabled(database.db, coordinator, coordinatorId, false)).toBe(false);
    expect(await setUserEnabled(database.db, coordinator, sara.id, false)).toBe(true);
    expect(await database.db.selectFrom('auth_sessions').select('id_hash').where('user_id', '=', sara.id).execute()).toEqual([]);
    expect(await authenticate(database.db, 'sara@example.org', 'zeven zeemeeuwen op het strand')).toBeNull();
    expect(await setUserEnabled(database.db, coordinator, sara.id, true)).toBe(true);
  });

  it('merges a duplicate organisation: members move, the duplicate goes, the audit log says so', async () => {
    const duplicate = await createOrganisation(database.db, { name: 'De Linde Gent', type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' });
    await registerUser(database.db, person('jan@example.org', { kind: 'existing', id: duplicate }));
    await mergeOrganisations(database.db, coordinatorId, organisationId, duplicate);
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
    expect(await changeEmail(database.db, jan.id, 'wrong', 'x@example.org')).toBe('wrongPassword');
    expect(await deleteAccount(database.db, jan.id, 'wrong password')).toBe(false);
    expect(await deleteAccount(database.db, jan.id, 'zonnebloem op de vensterbank')).toBe(true);
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
});
