import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type RawRequest, type RawResponse, cookiesOf, send } from './support/raw-http';
import { AppServer } from './support/server';
import { MODULE_ID } from './support/sessions';

/**
 * Hostile input to every route (issue 11, "Done when"): missing, empty, 10 kB and 1 MB
 * values, NUL, CR/LF, right-to-left overrides, invalid UTF-8, path traversal, wrong content
 * types, duplicated fields, unknown methods, foreign or missing Origin, a forwarded host
 * that is not ours, a forged Host, forged cookies — as nobody, as a girl's tablet and as a
 * signed-in facilitator. Not one answer may be a 5xx, and what is refused writes nothing:
 * every table has as many rows after as before, except `rate_limits` (counting refused
 * attempts is what it is for; it holds keyed hashes only) and the girls who did join with an
 * odd but acceptable nickname. On a server of its own, on PGlite or, in the PostgreSQL run,
 * in a database of its own (nothing else writes there meanwhile).
 */

const port = Number(process.env.FUZZ_PORT ?? 3291);
const foreign = 'https://evil.example';

const hostileValues: Record<string, string | null> = {
  missing: null,
  empty: '',
  '10 kB': 'a'.repeat(10 * 1024),
  NUL: 'a\u0000b',
  'CR/LF': 'a\r\nSet-Cookie: x=1',
  RTL: '\u202Egnp.exe',
  traversal: '../../../../etc/passwd',
  'encoded traversal': '..%2F..%2Fetc%2Fpasswd',
  'invalid UTF-8': '\uFFFD', // replaced below by the raw bytes FF FE in the body
  'open redirect': '/\t/evil.example',
  zalgo: 'Z\u0301\u0302\u0303\u0304\u0305a',
  'SQL-ish': "' or 1=1; drop table users; --",
};

/** A form body with one field hostile (or missing), the others as given; `twice`: the field sent twice. */
function formBody(base: Record<string, string>, field: string, value: string | null, twice = false): Buffer {
  const parts: string[] = [];
  for (const [key, plain] of Object.entries(base)) {
    if (key !== field) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(plain)}`);
  }
  if (value !== null) {
    const encoded = value === '\uFFFD' ? '%FF%FE%FD' : encodeURIComponent(value);
    parts.push(`${encodeURIComponent(field)}=${encoded}`);
    if (twice) parts.push(`${encodeURIComponent(field)}=${encodeURIComponent(base[field] ?? 'x')}`);
  }
  return Buffer.from(parts.join('&'));
}

interface World {
  baseURL: string;
  facilitator: string;
  girl: string;
  participant: string;
  sessionId: string;
  code: string;
}

type Who = 'nobody' | 'girl' | 'facilitator' | 'forged';

function cookieFor(world: World, who: Who): string | undefined {
  switch (who) {
    case 'nobody':
      return undefined;
    case 'girl':
      return world.girl;
    case 'facilitator':
      return world.facilitator;
    case 'forged':
      // Her participant id with a made-up signature, a made-up session, a language cookie that is not one.
      return `__Host-weerbaar_participant=${encodeURIComponent(`"${world.participant}".forged`)}; __Host-weerbaar_session=abc.def; weerbaar_participant=${world.participant}; lng=%00%FF; __Host-weerbaar_device=e30%3D.x`;
  }
}

/** The form posts of the site, each with values that are refused whatever one field holds (two are wrong). */
function forms(world: World): { path: string; base: Record<string, string>; as: Who[] }[] {
  return [
    { path: '/join', base: { code: 'ZZZZZZ' }, as: ['nobody', 'forged'] },
    { path: `/join/${world.code}`, base: { nickname: 'x', avatar: 'no-such-animal' }, as: ['nobody'] },
    {
      path: '/account/sign-in',
      base: { email: 'nobody@example.org', password: 'wrong', redirectTo: '/\t/evil.example' },
      as: ['nobody', 'forged', 'facilitator'],
    },
    {
      path: '/account/register',
      base: { name: 'Fuzz', email: 'not-an-address', password: 'x', language: 'nl', profession: 'x', role: 'facilitator', organisationId: 'not-a-uuid' },
      as: ['nobody'],
    },
    { path: '/account/forgot-password', base: { email: 'not-an-address' }, as: ['nobody'] },
    { path: '/account/reset-password', base: { token: 'not-a-token', password: 'x' }, as: ['nobody'] },
    { path: '/account/sign-out', base: { x: 'y' }, as: ['nobody', 'forged'] },
    { path: '/language', base: { language: 'xx', redirectTo: '//evil.example' }, as: ['nobody', 'forged'] },
    { path: '/play/start', base: { module: 'no-such-module', variant: 'no-such-variant', language: 'nl' }, as: ['nobody', 'facilitator'] },
    { path: `/play/p/${world.participant}`, base: { sequence: '0', intent: 'next' }, as: ['girl', 'forged', 'nobody'] },
    { path: `/live/${world.sessionId}/answer`, base: { step: 'no-such-step', option: 'x' }, as: ['girl', 'forged'] },
    {
      path: '/facilitate/sessions/new',
      base: { module: 'no-such-module', variant: 'no-such-variant', language: 'nl', pacing: 'together' },
      as: ['facilitator', 'forged'],
    },
    { path: `/facilitate/sessions/${world.sessionId}`, base: { intent: 'remove', participant: 'no-such-girl' }, as: ['facilitator', 'girl'] },
    { path: `/facilitate/sessions/${world.sessionId}`, base: { intent: 'evaluate', howItWent: '9', comments: 'x' }, as: ['facilitator'] },
    { path: '/account/password', base: { currentPassword: 'not-hers', newPassword: 'x' }, as: ['facilitator'] },
    { path: '/account/email', base: { email: 'not-an-address', password: 'not-hers' }, as: ['facilitator'] },
    { path: '/account/delete', base: { password: 'not-hers' }, as: ['facilitator'] },
    { path: '/coordinate/users', base: { intent: 'disable', userId: 'not-a-uuid' }, as: ['facilitator'] },
    { path: '/coordinate/registrations', base: { intent: 'approve', userId: 'not-a-uuid' }, as: ['facilitator'] },
  ];
}

/** Pages and data, with a hostile value in the path or the query. */
function pages(world: World): { template: (value: string) => string; as: Who[] }[] {
  return [
    { template: (v) => `/join/${v}`, as: ['nobody'] },
    { template: (v) => `/j/${v}`, as: ['nobody'] },
    { template: (v) => `/join?code=${v}`, as: ['nobody'] },
    { template: (v) => `/s/${v}`, as: ['girl', 'forged'] },
    { template: (v) => `/s/${v}?_data=routes%2Fs.%24participant`, as: ['girl', 'forged'] },
    { template: (v) => `/play/p/${v}`, as: ['girl', 'forged'] },
    { template: (v) => `/play/p/${world.participant}?feedback=${v}&taal=${v}`, as: ['girl', 'forged'] },
    { template: (v) => `/s/${world.participant}?problem=${v}&skipped=${v}`, as: ['girl'] },
    { template: (v) => `/play?module=${v}`, as: ['nobody', 'forged'] },
    { template: (v) => `/organisations/search?q=${v}`, as: ['nobody'] },
    { template: (v) => `/organisations/${v}`, as: ['facilitator'] },
    { template: (v) => `/account/sign-in?redirectTo=${v}&notice=${v}`, as: ['nobody'] },
    { template: (v) => `/account/reset-password?token=${v}`, as: ['nobody'] },
    { template: (v) => `/locales/${v}/common`, as: ['nobody'] },
    { template: (v) => `/live/${v}/state`, as: ['girl', 'forged'] },
    { template: (v) => `/facilitate/sessions/${v}`, as: ['facilitator'] },
    { template: (v) => `/facilitate/sessions/${v}/state`, as: ['facilitator'] },
    { template: (v) => `/facilitate/modules/${v}/guide?variant=${v}`, as: ['facilitator'] },
    { template: (v) => `/coordinate/dashboard?period=${v}&from=${v}`, as: ['facilitator', 'forged'] },
    { template: (v) => `/facilitate/sessions/${world.sessionId}?saved=${v}`, as: ['facilitator'] },
  ];
}

/** What goes into a path or a query as written: encoded, and raw percent-escapes the edge must catch. */
const pathValues = [
  ...Object.values(hostileValues)
    .filter((v): v is string => v !== null && v !== '\uFFFD')
    .map(encodeURIComponent),
  '%00',
  'a%00b',
  '%0d%0a',
  '%FF%FE',
  '%E0%A4%A',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%252e%252e%252f',
  '',
];

function buildRequests(world: World): RawRequest[] {
  const origin = new URL(world.baseURL).origin;
  const withCookie = (who: Who, headers: Record<string, string> = {}) => {
    const cookie = cookieFor(world, who);
    return cookie ? { ...headers, Cookie: cookie } : headers;
  };
  const requests: RawRequest[] = [];
  const formHeaders = { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' };
  for (const { path: target, base, as } of forms(world)) {
    for (const who of as) {
      for (const field of Object.keys(base)) {
        for (const value of Object.values(hostileValues))
          requests.push({ method: 'POST', path: target, headers: withCookie(who, formHeaders), body: formBody(base, field, value) });
        requests.push({ method: 'POST', path: target, headers: withCookie(who, formHeaders), body: formBody(base, field, 'twice', true) });
      }
    }
    const who = as[0]!;
    const body = formBody(base, '', null);
    // Wrong content types, broken bodies, a megabyte.
    for (const [type, raw] of [
      ['application/json', '{"code":"ZZZZZZ","a":[1,2,{"b":null}]}'],
      ['application/json', '{"broken":'],
      ['text/plain', 'code=ZZZZZZ'],
      ['application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\nZZZ'],
      ['multipart/form-data', 'no boundary at all'],
      ['application/x-www-form-urlencoded; charset=utf-16', body.toString()],
      [undefined, body.toString()],
    ] as const) {
      requests.push({ method: 'POST', path: target, headers: withCookie(who, { Origin: origin, ...(type ? { 'Content-Type': type } : {}) }), body: raw });
    }
    requests.push({ method: 'POST', path: target, headers: withCookie(who, formHeaders), body: Buffer.from(`a=${'b'.repeat(1024 * 1024)}`) });
    requests.push({
      method: 'POST',
      path: target,
      headers: withCookie(who, formHeaders),
      body: Buffer.concat([Buffer.from('code='), Buffer.from([0xff, 0xfe, 0x00, 0xc3])]),
    });
    // Not from our pages, or not for our host.
    for (const headers of [
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      { ...formHeaders, Origin: foreign },
      { ...formHeaders, Origin: 'null' },
      { ...formHeaders, Origin: 'not a url' },
      { ...formHeaders, 'X-Forwarded-Host': 'evil.example' },
      { ...formHeaders, Host: 'evil.example', Origin: 'http://evil.example' },
    ]) {
      requests.push({ method: 'POST', path: target, headers: withCookie(who, headers), body });
    }
    for (const method of ['TRACE', 'TRACK', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'FOO']) {
      requests.push({ method, path: target, headers: withCookie(who, formHeaders), body });
    }
  }
  // The player's JSON: its events and a together answer.
  const jsonHeaders = { Origin: origin, 'Content-Type': 'application/json' };
  const jsonBodies: (string | Buffer)[] = [
    '',
    'null',
    '[]',
    '{"sequence":"1","event":{"type":"NEXT"}}',
    '{"sequence":0,"event":{"type":"NEXT"}}',
    '{"sequence":99999,"event":{"type":"NEXT"}}',
    '{"sequence":1,"event":{"type":"NEXT","extra":1}}',
    '{"sequence":1,"event":{"type":"ANSWER","step":"a\\u0000b","answer":{}}}',
    '{"sequence":1,"event":{"type":"ANSWER","step":"../../etc/passwd","answer":{"option":"\\u202e"}}}',
    '{"sequence":1,"sequence":2}',
    '{"step":"a\\u0000","answer":null}',
    '{"step":"x","answer":{"option":"x"},"more":true}',
    `{"step":"${'x'.repeat(10 * 1024)}"}`,
    Buffer.concat([Buffer.from('{"step":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    Buffer.from(`{"a":"${'b'.repeat(1024 * 1024)}"}`),
  ];
  for (const target of [`/play/p/${world.participant}/events`, `/live/${world.sessionId}/answer`]) {
    for (const who of ['girl', 'forged', 'nobody'] as const) {
      for (const body of jsonBodies) requests.push({ method: 'POST', path: target, headers: withCookie(who, jsonHeaders), body });
      requests.push({ method: 'POST', path: target, headers: withCookie(who, { Origin: origin, 'Content-Type': 'text/plain' }), body: '{"sequence":1}' });
      requests.push({ method: 'POST', path: target, headers: withCookie(who, { ...jsonHeaders, Origin: foreign }), body: '{"sequence":1}' });
    }
  }
  // Pages and data with a hostile path or query, every way in.
  for (const { template, as } of pages(world)) {
    for (const who of as) {
      for (const value of pathValues) requests.push({ method: 'GET', path: template(value), headers: withCookie(who) });
    }
    requests.push({ method: 'TRACE', path: template('x'), headers: withCookie(as[0]!) });
    requests.push({ method: 'GET', path: template('x'), headers: withCookie(as[0]!, { Host: 'evil.example' }) });
  }
  // Every page of the site as a forged visitor and with a megabyte of query.
  for (const page of [
    '/',
    '/about',
    '/recipe',
    '/exit',
    '/play',
    '/join',
    '/account',
    '/account/home',
    '/facilitate',
    '/facilitate/sessions',
    '/coordinate',
    '/coordinate/outbox',
    '/healthz',
    '/no-such-page',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%5c..%5cwindows',
  ]) {
    requests.push({ method: 'GET', path: page, headers: withCookie('forged') });
    requests.push({ method: 'HEAD', path: page, headers: withCookie('forged') });
    requests.push({ method: 'GET', path: `${page}?q=${'%00'.repeat(3)}&q=${'a'.repeat(10 * 1024)}`, headers: withCookie('forged') });
  }
  return requests;
}

async function runAll(baseURL: string, requests: RawRequest[], concurrency: number): Promise<{ request: RawRequest; response: RawResponse }[]> {
  const results: { request: RawRequest; response: RawResponse }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < requests.length) {
        const request = requests[next++]!;
        // Each client its own made-up address (TRUST_PROXY): rate limits do not hide the deeper code.
        const ip = `10.77.${worker}.${(next % 250) + 1}`;
        const response = await send(baseURL, { ...request, headers: { 'X-Forwarded-For': ip, ...request.headers } });
        results.push({ request, response });
      }
    }),
  );
  return results;
}

/** Rows per table: from PostgreSQL while the server runs, from the PGlite files once it is stopped. */
async function rowCounts(location: { databaseUrl?: string; dataDir: string }): Promise<Record<string, number>> {
  const tablesQuery = `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  if (location.databaseUrl) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      const counts: Record<string, number> = {};
      for (const { table_name } of (await client.query<{ table_name: string }>(tablesQuery)).rows) {
        counts[table_name] = Number((await client.query<{ n: string }>(`select count(*) as n from "${table_name}"`)).rows[0]!.n);
      }
      return counts;
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(location.dataDir, 'pglite'));
  try {
    const counts: Record<string, number> = {};
    for (const { table_name } of (await db.query<{ table_name: string }>(tablesQuery)).rows) {
      counts[table_name] = Number((await db.query<{ n: string }>(`select count(*) as n from "${table_name}"`)).rows[0]!.n);
    }
    return counts;
  } finally {
    await db.close();
  }
}

/** In the PostgreSQL run: a database of this test's own, so that no other test's rows move the counts. */
async function ownDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const { default: pg } = await import('pg');
  const name = `weerbaar_fuzz_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

test('hostile input to every route: no 5xx, and nothing written for what is refused', async () => {
  test.setTimeout(300_000);
  const database = await ownDatabase();
  const server = await AppServer.start({ port, databaseUrl: database?.url ?? '', seedDemoData: true, trustProxy: true });
  try {
    const baseURL = server.baseURL;
    const origin = { Origin: new URL(baseURL).origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.99.0.1' };
    // A facilitator signed in, her session (own pace, running) and a girl who joined it.
    const accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8')) as { label: string; email: string; password: string }[];
    const facilitatorAccount = accounts.find((a) => a.label === 'facilitator')!;
    const signedIn = await send(baseURL, {
      method: 'POST',
      path: '/account/sign-in',
      headers: origin,
      body: new URLSearchParams({ email: facilitatorAccount.email, password: facilitatorAccount.password }).toString(),
    });
    expect(signedIn.status, 'the facilitator signs in').toBe(302);
    const facilitator = cookiesOf(signedIn);
    const created = await send(baseURL, {
      method: 'POST',
      path: '/facilitate/sessions/new',
      headers: { ...origin, Cookie: facilitator },
      body: new URLSearchParams({ module: MODULE_ID, variant: 'standard', language: 'nl', pacing: 'own_pace' }).toString(),
    });
    const sessionId = /\/facilitate\/sessions\/([0-9a-f-]{36})$/.exec(String(created.headers.location))?.[1];
    expect(sessionId, 'a new session').toBeTruthy();
    const state = JSON.parse(
      (await send(baseURL, { method: 'GET', path: `/facilitate/sessions/${sessionId}/state`, headers: { Cookie: facilitator } })).body,
    ) as { joinCode: string };
    const joined = await send(baseURL, { method: 'POST', path: `/join/${state.joinCode}`, headers: origin, body: 'nickname=Fuzzie&avatar=owl' });
    const participant = /^\/s\/([A-Za-z0-9_-]{22})$/.exec(String(joined.headers.location))?.[1];
    expect(participant, 'a girl joins').toBeTruthy();
    const started = await send(baseURL, {
      method: 'POST',
      path: `/facilitate/sessions/${sessionId}`,
      headers: { ...origin, Cookie: facilitator },
      body: 'intent=start',
    });
    expect(started.status).toBe(200);
    const world: World = { baseURL, facilitator, girl: cookiesOf(joined), participant: participant!, sessionId: sessionId!, code: state.joinCode };

    const location = { databaseUrl: database?.url, dataDir: server.dataDir };
    if (!database) await server.stop(); // PGlite: its files are read with the server stopped
    const before = await rowCounts(location);
    if (!database) await server.restart();

    const requests = buildRequests(world);
    const started_ = Date.now();
    const results = await runAll(baseURL, requests, 6);
    const seconds = (Date.now() - started_) / 1000;

    const byStatus: Record<number, number> = {};
    for (const { response } of results) byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
    console.log(`fuzz: ${results.length} requests in ${seconds.toFixed(1)} s on ${database ? 'PostgreSQL' : 'PGlite'}; by status ${JSON.stringify(byStatus)}`);
    const failures = results.filter(({ response }) => response.status >= 500 || response.status === 0);
    expect(
      failures.map(
        ({ request, response }) =>
          `${response.status} ${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers ?? {}).slice(0, 200)} ${String(request.body ?? '').slice(0, 120)}`,
      ),
      `5xx answers:\n${server.log.slice(-3000)}`,
    ).toEqual([]);
    expect(server.log, 'the server logged no error').not.toMatch(/"level":(50|60)/);

    // Girls who joined with an odd nickname that is still a nickname (e.g. "../../../../etc/passwd").
    const joins = results.filter(
      ({ request, response }) => request.method === 'POST' && request.path === `/join/${world.code}` && response.status === 302,
    ).length;
    if (!database) await server.stop();
    const after = await rowCounts(location);
    const { rate_limits: rateBefore, ...restBefore } = before;
    const { rate_limits: rateAfter, ...restAfter } = after;
    console.log(
      `fuzz: rows before ${JSON.stringify(before)}, after ${JSON.stringify(after)}; ${joins} accepted joins; rate_limits ${rateBefore} → ${rateAfter}`,
    );
    expect(restAfter).toEqual({ ...restBefore, participants: restBefore.participants! + joins });
  } finally {
    await server.stop();
    await database?.drop();
  }
});
