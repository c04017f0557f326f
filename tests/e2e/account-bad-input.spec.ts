import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIResponse, expect, test } from '@playwright/test';
import { createCookie } from '@remix-run/node';
import { demoAccount } from './support/accounts';
import {
  type Person,
  type Playwright,
  approve,
  countAccountRows,
  expectNoRowChanges,
  findUser,
  languageCookie,
  latestMail,
  listOrganisations,
  newPerson,
  organisationId,
  postForm,
  register,
  registrationForm,
  signInPerson,
  signedInPerson,
  strongPassword,
} from './support/people';

/**
 * Bad input on the account pages: each case gets a clear message in the person's language,
 * a 4xx, and changes nothing (checked through the coordinator's pages, and on PostgreSQL
 * also by counting rows).
 */

type Language = 'nl' | 'fr' | 'en';
const locales = Object.fromEntries(
  (['nl', 'fr', 'en'] as const).map((language) => [
    language,
    JSON.parse(readFileSync(path.join(process.cwd(), 'app/i18n/locales', language, 'common.json'), 'utf8')) as Record<string, unknown>,
  ]),
) as Record<Language, Record<string, unknown>>;

/** A message from the app's own translations, so that a changed text is not a failure here. */
function text(key: string, language: Language = 'nl'): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locales[language]);
  if (typeof value !== 'string') throw new Error(`No text ${language}:${key}`);
  return value;
}

/** HTML as text: React and the Origin page escape quotes and ampersands. */
function decode(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The error shown under one field of the registration form, or null. */
function fieldError(html: string, field: string): string | null {
  const found = new RegExp(`<p id="${field}-error" class="field__error">([^<]*)</p>`).exec(html);
  return found ? decode(found[1]!) : null;
}

/** Every field error on the page, by field. */
function fieldErrors(html: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of registrationFields) {
    const error = fieldError(html, field);
    if (error !== null) errors[field] = error;
  }
  return errors;
}

function formError(html: string): string | null {
  const found = /<p class="form-message form-message--error" role="alert">([^<]*)<\/p>/.exec(html);
  return found ? decode(found[1]!) : null;
}

const registrationFields = ['name', 'email', 'password', 'profession', 'role', 'language', 'organisationId'] as const;
const missingFieldError: Record<(typeof registrationFields)[number], string> = {
  name: 'form.required',
  email: 'form.required',
  password: 'form.required',
  profession: 'form.choose',
  role: 'form.choose',
  language: 'form.choose',
  organisationId: 'account.register.errors.organisation',
};

let baseURL: string;
let coordinator: Person;
let linde: string;

test.beforeAll(async ({ playwright, baseURL: url }) => {
  baseURL = url!;
  coordinator = await signedInPerson(playwright, baseURL, demoAccount('coordinator'));
  linde = await organisationId(coordinator.request, 'Demo: Jeugdhulp De Linde');
});

test.afterAll(async () => {
  await coordinator?.request.dispose();
});

/** Nobody with this address, nor (when given) with this name, exists. */
async function expectNobody(email: string | undefined, name?: string): Promise<void> {
  if (email) expect(await findUser(coordinator, email), `no account for ${email.slice(0, 60)}`).toBeUndefined();
  if (name) {
    const response = await coordinator.request.get(`/coordinate/users?q=${encodeURIComponent(name.slice(0, 100))}&_data=routes%2Fcoordinate.users`);
    expect(response.status(), 'the coordinator searches by name').toBe(200);
    const { users } = (await response.json()) as { users: { name: string }[] };
    expect(
      users.filter((u) => u.name === name),
      `no account named ${name.slice(0, 60)}`,
    ).toEqual([]);
  }
}

/** Posts a registration from a new address; the answer must be a 400 that changed nothing. */
async function refusedRegistration(playwright: Playwright, form: Record<string, string> | URLSearchParams): Promise<string> {
  const values = form instanceof URLSearchParams ? Object.fromEntries(form) : form;
  const email = values.email ?? '';
  const person = await newPerson(playwright, baseURL);
  try {
    const response = await expectNoRowChanges({ emails: [email], organisationNames: values.orgName ? [values.orgName] : [] }, () =>
      postForm(person, baseURL, '/account/register', form),
    );
    expect(response.status(), 'the registration is refused').toBe(400);
    const html = await response.text();
    expect(formError(html), 'the form says what went wrong').toBe(text('form.fixErrors'));
    await expectNobody(email, values.name);
    return html;
  } finally {
    await person.request.dispose();
  }
}

test.describe('registration', () => {
  test('without any field: every field says what it needs', async ({ playwright }) => {
    const html = await refusedRegistration(playwright, {});
    expect(fieldErrors(html)).toEqual(Object.fromEntries(registrationFields.map((field) => [field, text(missingFieldError[field])])));
  });

  for (const missing of registrationFields) {
    test(`without ${missing}: that field, and only that one, says what it needs`, async ({ playwright }) => {
      const form = registrationForm(linde);
      delete form[missing];
      const html = await refusedRegistration(playwright, form);
      expect(fieldErrors(html)).toEqual({ [missing]: text(missingFieldError[missing]) });
    });
  }

  test('a 10 kB name is too long', async ({ playwright }) => {
    const html = await refusedRegistration(playwright, registrationForm(linde, { name: 'Anna '.repeat(2048) }));
    expect(fieldErrors(html)).toEqual({ name: text('form.tooLong') });
  });

  test('a 10 kB password is too long, and is not sent back', async ({ playwright }) => {
    const password = `${'lang wachtwoord '.repeat(640)}`;
    const html = await refusedRegistration(playwright, registrationForm(linde, { password }));
    expect(fieldErrors(html)).toEqual({ password: text('form.tooLong') });
    expect(html).not.toContain('lang wachtwoord lang wachtwoord');
  });

  test('a password over 256 characters gets the password rule', async ({ playwright }) => {
    const password = `${'zeer lang wachtwoord '.repeat(13)}!`;
    expect(password.length).toBeGreaterThan(256);
    const html = await refusedRegistration(playwright, registrationForm(linde, { password }));
    expect(fieldErrors(html)).toEqual({ password: text('account.password.tooLong') });
    expect(html).not.toContain(password);
  });

  const wrongValues: [string, Record<string, string>, Record<string, string>][] = [
    ['organisationId=42', { organisationId: '42' }, { organisationId: 'account.register.errors.organisation' }],
    ['role=admin', { role: 'admin' }, { role: 'form.choose' }],
    ['role=coordinator', { role: 'coordinator' }, { role: 'form.choose' }],
    ['profession=astronaut', { profession: 'astronaut' }, { profession: 'form.choose' }],
    ['language=de', { language: 'de' }, { language: 'form.choose' }],
    ['email=not-an-address', { email: 'not-an-address' }, { email: 'form.email' }],
    ['an unknown organisation id', { organisationId: randomUUID() }, { organisationId: 'account.register.errors.unknownOrganisation' }],
    ['a short password', { password: 'kort123' }, { password: 'account.password.tooShort' }],
    ['a common password (qwerty123456)', { password: 'qwerty123456' }, { password: 'account.password.common' }],
    ['a common word with digits (wachtwoord123456)', { password: 'wachtwoord123456' }, { password: 'account.password.common' }],
    ['a repeated pattern (abcabcabcabc)', { password: 'abcabcabcabc' }, { password: 'account.password.common' }],
    [
      'a new organisation with a 5-digit postal code',
      {
        organisationId: 'new',
        orgName: `Testorganisatie ${randomUUID()}`,
        orgType: 'school',
        orgPostalCode: '90000',
        orgMunicipality: 'Gent',
        orgRegion: 'oost_vlaanderen',
      },
      { orgPostalCode: 'form.postalCode' },
    ],
    [
      'a new organisation in an unknown region',
      {
        organisationId: 'new',
        orgName: `Testorganisatie ${randomUUID()}`,
        orgType: 'school',
        orgPostalCode: '9000',
        orgMunicipality: 'Gent',
        orgRegion: 'atlantis',
      },
      { orgRegion: 'form.choose' },
    ],
  ];
  for (const [label, overrides, expected] of wrongValues) {
    test(`${label} is refused with a message at the field`, async ({ playwright }) => {
      const html = await refusedRegistration(playwright, registrationForm(linde, overrides));
      const errors = { ...fieldErrors(html) };
      for (const field of ['orgPostalCode', 'orgRegion', 'orgName', 'orgType', 'orgMunicipality']) {
        const error = fieldError(html, field);
        if (error !== null) errors[field] = error;
      }
      expect(errors).toEqual(Object.fromEntries(Object.entries(expected).map(([field, key]) => [field, text(key)])));
      if (overrides.orgName) expect(await listOrganisations(coordinator, overrides.orgName)).toEqual([]);
    });
  }

  test('a field sent twice is refused, not half-read', async ({ playwright }) => {
    const form = new URLSearchParams(registrationForm(linde));
    form.append('name', 'Tweede naam');
    form.append('role', 'admin');
    const html = await refusedRegistration(playwright, form);
    expect(fieldErrors(html)).toEqual({ name: text('form.required'), role: text('form.choose') });
  });

  test('10 kB of junk under another content type is a 400 with the form’s message, not a crash', async ({ playwright }) => {
    const person = await newPerson(playwright, baseURL);
    const bodies: [string, Buffer | string][] = [
      ['application/octet-stream', randomBytes(10 * 1024)],
      ['application/json', JSON.stringify({ name: 'x'.repeat(10 * 1024), role: 'admin' })],
      ['text/plain', 'junk '.repeat(2048)],
      ['multipart/form-data; boundary=nothing-like-this', randomBytes(10 * 1024)],
      ['application/x-www-form-urlencoded', randomBytes(10 * 1024)],
    ];
    for (const [contentType, data] of bodies) {
      const response = await person.request.post('/account/register', {
        data,
        headers: { Origin: new URL(baseURL).origin, 'Content-Type': contentType },
        maxRedirects: 0,
      });
      expect.soft(response.status(), contentType).toBe(400);
      const html = await response.text();
      expect.soft(formError(html), contentType).toBe(text('form.fixErrors'));
      expect.soft(fieldError(html, 'name'), contentType).toBe(text('form.required'));
    }
    await person.request.dispose();
  });
});

/** Signs in from a new address and says how the server answered. */
async function signInAnswer(playwright: Playwright, email: string, password: string): Promise<APIResponse> {
  const person = await newPerson(playwright, baseURL);
  const response = await postForm(person, baseURL, '/account/sign-in', { email, password });
  await response.body();
  await person.request.dispose();
  return response;
}

/** Asks for a reset link for her and reads it from the outbox, as the coordinator does. */
async function requestResetToken(person: Person, email: string): Promise<string> {
  const response = await postForm(person, baseURL, '/account/forgot-password', { email });
  expect(response.status(), 'the reset request is taken').toBe(200);
  expect(decode(await response.text())).toContain(text('account.forgot.sent'));
  const mail = await latestMail(coordinator, email);
  const link = /\/account\/reset-password\?token=([^\s"<]+)/.exec(mail?.body ?? '');
  expect(link, `a reset link in the newest mail to ${email}`).toBeTruthy();
  return decodeURIComponent(link![1]!);
}

const resetPage = (token: string) => `/account/reset-password?token=${encodeURIComponent(token)}`;

test.describe('password reset links', () => {
  test('a used link, and the older link the reset voided, no longer work and change nothing', async ({ playwright }) => {
    const account = await register(playwright, baseURL, linde);
    const person = await newPerson(playwright, baseURL);
    const first = await requestResetToken(person, account.email);
    const second = await requestResetToken(person, account.email);
    expect(second).not.toBe(first);
    for (const token of [first, second]) expect((await person.request.get(resetPage(token))).status(), 'a fresh link opens the form').toBe(200);

    const newPassword = strongPassword();
    const used = await postForm(person, baseURL, '/account/reset-password', { token: second, password: newPassword });
    expect([used.status(), used.headers().location]).toEqual([302, '/account/sign-in?notice=passwordReset']);

    for (const [label, token] of [
      ['the used link', second],
      ['the older link', first],
    ] as const) {
      const page = await person.request.get(resetPage(token));
      expect(page.status(), label).toBe(410);
      const html = await page.text();
      expect(formError(html), label).toBe(text('account.reset.invalid'));
      expect(html, `${label}: no form to fill in`).not.toContain('name="password"');
      const again = await expectNoRowChanges({ emails: [account.email] }, () =>
        postForm(person, baseURL, '/account/reset-password', { token, password: strongPassword() }),
      );
      expect(again.status(), label).toBe(410);
      expect(formError(await again.text()), label).toBe(text('account.reset.invalid'));
    }
    // Her password is the one the link set: not the old one, not a later attempt's.
    expect((await signInAnswer(playwright, account.email, newPassword)).status()).toBe(302);
    expect((await signInAnswer(playwright, account.email, account.password)).status()).toBe(400);
    await person.request.dispose();
  });

  test('a garbage or unknown token gets the dead-link message and changes nothing', async ({ playwright }) => {
    const account = await register(playwright, baseURL, linde);
    const person = await newPerson(playwright, baseURL);
    const tokens = ['', 'garbage', "' or 1=1 --", 'x'.repeat(20), randomBytes(32).toString('base64url'), 'a'.repeat(101), 'é'.repeat(40)];
    await expectNoRowChanges({ emails: [account.email] }, async () => {
      for (const token of tokens) {
        const page = await person.request.get(resetPage(token));
        expect.soft(page.status(), `GET with “${token.slice(0, 20)}”`).toBe(410);
        expect.soft(formError(await page.text()), `GET with “${token.slice(0, 20)}”`).toBe(text('account.reset.invalid'));
        // A token of the wrong shape is a bad form (400); a well-formed unknown one a dead link (410).
        const wellFormed = [...token].length >= 20 && token.length <= 100;
        const post = await postForm(person, baseURL, '/account/reset-password', { token, password: strongPassword() });
        expect.soft(post.status(), `POST with “${token.slice(0, 20)}”`).toBe(wellFormed ? 410 : 400);
        expect.soft(formError(await post.text()), `POST with “${token.slice(0, 20)}”`).toBe(text('account.reset.invalid'));
      }
      const bare = await person.request.get('/account/reset-password');
      expect(bare.status(), 'no token at all').toBe(410);
    });
    expect((await signInAnswer(playwright, account.email, account.password)).status(), 'her password still works').toBe(302);

    // An expired link: only on PostgreSQL can the test reach the row to move its expiry back.
    if (process.env.DATABASE_URL) {
      const token = await requestResetToken(person, account.email);
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      const moved = await client.query(
        `update password_reset_tokens set expires_at = now() - interval '1 minute'
          where user_id = (select id from users where email = $1) and used_at is null`,
        [account.email],
      );
      await client.end();
      expect(moved.rowCount).toBe(1);
      const page = await person.request.get(resetPage(token));
      expect(page.status(), 'an expired link').toBe(410);
      const post = await expectNoRowChanges({ emails: [account.email] }, () =>
        postForm(person, baseURL, '/account/reset-password', { token, password: strongPassword() }),
      );
      expect(post.status(), 'an expired link').toBe(410);
      expect(formError(await post.text())).toBe(text('account.reset.invalid'));
      expect((await signInAnswer(playwright, account.email, account.password)).status(), 'her password still works').toBe(302);
    }
    await person.request.dispose();
  });
});

test.describe('session cookie', () => {
  // The test server is reached over plain HTTP: the cookie has its plain name (decision 0014).
  const name = 'weerbaar_session';
  // The test server's secret (playwright.config.ts): with it the test can sign a cookie for a token that has no session.
  const serverSecret = process.env.SESSION_SECRET ?? 'e2e-test-secret-e2e-test-secret-e2e-test';
  const signed = async (token: string, secret: string) => (await createCookie(name, { secrets: [secret] }).serialize(token)).split(';')[0]!;

  test('a forged, tampered or ended session cookie gets the sign-in redirect', async ({ playwright }) => {
    const account = await register(playwright, baseURL, linde);
    await approve(coordinator, baseURL, account.email);
    const person = await signedInPerson(playwright, baseURL, account);
    const real = (await person.request.storageState()).cookies.find((c) => c.name === name);
    expect(real, `the server sets ${name}`).toBeTruthy();
    const [payload, signature] = decodeURIComponent(real!.value).split('.') as [string, string];
    const token = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as string;
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

    const visitor = await newPerson(playwright, baseURL);
    const answer = async (cookie: string) => {
      const response = await visitor.request.get('/account', { headers: { Cookie: cookie }, maxRedirects: 0 });
      return [response.status(), response.headers().location];
    };
    const signInRedirect = [302, '/account/sign-in?redirectTo=%2Faccount'];

    // Controls: her cookie works, and so does her token signed by the test with the server's secret.
    expect(await answer(`${name}=${real!.value}`), 'her own cookie').toEqual([200, undefined]);
    expect(await answer(await signed(token, serverSecret)), 'her token, signed with the server’s secret').toEqual([200, undefined]);

    const forged: [string, string][] = [
      ['random bytes', `${name}=${randomBytes(32).toString('base64url')}`],
      ['her token without a signature', `${name}=${payload}`],
      ['her token with a tampered signature', `${name}=${encodeURIComponent(`${payload}.${flip(signature)}`)}`],
      ['another token under her signature', `${name}=${encodeURIComponent(`${flip(payload)}.${signature}`)}`],
      ['her token signed with another secret', await signed(token, 'not-the-server-secret-not-the-server-secret')],
      ['a validly signed token that has no session', await signed(randomBytes(32).toString('base64url'), serverSecret)],
      ['a validly signed 200-character token', await signed('x'.repeat(200), serverSecret)],
      ['her cookie under the __Host- name, which plain HTTP does not read', `__Host-weerbaar_session=${real!.value}`],
    ];
    for (const [label, cookie] of forged) expect.soft(await answer(cookie), label).toEqual(signInRedirect);

    const signOut = await postForm(person, baseURL, '/account/sign-out', {});
    expect(signOut.status()).toBe(302);
    expect(await answer(`${name}=${real!.value}`), 'her cookie after she signed out').toEqual(signInRedirect);
    await visitor.request.dispose();
    await person.request.dispose();
  });
});

test.describe('posts from another site', () => {
  const foreignOrigins: [string, Record<string, string>][] = [
    ['a foreign Origin (https://evil.example)', { Origin: 'https://evil.example' }],
    ['no Origin header', {}],
    ['Origin: null', { Origin: 'null' }],
    ['our host on another scheme', { Origin: 'https://localhost' }],
  ];

  function expectRefusalPage(response: APIResponse, html: string, language: Language, label: string) {
    expect.soft(response.status(), label).toBe(403);
    expect.soft(html, `${label}: page language`).toContain(`<html lang="${language}">`);
    const page = decode(html);
    for (const key of ['title', 'body', 'home']) expect.soft(page, `${label}: ${key}`).toContain(text(`errors.foreignOrigin.${key}`, language));
  }

  for (const [label, headers] of foreignOrigins) {
    test(`${label}: sign-in, registration and approval are refused and change nothing`, async ({ playwright }) => {
      const account = await register(playwright, baseURL, linde);
      const target = (await findUser(coordinator, account.email))!;
      const visitor = await newPerson(playwright, baseURL);
      const post = (person: Person, path: string, form: Record<string, string>) => person.request.post(path, { form, headers, maxRedirects: 0 });

      // Sign-in with the right password: no session.
      const signIn = await expectNoRowChanges({ emails: [account.email] }, () =>
        post(visitor, '/account/sign-in', { email: account.email, password: account.password }),
      );
      expectRefusalPage(signIn, await signIn.text(), 'nl', `sign-in, ${label}`);
      expect(signIn.headers()['set-cookie'], 'no cookie').toBeUndefined();
      expect((await visitor.request.get('/account/home', { maxRedirects: 0 })).headers().location).toMatch(/^\/account\/sign-in\?/);

      // A complete registration, with a new organisation: nobody and nothing is added.
      const form = registrationForm(linde, {
        organisationId: 'new',
        orgName: `Testorganisatie ${randomUUID()}`,
        orgType: 'school',
        orgPostalCode: '9000',
        orgMunicipality: 'Gent',
        orgRegion: 'oost_vlaanderen',
        confirmNew: 'yes',
      });
      const registration = await expectNoRowChanges({ emails: [form.email!], organisationNames: [form.orgName!] }, () =>
        post(visitor, '/account/register', form),
      );
      expectRefusalPage(registration, await registration.text(), 'nl', `registration, ${label}`);
      await expectNobody(form.email, form.name);
      expect(await listOrganisations(coordinator, form.orgName!)).toEqual([]);

      // The coordinator's approval, with her session cookie: the registration still waits.
      const approval = await expectNoRowChanges({ userIds: [target.id] }, () =>
        post(coordinator, '/coordinate/registrations', { intent: 'approve', userId: target.id }),
      );
      expectRefusalPage(approval, await approval.text(), 'nl', `approval, ${label}`);
      expect((await findUser(coordinator, account.email))?.status).toBe('pending');

      // With our own Origin the same requests go through: the Origin was the reason.
      expect((await postForm(visitor, baseURL, '/account/sign-in', { email: account.email, password: account.password })).status()).toBe(302);
      expect((await postForm(coordinator, baseURL, '/coordinate/registrations', { intent: 'approve', userId: target.id })).status()).toBe(200);
      await visitor.request.dispose();
    });
  }

  test('the refusal speaks her language: the lng cookie, then Accept-Language, then Dutch', async ({ playwright }) => {
    const visitor = await newPerson(playwright, baseURL);
    const cases: [Language, Record<string, string>][] = [
      ['nl', { 'Accept-Language': 'nl-BE,nl;q=0.9' }],
      ['fr', { 'Accept-Language': 'fr-BE,fr;q=0.9,en;q=0.5' }],
      ['en', { 'Accept-Language': 'en-GB,en;q=0.9' }],
      ['nl', { 'Accept-Language': 'de-DE,de;q=0.9' }],
      ['en', { 'Accept-Language': 'fr-BE', Cookie: languageCookie('en') }],
      ['fr', { 'Accept-Language': 'en-GB', Cookie: languageCookie('fr') }],
      ['nl', { 'Accept-Language': 'fr-BE', Cookie: languageCookie('nl') }],
    ];
    for (const path of ['/account/sign-in', '/account/register', '/coordinate/registrations']) {
      for (const [language, headers] of cases) {
        const response = await visitor.request.post(path, {
          form: { email: 'someone@example.org', password: 'whatever' },
          headers: { ...headers, Origin: 'https://evil.example' },
          maxRedirects: 0,
        });
        expectRefusalPage(response, await response.text(), language, `${path} with ${JSON.stringify(headers)}`);
      }
    }
    await visitor.request.dispose();
  });
});

test.describe('sign-in rate limit', () => {
  test('20 wrong passwords in a minute from one address end in 429s; the right one still works from another address', async ({ playwright }) => {
    const account = await register(playwright, baseURL, linde);
    const attacker = await newPerson(playwright, baseURL);
    const started = Date.now();
    const answers: { status: number; message: string | null; retryAfter: string | undefined; cookie: string | undefined }[] = [];
    await expectNoRowChanges({ emails: [account.email] }, async () => {
      for (let attempt = 1; attempt <= 20; attempt += 1) {
        const response = await postForm(attacker, baseURL, '/account/sign-in', { email: account.email, password: `wrong password number ${attempt}` });
        const headers = response.headers();
        answers.push({
          status: response.status(),
          message: formError(await response.text()),
          retryAfter: headers['retry-after'],
          cookie: headers['set-cookie'],
        });
      }
    });
    expect(Date.now() - started, 'the 20 attempts fit in a minute').toBeLessThan(60_000);

    // Ten attempts a minute per address (rate-limit.server.ts): ten wrong-password answers, then 429s.
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(400), ...Array(10).fill(429)]);
    for (const [i, a] of answers.entries()) {
      expect.soft(a.cookie, `attempt ${i + 1}: no session`).toBeUndefined();
      if (a.status === 400) {
        expect.soft(a.message, `attempt ${i + 1}`).toBe(text('account.signIn.errors.invalid'));
        expect.soft(a.retryAfter, `attempt ${i + 1}`).toBeUndefined();
      } else {
        expect.soft(a.message, `attempt ${i + 1}`).toBe(text('errors.tooManyRequests.body'));
        expect.soft(Number(a.retryAfter), `attempt ${i + 1}: Retry-After in seconds`).toBeGreaterThanOrEqual(1);
        expect.soft(Number(a.retryAfter), `attempt ${i + 1}: Retry-After in seconds`).toBeLessThanOrEqual(60);
      }
    }

    // From the blocked address even the right password waits; from another it works.
    const blocked = await postForm(attacker, baseURL, '/account/sign-in', { email: account.email, password: account.password });
    expect(blocked.status(), 'the right password from the blocked address').toBe(429);
    expect(blocked.headers()['set-cookie']).toBeUndefined();
    const elsewhere = await newPerson(playwright, baseURL);
    await signInPerson(elsewhere, baseURL, account);
    expect((await elsewhere.request.get('/account/home', { maxRedirects: 0 })).headers().location, 'she is signed in (and waits for approval)').toBe(
      '/account/pending',
    );
    await attacker.request.dispose();
    await elsewhere.request.dispose();
  });

  test('30 wrong passwords from 30 addresses lock her account for strangers, never on the browser where she signed in before', async ({ playwright }) => {
    const account = await register(playwright, baseURL, linde);
    // Her own browser: she signed in there once, then signed out.
    const own = await newPerson(playwright, baseURL);
    await signInPerson(own, baseURL, account);
    expect((await postForm(own, baseURL, '/account/sign-out', {})).status()).toBe(302);
    // Someone hammers her account from 30 addresses.
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      const attacker = await newPerson(playwright, baseURL);
      expect((await postForm(attacker, baseURL, '/account/sign-in', { email: account.email, password: `guess ${attempt}` })).status(), `guess ${attempt}`).toBe(
        400,
      );
      await attacker.request.dispose();
    }
    // A new browser, even with her right password, waits.
    const stranger = await newPerson(playwright, baseURL);
    const refused = await postForm(stranger, baseURL, '/account/sign-in', { email: account.email, password: account.password });
    expect(refused.status()).toBe(429);
    expect(formError(await refused.text())).toBe(text('errors.tooManyRequests.body'));
    // Her own browser signs in.
    const signedIn = await postForm(own, baseURL, '/account/sign-in', { email: account.email, password: account.password });
    expect(signedIn.status(), 'her own browser').toBe(302);
    expect((await own.request.get('/account/home', { maxRedirects: 0 })).headers().location).toBe('/account/pending');
    await own.request.dispose();
    await stranger.request.dispose();
  });
});

test.describe('rate limits on the other forms', () => {
  test('the 21st registration in an hour from one address gets a 429 with Retry-After, and registers nobody', async ({ playwright }) => {
    const person = await newPerson(playwright, baseURL);
    // Complete forms that reach the directory count against the limit: here each proposes an
    // organisation that looks like De Linde, so each is answered "did you mean…" and registers nobody.
    const lookAlike = {
      organisationId: 'new',
      orgName: 'jeugdhulp de  LINDE',
      orgType: 'youth_care',
      orgPostalCode: '9000',
      orgMunicipality: 'Gent',
      orgRegion: 'oost_vlaanderen',
    };
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const response = await postForm(person, baseURL, '/account/register', registrationForm('new', lookAlike));
      expect(response.status(), `attempt ${attempt}`).toBe(409);
      // The answer never carries her password back, and says so at the field.
      if (attempt === 1) expect(await response.text()).toContain(text('account.password.retype'));
    }
    const form = registrationForm(linde);
    const over = await expectNoRowChanges({ emails: [form.email!] }, () => postForm(person, baseURL, '/account/register', form));
    expect(over.status()).toBe(429);
    expect(formError(await over.text())).toBe(text('errors.tooManyRequests.body'));
    expect(Number(over.headers()['retry-after']), 'Retry-After in seconds, within the hour').toBeGreaterThanOrEqual(1);
    expect(Number(over.headers()['retry-after'])).toBeLessThanOrEqual(3600);
    await expectNobody(form.email, form.name);
    await person.request.dispose();
  });

  test('mistakes on the form never lock a person out; one address is sent at most three registration e-mails an hour', async ({ playwright }) => {
    const person = await newPerson(playwright, baseURL);
    const form = registrationForm(linde);
    // A short password, a common one, a missing profession: each is refused, none counts.
    const mistakes: Record<string, string>[] = [{ password: 'kort' }, { password: 'qwerty123456' }, { profession: '' }, { password: 'aaaaaaaaaaaaaaaa' }];
    for (const mistake of mistakes) {
      expect((await postForm(person, baseURL, '/account/register', { ...form, ...mistake })).status(), JSON.stringify(mistake)).toBe(400);
    }
    const registered = await postForm(person, baseURL, '/account/register', form);
    expect([registered.status(), registered.headers().location]).toEqual([302, '/account/registered']);
    // Registering the same address again sends it an e-mail ("you already have an account") each time:
    // from other networks, the second and third go through, the fourth is refused.
    for (let again = 2; again <= 3; again += 1) {
      const other = await newPerson(playwright, baseURL);
      const response = await postForm(other, baseURL, '/account/register', { ...form, name: `Iemand ${again}` });
      expect(response.status(), `registration ${again} of one address`).toBe(302);
      await other.request.dispose();
    }
    const fourth = await newPerson(playwright, baseURL);
    const refused = await postForm(fourth, baseURL, '/account/register', { ...form, name: 'Iemand 4' });
    expect(refused.status()).toBe(429);
    expect(formError(await refused.text())).toBe(text('errors.tooManyRequests.body'));
    await fourth.request.dispose();
    await person.request.dispose();
  });

  test('the 11th reset request in an hour from one address gets a 429 with Retry-After, and sends nothing', async ({ playwright }) => {
    const account = await register(playwright, baseURL, linde);
    const person = await newPerson(playwright, baseURL);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await postForm(person, baseURL, '/account/forgot-password', { email: `nobody-${attempt}-${randomUUID()}@example.org` });
      expect(response.status(), `attempt ${attempt}`).toBe(200);
    }
    const mailBefore = await latestMail(coordinator, account.email);
    const over = await expectNoRowChanges({ emails: [account.email] }, () => postForm(person, baseURL, '/account/forgot-password', { email: account.email }));
    expect(over.status()).toBe(429);
    expect(formError(await over.text())).toBe(text('errors.tooManyRequests.body'));
    expect(Number(over.headers()['retry-after']), 'Retry-After in seconds, within the hour').toBeGreaterThanOrEqual(1);
    expect(Number(over.headers()['retry-after'])).toBeLessThanOrEqual(3600);
    expect(await latestMail(coordinator, account.email), 'no reset mail').toEqual(mailBefore);
    await person.request.dispose();
  });
});

test('the row probe sees PostgreSQL when DATABASE_URL is set', async () => {
  // Guards the "nothing changed" checks above: on PostgreSQL they must really count rows.
  const counts = await countAccountRows({ emails: [demoAccount('facilitator').email] });
  if (process.env.DATABASE_URL) expect(counts?.users).toBe(1);
  else expect(counts).toBeNull();
});
