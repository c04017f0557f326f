import { type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs, expect } from '@playwright/test';
import { type Credentials, fakeIp, uniqueEmail } from './accounts';

/**
 * People over HTTP, for the authorisation and bad-input specs: each person is an API request
 * context on her own client address (the server trusts X-Forwarded-For in tests), that keeps
 * her session cookie. The coordinator's pages are read as loader JSON (`?_data=`), not HTML.
 */

export type Playwright = PlaywrightWorkerArgs['playwright'];

export interface Person {
  request: APIRequestContext;
  ip: string;
}

/** A fresh person on her own address, speaking Dutch unless told otherwise. */
export async function newPerson(playwright: Playwright, baseURL: string, language = 'nl-BE'): Promise<Person> {
  const ip = fakeIp();
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': ip, 'Accept-Language': language } });
  return { request, ip };
}

/** The Origin header our own pages send with a form post. */
export function ownOrigin(baseURL: string): Record<string, string> {
  return { Origin: new URL(baseURL).origin };
}

/** A same-site form post, without following redirects. */
export function postForm(person: Person, baseURL: string, path: string, form: Record<string, string> | URLSearchParams): Promise<APIResponse> {
  const body = form instanceof URLSearchParams ? form : new URLSearchParams(form);
  return person.request.post(path, {
    data: body.toString(),
    headers: { ...ownOrigin(baseURL), 'Content-Type': 'application/x-www-form-urlencoded' },
    maxRedirects: 0,
  });
}

/** Signs her in; fails the test unless the server answers with a session cookie. */
export async function signInPerson(person: Person, baseURL: string, credentials: Credentials): Promise<void> {
  const response = await postForm(person, baseURL, '/account/sign-in', { email: credentials.email, password: credentials.password });
  expect(response.status(), `sign-in of ${credentials.email}`).toBe(302);
  expect(response.headers()['set-cookie'] ?? '', `session cookie for ${credentials.email}`).toMatch(/weerbaar_session=/);
}

/** A person signed in with these credentials. */
export async function signedInPerson(playwright: Playwright, baseURL: string, credentials: Credentials): Promise<Person> {
  const person = await newPerson(playwright, baseURL);
  await signInPerson(person, baseURL, credentials);
  return person;
}

/** An organisation's id through the public type-ahead search. */
export async function organisationId(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.get(`/organisations/search?q=${encodeURIComponent(name)}`);
  expect(response.status()).toBe(200);
  const { results } = (await response.json()) as { results: { id: string; name: string }[] };
  const found = results.find((r) => r.name === name);
  expect(found, `organisation "${name}" in the directory`).toBeTruthy();
  return found!.id;
}

/** A strong password nobody else uses. */
export function strongPassword(): string {
  return `paarse olifant ${Math.random().toString(36).slice(2, 10)} danst`;
}

export interface NewAccount extends Credentials {
  name: string;
}

/** A complete, valid registration form (existing organisation); override fields to spoil it. */
export function registrationForm(organisation: string, overrides: Record<string, string> = {}): Record<string, string> {
  const email = uniqueEmail('register');
  return {
    name: `Testpersoon ${Math.random().toString(36).slice(2, 10)}`,
    email,
    password: strongPassword(),
    profession: 'youth_care_worker',
    role: 'facilitator',
    language: 'nl',
    organisationId: organisation,
    ...overrides,
  };
}

/** Registers someone (from her own address: registration is rate-limited per address). */
export async function register(
  playwright: Playwright,
  baseURL: string,
  organisation: string,
  role: 'facilitator' | 'trainer' = 'facilitator',
): Promise<NewAccount> {
  const form = registrationForm(organisation, { role });
  const person = await newPerson(playwright, baseURL);
  try {
    const response = await postForm(person, baseURL, '/account/register', form);
    expect(response.status(), `registration of ${form.email}`).toBe(302);
    expect(response.headers().location).toBe('/account/registered');
  } finally {
    await person.request.dispose();
  }
  return { name: form.name!, email: form.email!, password: form.password! };
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  status: 'pending' | 'approved' | 'rejected' | 'disabled';
  roles: string[];
  organisation_name: string | null;
}

/** What the coordinator's user list says about this address, or undefined when nobody has it. */
export async function findUser(coordinator: Person, email: string): Promise<UserRow | undefined> {
  const response = await coordinator.request.get(`/coordinate/users?q=${encodeURIComponent(email)}&_data=${encodeURIComponent('routes/coordinate.users')}`);
  expect(response.status(), 'the coordinator reads the user list').toBe(200);
  const { users } = (await response.json()) as { users: UserRow[] };
  return users.find((u) => u.email === email.trim().toLowerCase());
}

/** The registrations waiting in the coordinator's queue. */
export async function pendingRegistrations(coordinator: Person): Promise<{ id: string; email: string }[]> {
  const response = await coordinator.request.get(`/coordinate/registrations?_data=${encodeURIComponent('routes/coordinate.registrations')}`);
  expect(response.status(), 'the coordinator reads the queue').toBe(200);
  return ((await response.json()) as { registrations: { id: string; email: string }[] }).registrations;
}

/** Organisations in the coordinator's list that match the query. */
export async function listOrganisations(coordinator: Person, query: string): Promise<{ id: string; name: string }[]> {
  const response = await coordinator.request.get(
    `/coordinate/organisations?q=${encodeURIComponent(query)}&_data=${encodeURIComponent('routes/coordinate.organisations._index')}`,
  );
  expect(response.status(), 'the coordinator reads the organisations').toBe(200);
  return ((await response.json()) as { organisations: { id: string; name: string }[] }).organisations;
}

/** Approves a pending registration as the coordinator; returns the user. */
export async function approve(coordinator: Person, baseURL: string, email: string): Promise<UserRow> {
  const user = await findUser(coordinator, email);
  expect(user?.status, `${email} waits for approval`).toBe('pending');
  const response = await postForm(coordinator, baseURL, '/coordinate/registrations', { intent: 'approve', userId: user!.id });
  expect(response.status(), `approval of ${email}`).toBe(200);
  const approved = await findUser(coordinator, email);
  expect(approved?.status).toBe('approved');
  return approved!;
}

/** The newest e-mail to `recipient` in the outbox, read by the coordinator. */
export async function latestMail(coordinator: Person, recipient: string): Promise<{ subject: string; body: string } | undefined> {
  const response = await coordinator.request.get(`/coordinate/outbox?_data=${encodeURIComponent('routes/coordinate.outbox')}`);
  expect(response.status(), 'the coordinator reads the outbox').toBe(200);
  const { messages } = (await response.json()) as { messages: { recipient: string; subject: string; body: string | null }[] };
  // The outbox lists the newest first.
  const newest = messages.find((m) => m.recipient === recipient.toLowerCase());
  return newest ? { subject: newest.subject, body: newest.body ?? '' } : undefined;
}

/** The `lng` cookie the language switcher sets (a Remix cookie: base64 of the JSON value). */
export function languageCookie(language: string): string {
  return `lng=${encodeURIComponent(Buffer.from(JSON.stringify(language)).toString('base64'))}`;
}

export const accountTables = ['users', 'organisations', 'auth_sessions', 'password_reset_tokens', 'user_roles'] as const;
export type RowCounts = Record<(typeof accountTables)[number], number> & {
  /** A digest of those people's rows (address, name, status, password hash, organisation) and roles. */
  usersDigest: string;
  rolesDigest: string;
};

/** The rows a request could have touched: people by address or id, organisations by name. */
export interface RowScope {
  emails?: string[];
  userIds?: string[];
  organisationNames?: string[];
}

/**
 * Counts, straight from PostgreSQL (CI's run, DATABASE_URL set), the rows of the account
 * tables that belong to the people and organisations in `scope`. Scoped rather than whole
 * tables because other specs register and sign in at the same time on the same server.
 * On the embedded database the server holds the files, so this answers null and the tests
 * check through the app instead (they do both when it answers).
 */
export async function countAccountRows(scope: RowScope): Promise<RowCounts | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const emails = (scope.emails ?? []).map((e) => e.trim().toLowerCase());
    const ids = scope.userIds ?? [];
    const people = `(select id from users where email = any($1::text[]) or id::text = any($2::text[]))`;
    const count = async (sql: string, values: unknown[]) => Number((await client.query<{ n: string }>(sql, values)).rows[0]!.n);
    const digest = async (sql: string, values: unknown[]) => (await client.query<{ d: string }>(sql, values)).rows[0]!.d;
    return {
      users: await count(`select count(*) as n from users where id in ${people}`, [emails, ids]),
      organisations: await count(`select count(*) as n from organisations where name = any($1::text[])`, [scope.organisationNames ?? []]),
      auth_sessions: await count(`select count(*) as n from auth_sessions where user_id in ${people}`, [emails, ids]),
      password_reset_tokens: await count(`select count(*) as n from password_reset_tokens where user_id in ${people}`, [emails, ids]),
      user_roles: await count(`select count(*) as n from user_roles where user_id in ${people}`, [emails, ids]),
      usersDigest: await digest(
        `select md5(coalesce(string_agg(concat_ws('|', id, email, name, status, password_hash, organisation_id, rejection_reason), ',' order by id), '')) as d
           from users where id in ${people}`,
        [emails, ids],
      ),
      rolesDigest: await digest(
        `select md5(coalesce(string_agg(concat_ws('|', user_id, role), ',' order by user_id, role), '')) as d from user_roles where user_id in ${people}`,
        [emails, ids],
      ),
    };
  } finally {
    await client.end();
  }
}

/** Runs `act` and checks, on PostgreSQL, that no row in the scope appeared, went or changed count. */
export async function expectNoRowChanges<T>(scope: RowScope, act: () => Promise<T>): Promise<T> {
  const before = await countAccountRows(scope);
  const result = await act();
  const after = await countAccountRows(scope);
  expect(after, 'rows in users, organisations, auth_sessions, password_reset_tokens, user_roles').toEqual(before);
  return result;
}

/**
 * A coordinator lets a newly approved facilitator run group sessions without the facilitator
 * course (decision 0016): for specs about sessions, not about the course.
 */
export async function grantSessionException(coordinator: Person, baseURL: string, email: string): Promise<void> {
  const response = await postForm(coordinator, baseURL, '/coordinate/courses', { intent: 'grant', email, reason: 'Elders opgeleid (test)' });
  expect([response.status(), response.headers().location], `the group-session exception for ${email}`).toEqual([302, '/coordinate/courses?done=granted']);
}
