import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type APIResponse, expect, test } from '@playwright/test';
import { type Action, type Entity, type PermissionName, can } from '~/accounts/permissions';
import { loadCourses } from '~/courses/load.server';
import type { Role } from '~/db/vocabulary';
import { demoAccount } from './support/accounts';
import {
  type NewAccount,
  type Person,
  type Playwright,
  approve,
  findUser,
  listOrganisations,
  newPerson,
  organisationId,
  postForm,
  register,
  registrationForm,
  signedInPerson,
  strongPassword,
} from './support/people';
import { createSessionOverHttp, joinOverHttp } from './support/sessions';

// The facilitator course's final quiz, where its content puts it (the last step of its last lesson).
const facilitatorCourse = loadCourses().course('weerbaar-sessies-begeleiden')!.course;
const finalQuizPath = `lessons/${facilitatorCourse.lessons.at(-1)!.id}/${facilitatorCourse.completion.quiz}`;

/**
 * Who may open what: every route in app/routes, with its guarded form posts, for every kind
 * of person. One test per persona, one soft assertion per cell, so a failure names route and
 * persona. The answers are stated here, in one table; a last test checks that the table and
 * app/accounts/permissions.ts tell the same story for every route behind a permission.
 *
 *   200        the page (or the action's answer); 400 / 409: the action ran and refused the input
 *   405        the route takes only POST (or only GET)
 *   'sign-in'  302 to /account/sign-in?redirectTo=<this path>
 *   'pending'  302 to /account/pending
 *   'home'     302 to her own start page (homeFor: /facilitate, /account or /coordinate)
 *   'player'   302 to a new participant's player page (/play/p/<id>)
 *   'moved'    the row's own redirect (movedTo, with movedStatus, 302 unless said)
 *   403, 404   the localized error page, or a resource route's small JSON (404 also for what is
 *              not hers: we do not say it exists)
 *
 * The group session is a real one of De Linde (the first demo organisation), run by the demo
 * facilitator; `tablet` is a girl's tablet that joined it with the code (no account).
 */

const personas = ['anonymous', 'pending', 'facilitator', 'trainer', 'coordinator', 'admin', 'otherFacilitator', 'tablet'] as const;
type Persona = (typeof personas)[number];
type Expected = 200 | 400 | 403 | 404 | 405 | 409 | 410 | 'sign-in' | 'pending' | 'home' | 'player' | 'moved';

/** Where `/account/home` sends each approved persona. */
const homes: Partial<Record<Persona, string>> = {
  facilitator: '/facilitate',
  trainer: '/account',
  coordinator: '/coordinate',
  admin: '/coordinate',
  otherFacilitator: '/facilitate',
};

/** The roles each signed-in, approved persona holds (checked in beforeAll). */
const personaRoles: Partial<Record<Persona, Role[]>> = {
  facilitator: ['facilitator'],
  trainer: ['trainer'],
  coordinator: ['coordinator'],
  admin: ['admin'],
  otherFacilitator: ['facilitator'],
};

type Target = NewAccount & { id: string };

interface World {
  baseURL: string;
  people: Record<Persona, Person>;
  /** A second session of the same person (a new visitor for anonymous and tablet): sign-out ends this one. */
  spares: Record<Persona, Person>;
  accounts: Partial<Record<Persona, { email: string }>>;
  linde: string;
  horizon: string;
  randomId: string;
  /** The demo facilitator's certificate of the facilitator course (she passed it), as shown. */
  certificate: string;
  /** De Linde's group session, in the lobby; the tablet joined it. */
  session: { id: string; code: string };
  participant: string;
  /** The demo trainer's upcoming training day (demo data). */
  trainingDay: string;
  /** One pending registration per persona, for her approval attempt. */
  approveTargets: Record<Persona, Target>;
  /** One approved facilitator at De Linde per persona, for her role-change attempt. */
  roleTargets: Record<Persona, Target>;
  /** One approved, signed-in facilitator at De Linde per persona, for her disabling attempt. */
  disableTargets: Record<Persona, Target & { person: Person }>;
  /** One organisation per persona, for her edit attempt. */
  organisationTargets: Record<Persona, { id: string; name: string }>;
  coordinator: Person;
}

/** What a request answered: status, headers (lower-case names) and body (the first chunk of a stream). */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Row {
  label: string;
  method: 'GET' | 'POST';
  path: (w: World, persona: Persona) => string;
  form?: (w: World, persona: Persona) => Record<string, string> | URLSearchParams;
  /** Post `form` as JSON, as the tablet's script does. */
  json?: boolean;
  /** A Server-Sent Events stream: read the answer's head and first chunk, then hang up. */
  stream?: boolean;
  /** Sent with her cookies but outside her request context: what it sets does not stay. */
  detached?: boolean;
  /** Sent from her second session (`spares`), for posts that end the session they come from. */
  fromSpare?: boolean;
  expected: readonly [Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected];
  /** The permission the route's guard asks for, `action:entity` (see the last test). */
  permission?: PermissionName;
  movedTo?: (w: World, persona: Persona) => string | RegExp;
  movedStatus?: 302 | 303;
  /** Text the answer must carry, by status, when it is not the generic error page's. */
  texts?: Partial<Record<200 | 400 | 403 | 404 | 405 | 409, string>> & { forbiddenBy?: Partial<Record<Persona, string>> };
  /** Checks on the answer beyond its status. */
  check?: (w: World, persona: Persona, answer: Answer, cell: string) => void;
  /** Checks after the request that what should (not) have changed did (not). */
  after?: (w: World, persona: Persona, expected: Expected) => Promise<void>;
}

const fill = (path: string, w: World) =>
  path
    .replace('{linde}', w.linde)
    .replace('{random}', w.randomId)
    .replace('{session}', w.session.id)
    .replace('{code}', w.session.code)
    .replace('{participant}', w.participant)
    .replace('{course}', 'weerbaar-sessies-begeleiden')
    .replace('{certificate}', w.certificate)
    .replace('{trainingDay}', w.trainingDay);

const get = (label: string, expected: Row['expected'], extra: Partial<Row> = {}): Row => ({
  label,
  method: 'GET',
  path: (w) => fill(label, w),
  expected,
  ...extra,
});

/** The session's pages never show its join code to anyone but her own facilitator. */
const codeOnlyForHerFacilitator =
  (shownToHer: boolean) =>
  (w: World, persona: Persona, answer: Answer, cell: string): void => {
    const shown = answer.body.includes(w.session.code);
    if (persona !== 'facilitator') expect.soft(shown, `${cell}: the join code in the answer`).toBe(false);
    else if (shownToHer) expect.soft(shown, `${cell}: the join code in her answer`).toBe(true);
  };
/** Her facilitator's screens name the girl by a handle, never by her participant id (issue 11, item 2). */
const codeOnlyForHerFacilitatorNoParticipantId =
  (shownToHer: boolean) =>
  (w: World, persona: Persona, answer: Answer, cell: string): void => {
    codeOnlyForHerFacilitator(shownToHer)(w, persona, answer, cell);
    expect.soft(answer.body.includes(w.participant), `${cell}: a participant id in the answer`).toBe(false);
    // Not vacuous: the answer does list her (a stream's first chunk may not have the state yet).
    if (persona === 'facilitator' && answer.status === 200 && !(answer.headers['content-type'] ?? '').includes('event-stream')) {
      expect.soft(answer.body, `${cell}: her nickname`).toContain('Matrixje');
    }
  };
// A resource route's refusal (decision 0022): `{ reason, message }`, named by its reason.
const guardJson = { 403: '{"reason":"forbidden"', 404: '{"reason":"notFound"' } as const;
const notJoined = '{"reason":"notJoined"';
const hasSession = (_w: World, persona: Persona) => persona !== 'anonymous' && persona !== 'tablet';

// prettier-ignore
const table: Row[] = [
  //                                                   anonymous  pending    facilitator trainer coordinator admin  other org's  tablet
  //                                                                                                                  facilitator
  // Public pages
  get('/',                                            [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/about',                                       [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/recipe',                                      [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/healthz',                                     [200,       200,       200,        200,    200,        200,   200,         200], { texts: { 200: '"status":"ok"' } }),
  get('/no-such-page',                                [404,       404,       404,        404,    404,        404,   404,         404]),
  get('/exit',                                        ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'], {
    movedTo: () => '/recipe', movedStatus: 303,
    // Her cookies are expired by Set-Cookie too (browsers without Clear-Site-Data): sent
    // outside her request context, so that the other rows keep her cookies.
    detached: true,
    check: (_w, _p, answer, cell) => {
      expect.soft(answer.headers['clear-site-data'], `${cell}: Clear-Site-Data`).toBe('"cookies", "storage"');
      for (const name of ['weerbaar_session', 'weerbaar_device', 'weerbaar_participant', 'lng']) {
        expect.soft(answer.headers['set-cookie'] ?? '', `${cell}: ${name} expired`).toMatch(new RegExp(`${name}=; Max-Age=0`));
      }
    },
  }),
  get('/language',                                    ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'], { movedTo: () => '/' }),
  {
    label: 'POST /language nl, back to /about',
    method: 'POST',
    path: () => '/language',
    form: () => ({ language: 'nl', redirectTo: '/about' }),
    expected:                                         ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'],
    movedTo: () => '/about', movedStatus: 303,
  },
  get('/locales/nl/common.json',                      [200,       200,       200,        200,    200,        200,   200,         200], { texts: { 200: '"Pagina niet gevonden"' } }),
  // The e-mail texts are server-only; an unknown language has none.
  get('/locales/nl/email.json',                       [404,       404,       404,        404,    404,        404,   404,         404], { texts: { 404: 'Not found' } }),
  get('/locales/xx/common.json',                      [404,       404,       404,        404,    404,        404,   404,         404], { texts: { 404: 'Not found' } }),
  // Bench routes are inert without WEERBAAR_BENCH=1 (the test server does not set it).
  get('/bench/empty',                                 [404,       404,       404,        404,    404,        404,   404,         404], { texts: { 404: guardJson[404] } }),
  get('/bench/live-metrics',                          [404,       404,       404,        404,    404,        404,   404,         404], { texts: { 404: guardJson[404] } }),
  {
    label: 'POST /bench/empty',
    method: 'POST',
    path: () => '/bench/empty',
    form: () => ({}),
    expected:                                         [404,       404,       404,        404,    404,        404,   404,         404],
    texts: { 404: guardJson[404] },
  },

  // Accounts
  get('/account/register',                            [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/account/sign-in',                             [200,       'pending', 'home',     'home', 'home',     'home', 'home',      200]),
  get('/account/registered',                          [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/account/forgot-password',                     [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/account/reset-password',                      [410,       410,       410,        410,    410,        410,   410,         410]),
  get('/account',                                     ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in']),
  get('/account/home',                                ['sign-in', 'pending', 'home',     'home', 'home',     'home', 'home',      'sign-in']),
  get('/account/pending',                             ['sign-in', 200,       'home',     'home', 'home',     'home', 'home',      'sign-in']),
  get('/account/password',                            ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in']),
  get('/account/email',                               ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in']),
  get('/account/delete',                              ['sign-in', 200,       200,        200,    200,        200,   200,         'sign-in']),
  get('/account/export',                              ['sign-in', 200,       200,        200,    200,        200,   200,         'sign-in']),
  get('/account/sign-out',                            ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'], { movedTo: () => '/account' }),
  {
    label: 'POST /account/password with a wrong current password',
    method: 'POST',
    path: () => '/account/password',
    form: () => ({ currentPassword: 'not-her-password-at-all', newPassword: strongPassword() }),
    expected:                                         ['sign-in', 'pending', 400,        400,    400,        400,   400,         'sign-in'],
    texts: { 400: 'Dit wachtwoord klopt niet.' },
  },
  {
    label: 'POST /account/email with a wrong password',
    method: 'POST',
    path: () => '/account/email',
    form: () => ({ email: `nieuw-${randomUUID()}@example.org`, password: 'not-her-password-at-all' }),
    expected:                                         ['sign-in', 'pending', 400,        400,    400,        400,   400,         'sign-in'],
    texts: { 400: 'Dit wachtwoord klopt niet.' },
    after: async (w, persona) => {
      const email = w.accounts[persona]?.email;
      if (email) expect.soft((await findUser(w.coordinator, email))?.email, `the address of ${persona} after her e-mail change attempt`).toBe(email);
    },
  },
  {
    label: 'POST /account/delete with a wrong password',
    method: 'POST',
    path: () => '/account/delete',
    form: () => ({ password: 'not-her-password-at-all' }),
    expected:                                         ['sign-in', 400,       400,        400,    400,        400,   400,         'sign-in'],
    texts: { 400: 'Dit wachtwoord klopt niet.' },
  },
  {
    label: 'POST /account/sign-out (from her second session)',
    method: 'POST',
    path: () => '/account/sign-out',
    form: () => ({}),
    fromSpare: true,
    expected:                                         ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'],
    movedTo: () => '/account/sign-in?notice=signedOut',
    check: (_w, _persona, answer, cell) => {
      // The cookie is cleared in the browser; the row is gone on the server (checked after).
      expect.soft(answer.headers['set-cookie'] ?? '', `${cell}: the cookie is cleared`).toMatch(/weerbaar_session=[^;]*; Max-Age=0/);
    },
    after: async (w, persona) => {
      const spare = await w.spares[persona].request.get('/account', { maxRedirects: 0 });
      expect.soft([spare.status(), spare.headers().location], `the second session of ${persona} after signing out`).toEqual([302, '/account/sign-in?redirectTo=%2Faccount']);
      if (!hasSession(w, persona)) return;
      // Signing out here does not sign her out elsewhere.
      const main = await w.people[persona].request.get('/account/home', { maxRedirects: 0 });
      expect.soft(main.headers().location, `the first session of ${persona} still works`).not.toMatch(/^\/account\/sign-in/);
    },
  },

  // The directory
  get('/organisations/search?q=linde',                [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/organisations/{linde}',                       ['sign-in', 'pending', 200,        200,    200,        200,   404,         'sign-in'], { permission: 'read:organisation' }),
  get('/organisations/{random}',                      ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in'], { permission: 'read:organisation' }),
  get('/organisations/not-a-uuid',                    ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in'], { permission: 'read:organisation' }),

  // Girls: the player and joining a group session
  get('/play',                                        [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/play/start',                                  ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'], { movedTo: () => '/play' }),
  get('/play/p/{random}',                             [404,       404,       404,        404,    404,        404,   404,         404]),
  get('/play/p/{random}/events',                      [405,       405,       405,        405,    405,        405,   405,         405], { texts: { 405: 'methodNotAllowed' } }),
  {
    label: 'POST /play/p/{random}/events',
    method: 'POST',
    path: (w) => `/play/p/${w.randomId.slice(0, 22)}/events`,
    form: () => ({ sequence: 1, event: { type: 'NEXT' } }) as unknown as Record<string, string>,
    json: true,
    expected:                                         [404,       404,       404,        404,    404,        404,   404,         404],
    texts: { 404: guardJson[404] },
  },
  {
    label: 'POST /play/start preview=yes (a facilitator’s preview of a module)',
    method: 'POST',
    path: () => '/play/start',
    form: () => ({ module: 'wie-ben-ik', variant: 'standard', language: 'nl', preview: 'yes' }),
    expected:                                         ['sign-in', 'pending', 'player',   403,    'player',   'player', 'player',  'sign-in'],
    permission: 'preview:module',
    // A resource route (no page): its 403 is the guard's bare JSON, not the localized error page.
    texts: { forbiddenBy: { trainer: guardJson[403] } },
  },
  get('/join',                                        [200,       200,       200,        200,    200,        200,   200,         200]),
  {
    label: 'POST /join with the session’s code',
    method: 'POST',
    path: () => '/join',
    form: (w) => ({ code: w.session.code.toLowerCase() }),
    expected:                                         ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'],
    movedTo: (w) => `/join/${w.session.code}`,
  },
  get('/j/{code}',                                    ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'], { movedTo: (w) => `/join/${w.session.code}` }),
  get('/join/{code}',                                 [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/join/ZZZZZZ',                                 ['moved',   'moved',   'moved',    'moved', 'moved',   'moved', 'moved',    'moved'], { movedTo: () => '/join?code=ZZZZZZ' }),
  // Her participant link works only with her own (signed) participant cookie: the link alone
  // opens nothing, not her nickname, not her answers, not even whether it exists (issue 11, item 2).
  get('/s/{participant}',                             [404,       404,       404,        404,    404,        404,   404,         200], {
    check: (_w, persona, answer, cell) => {
      if (persona === 'tablet') expect.soft(answer.headers['set-cookie'] ?? '', `${cell}: the participant cookie`).toContain('weerbaar_participant=');
      else expect.soft(answer.body, `${cell}: her nickname`).not.toContain('Matrixje');
    },
  }),
  get('/s/{participant}?_data=routes%2Fs.%24participant', [404,   404,       404,        404,    404,        404,   404,         200], {
    texts: { 404: guardJson[404] },
    check: (_w, persona, answer, cell) => {
      expect.soft(answer.headers['cache-control'], `${cell}: Cache-Control`).toBe('no-store');
      if (persona !== 'tablet') expect.soft(answer.body, `${cell}: her nickname`).not.toContain('Matrixje');
    },
  }),
  get('/play/p/{participant}',                        [404,       404,       404,        404,    404,        404,   404,         200]),
  {
    label: 'POST /play/p/{participant}/events',
    method: 'POST',
    path: (w) => `/play/p/${w.participant}/events`,
    form: () => ({ sequence: 1, event: { type: 'NEXT' } }) as unknown as Record<string, string>,
    json: true,
    // Her own tablet: the session runs "together", so her own posts are closed (409); anyone else: 404.
    expected:                                         [404,       404,       404,        404,    404,        404,   404,         409],
    texts: { 404: guardJson[404] },
  },
  get('/s/{random}',                                  [404,       404,       404,        404,    404,        404,   404,         404]),
  get('/live/{session}/state',                        [403,       403,       403,        403,    403,        403,   403,         200], {
    texts: { 403: notJoined },
    check: (w, _persona, answer, cell) => expect.soft(answer.body.includes(w.session.code), `${cell}: no join code for a tablet`).toBe(false),
  }),
  get('/live/{session}/events',                       [403,       403,       403,        403,    403,        403,   403,         200], { stream: true, texts: { 403: notJoined, 200: 'retry: 2000' } }),
  get('/live/{random}/state',                         [403,       403,       403,        403,    403,        403,   403,         403], { texts: { 403: notJoined, forbiddenBy: { tablet: '{"reason":"otherSession"' } } }),
  get('/live/{session}/answer',                       [405,       405,       405,        405,    405,        405,   405,         405], { texts: { 405: 'methodNotAllowed' } }),
  {
    label: 'POST /live/{session}/answer (the session waits in the lobby)',
    method: 'POST',
    path: (w) => `/live/${w.session.id}/answer`,
    form: () => ({ step: 'gevoel', answer: { option: 'blij' } }) as unknown as Record<string, string>,
    json: true,
    expected:                                         [403,       403,       403,        403,    403,        403,   403,         409],
    texts: { 403: notJoined, 409: 'notRunning' },
  },
  get('/live/{session}/care',                         [405,       405,       405,        405,    405,        405,   405,         405], { texts: { 405: 'methodNotAllowed' } }),
  {
    // A girl's private care signal (decision 0015): her tablet only; back to her screen, which says her care worker knows.
    label: 'POST /live/{session}/care (her care signal, without JavaScript)',
    method: 'POST',
    path: (w) => `/live/${w.session.id}/care`,
    form: () => ({}),
    expected:                                         [403,       403,       403,        403,    403,        403,   403,         'moved'],
    movedTo: (w) => `/s/${w.participant}?care=sent`,
    texts: { 403: notJoined },
  },

  // Facilitators: her organisation's group sessions
  get('/facilitate',                                  ['sign-in', 'pending', 200,        403,    403,        403,   200,         'sign-in'], { permission: 'run:group-session' }),
  get('/facilitate/preview',                          ['sign-in', 'pending', 200,        403,    200,        200,   200,         'sign-in'], { permission: 'preview:module' }),
  get('/facilitate/modules/wie-ben-ik/guide',         ['sign-in', 'pending', 200,        403,    200,        200,   200,         'sign-in'], { permission: 'preview:module' }),
  get('/facilitate/modules/no-such-module/guide',     ['sign-in', 'pending', 404,        403,    404,        404,   404,         'sign-in'], { permission: 'preview:module' }),
  get('/facilitate/sessions',                         ['sign-in', 'pending', 200,        403,    403,        403,   200,         'sign-in'], {
    permission: 'run:group-session',
    // Each facilitator sees her own organisation's sessions only.
    check: (w, persona, answer, cell) =>
      expect.soft(answer.body.includes(`/facilitate/sessions/${w.session.id}`), `${cell}: De Linde's session listed`).toBe(persona === 'facilitator'),
  }),
  get('/facilitate/sessions/new',                     ['sign-in', 'pending', 200,        403,    403,        403,   200,         'sign-in'], { permission: 'run:group-session' }),
  {
    label: 'POST /facilitate/sessions/new (module 1, together)',
    method: 'POST',
    path: () => '/facilitate/sessions/new',
    form: () => ({ module: 'wie-ben-ik', variant: 'standard', language: 'nl', pacing: 'together' }),
    expected:                                         ['sign-in', 'pending', 'moved',    403,    403,        403,   'moved',     'sign-in'],
    permission: 'run:group-session',
    movedTo: () => /^\/facilitate\/sessions\/[0-9a-f-]{36}$/,
  },
  get('/facilitate/sessions/{session}',               ['sign-in', 'pending', 200,        403,    403,        403,   404,         'sign-in'], { permission: 'run:group-session', check: codeOnlyForHerFacilitatorNoParticipantId(true) }),
  get('/facilitate/sessions/{session}/state',         ['sign-in', 'pending', 200,        403,    403,        403,   404,         'sign-in'], {
    permission: 'run:group-session', texts: guardJson, check: codeOnlyForHerFacilitatorNoParticipantId(true),
  }),
  get('/facilitate/sessions/{session}/events',        ['sign-in', 'pending', 200,        403,    403,        403,   404,         'sign-in'], {
    permission: 'run:group-session', stream: true, texts: { ...guardJson, 200: 'retry: 2000' }, check: codeOnlyForHerFacilitatorNoParticipantId(false),
  }),
  get('/facilitate/sessions/{session}/qr.svg',        ['sign-in', 'pending', 200,        403,    403,        403,   404,         'sign-in'], {
    permission: 'run:group-session', texts: { ...guardJson, 200: '<svg' },
    check: (_w, _persona, answer, cell) => {
      if (answer.status === 200) expect.soft(answer.headers['content-type'], `${cell}: an SVG`).toBe('image/svg+xml');
    },
  }),
  get('/facilitate/sessions/{session}/projector',     ['sign-in', 'pending', 200,        403,    403,        403,   404,         'sign-in'], { permission: 'run:group-session', check: codeOnlyForHerFacilitatorNoParticipantId(true) }),
  get('/facilitate/sessions/{random}',                ['sign-in', 'pending', 404,        403,    403,        403,   404,         'sign-in'], { permission: 'run:group-session' }),
  get('/facilitate/sessions/not-a-uuid/state',        ['sign-in', 'pending', 404,        403,    403,        403,   404,         'sign-in'], { permission: 'run:group-session', texts: guardJson }),
  {
    label: 'POST /facilitate/sessions/{session} intent=evaluate (before it ended)',
    method: 'POST',
    path: (w) => `/facilitate/sessions/${w.session.id}`,
    form: () => ({ intent: 'evaluate', howItWent: '4', comments: 'matrix' }),
    expected:                                         ['sign-in', 'pending', 409,        403,    403,        403,   404,         'sign-in'],
    permission: 'run:group-session',
    after: async (w) => {
      const consoleData = await w.people.facilitator.request.get(`/facilitate/sessions/${w.session.id}?_data=${encodeURIComponent('routes/facilitate.sessions.$id')}`);
      expect.soft((await consoleData.json()).evaluation, 'no evaluation saved for a session still in the lobby').toBeNull();
    },
  },

  // Courses for professionals (decision 0016): every role may take them; a step, material or
  // certificate needs her own enrolment or certificate. The rows run in order: enrol first.
  get('/courses',                                     [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/courses/{course}',                            ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in'], { permission: 'take:course' }),
  get('/courses/no-such-course',                      ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in'], { permission: 'take:course' }),
  {
    label: 'POST /courses/{course} intent=enrol',
    method: 'POST',
    path: (w) => fill('/courses/{course}', w),
    form: () => ({ intent: 'enrol' }),
    expected:                                         ['sign-in', 'pending', 'moved',    'moved', 'moved',   'moved', 'moved',    'sign-in'],
    permission: 'take:course',
    movedTo: () => '/courses/weerbaar-sessies-begeleiden?enrolled=1',
  },
  get('/courses/{course}/lessons/het-programma/programma-opbouw', ['sign-in', 'pending', 200, 200,  200,        200,   200,         'sign-in'], { permission: 'take:course' }),
  get('/courses/{course}/lessons/het-programma/no-such-step', ['sign-in', 'pending', 404,   404,    404,        404,   404,         'sign-in'], { permission: 'take:course' }),
  {
    // The demo facilitator completed the course (back to the quiz page); the others have lessons to finish first.
    label: `POST /courses/{course}/${finalQuizPath} intent=submit`,
    method: 'POST',
    path: (w) => fill(`/courses/{course}/${finalQuizPath}`, w),
    form: () => ({ intent: 'submit' }),
    expected:                                         ['sign-in', 'pending', 'moved',    409,    409,        409,   409,         'sign-in'],
    permission: 'take:course',
    movedTo: () => `/courses/weerbaar-sessies-begeleiden/${finalQuizPath}`,
    texts: { 409: 'Rond eerst deze lessen af' },
  },
  get('/courses/{course}/materials/programma-fiche',  ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in'], {
    permission: 'take:course',
    check: (_w, _persona, answer, cell) => {
      if (answer.status === 200) expect.soft([answer.headers['content-type'], answer.body.slice(0, 5)], `${cell}: a PDF`).toEqual(['application/pdf', '%PDF-']);
    },
  }),
  get('/courses/{course}/materials/no-such-material', ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in'], { permission: 'take:course', texts: guardJson }),
  get('/account/certificates',                        ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in'], { permission: 'take:course' }),
  get('/account/certificates/{certificate}/pdf',      ['sign-in', 'pending', 200,        404,    404,        404,   404,         'sign-in'], {
    permission: 'take:course', texts: guardJson,
    check: (_w, _persona, answer, cell) => {
      if (answer.status === 200) expect.soft(answer.headers['content-type'], `${cell}: a PDF`).toBe('application/pdf');
    },
  }),
  // Public, noindex; never an e-mail address.
  get('/verify',                                      [200,       200,       200,        200,    200,        200,   200,         200]),
  get('/verify/{certificate}',                        [200,       200,       200,        200,    200,        200,   200,         200], {
    texts: { 200: 'Dit certificaat is geldig.' },
    check: (_w, _persona, answer, cell) => {
      expect.soft(answer.headers['x-robots-tag'], `${cell}: noindex`).toMatch(/noindex/);
      expect.soft(answer.body.includes('@demo.weerbaar.invalid'), `${cell}: no e-mail address`).toBe(false);
    },
  }),
  get('/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ',                  [404,       404,       404,        404,    404,        404,   404,         404], { texts: { 404: 'We vinden geen certificaat met deze code' } }),
  get('/coordinate/courses',                          ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'revoke:certificate' }),
  {
    label: 'POST /coordinate/courses intent=revoke (an unknown certificate)',
    method: 'POST',
    path: () => '/coordinate/courses',
    form: () => ({ intent: 'revoke', certificateId: randomUUID(), reason: 'matrix' }),
    expected:                                         ['sign-in', 'pending', 403,        403,    404,        404,   403,         'sign-in'],
    permission: 'revoke:certificate',
    texts: { 404: 'Dat certificaat bestaat niet.' },
  },
  {
    label: 'POST /coordinate/courses intent=grant (an unknown address)',
    method: 'POST',
    path: () => '/coordinate/courses',
    form: () => ({ intent: 'grant', email: `niemand-${randomUUID()}@example.org`, reason: 'matrix' }),
    expected:                                         ['sign-in', 'pending', 403,        403,    400,        400,   403,         'sign-in'],
    permission: 'revoke:certificate',
    texts: { 400: 'We vinden geen account met dit e-mailadres.' },
  },

  // Coordinators and admins
  get('/coordinate',                                  ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'review:user' }),
  get('/coordinate/registrations',                    ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'review:user' }),
  get('/coordinate/users',                            ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'update:user' }),
  get('/coordinate/organisations',                    ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'update:organisation' }),
  get('/coordinate/organisations/{linde}',            ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'update:organisation' }),
  get('/coordinate/organisations/{random}',           ['sign-in', 'pending', 403,        403,    404,        404,   403,         'sign-in'], { permission: 'update:organisation' }),
  get('/coordinate/outbox',                           ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'read:outbox' }),
  get('/coordinate/audit',                            ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'read:audit' }),
  get('/coordinate/dashboard',                        ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'], { permission: 'read:statistics' }),
  get('/coordinate/dashboard?period=custom&from=2026-05-01&to=2026-01-01', ['sign-in', 'pending', 403, 403, 400,  400,   403,         'sign-in'], { permission: 'read:statistics' }),
  get('/coordinate/dashboard.csv?table=organisations-by-region', ['sign-in', 'pending', 403, 403, 200,    200,   403,         'sign-in'], { permission: 'read:statistics', texts: { 403: guardJson[403] } }),
  get('/coordinate/dashboard.csv?table=nonsense',     ['sign-in', 'pending', 403,        403,    404,        404,   403,         'sign-in'], { permission: 'read:statistics', texts: { 403: guardJson[403], 404: 'Die tabel bestaat niet' } }),
  {
    label: 'POST /coordinate/registrations intent=approve (her own pending target)',
    method: 'POST',
    path: () => '/coordinate/registrations',
    form: (w, persona) => ({ intent: 'approve', userId: w.approveTargets[persona].id }),
    expected:                                         ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'],
    permission: 'review:user',
    texts: { 200: 'Goedgekeurd. De begeleider krijgt een e-mail.' },
    after: async (w, persona, expected) => {
      const target = await findUser(w.coordinator, w.approveTargets[persona].email);
      expect.soft(target?.status, `approval target of ${persona}`).toBe(expected === 200 ? 'approved' : 'pending');
    },
  },
  {
    label: 'POST /coordinate/users intent=roles facilitator+admin (her own approved target)',
    method: 'POST',
    path: () => '/coordinate/users',
    form: (w, persona) => new URLSearchParams([['intent', 'roles'], ['userId', w.roleTargets[persona].id], ['role', 'facilitator'], ['role', 'admin']]),
    expected:                                         ['sign-in', 'pending', 403,        403,    403,        200,   403,         'sign-in'],
    permission: 'appoint:coordinator',
    texts: { 200: 'De rollen zijn aangepast.', forbiddenBy: { coordinator: 'Alleen een beheerder kan coördinatoren en beheerders aanstellen.' } },
    after: async (w, persona, expected) => {
      const target = await findUser(w.coordinator, w.roleTargets[persona].email);
      expect.soft([...(target?.roles ?? [])].sort(), `roles of the role target of ${persona}`).toEqual(expected === 200 ? ['admin', 'facilitator'] : ['facilitator']);
    },
  },
  {
    label: 'POST /coordinate/users intent=disable (her own signed-in target)',
    method: 'POST',
    path: () => '/coordinate/users',
    form: (w, persona) => ({ intent: 'disable', userId: w.disableTargets[persona].id }),
    expected:                                         ['sign-in', 'pending', 403,        403,    200,        200,   403,         'sign-in'],
    permission: 'update:user',
    texts: { 200: 'De gebruiker is uitgeschakeld en overal afgemeld.' },
    after: async (w, persona, expected) => {
      const target = w.disableTargets[persona];
      expect.soft((await findUser(w.coordinator, target.email))?.status, `disable target of ${persona}`).toBe(expected === 200 ? 'disabled' : 'approved');
      // Disabling ends her sessions: her next request is a stranger's.
      const next = await target.person.request.get('/account', { maxRedirects: 0 });
      expect.soft(next.status(), `the session of the disable target of ${persona}`).toBe(expected === 200 ? 302 : 200);
    },
  },
  {
    label: 'POST /coordinate/organisations/{target} intent=update (her own target organisation)',
    method: 'POST',
    path: (w, persona) => `/coordinate/organisations/${w.organisationTargets[persona].id}`,
    form: (w, persona) => ({
      intent: 'update',
      orgName: `${w.organisationTargets[persona].name} bijgewerkt`,
      orgType: 'school',
      orgPostalCode: '2000',
      orgMunicipality: 'Antwerpen',
      orgRegion: 'antwerpen',
    }),
    expected:                                         ['sign-in', 'pending', 403,        403,    'moved',    'moved', 403,        'sign-in'],
    permission: 'update:organisation',
    movedTo: (w, persona) => `/coordinate/organisations/${w.organisationTargets[persona].id}?saved=1`,
    after: async (w, persona, expected) => {
      const target = w.organisationTargets[persona];
      const names = (await listOrganisations(w.coordinator, target.name)).filter((o) => o.id === target.id).map((o) => o.name);
      expect.soft(names, `the target organisation of ${persona}`).toEqual([expected === 'moved' ? `${target.name} bijgewerkt` : target.name]);
    },
  },
  {
    label: 'POST /coordinate/organisations/{linde} intent=merge with an unknown duplicate',
    method: 'POST',
    path: (w) => `/coordinate/organisations/${w.linde}`,
    form: () => ({ intent: 'merge', duplicateId: randomUUID() }),
    expected:                                         ['sign-in', 'pending', 403,        403,    400,        400,   403,         'sign-in'],
    permission: 'merge:organisation',
    // The page shows no field error for duplicateId (no candidates, no fieldset): only the form message.
    texts: { 400: 'Er is iets niet in orde.' },
    after: async (w, persona) => {
      const names = (await listOrganisations(w.coordinator, 'Demo:')).map((o) => o.name);
      expect.soft(names, `organisations after the merge attempt of ${persona}`).toEqual(
        expect.arrayContaining(['Demo: Jeugdhulp De Linde', 'Demo: Begeleidingscentrum Horizon']),
      );
    },
  },
  // Training days (decision 0018): every approved professional sees and registers; trainers
  // publish; the trainer who published a day (the demo trainer's, here) or a coordinator
  // marks attendance — another trainer is told it is not there.
  get('/training-days',                               ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in']),
  get('/training-days/new',                           ['sign-in', 'pending', 403,        200,    200,        200,   403,         'sign-in'], { permission: 'create:training-day' }),
  {
    label: 'POST /training-days/new with an empty form',
    method: 'POST',
    path: () => '/training-days/new',
    form: () => ({ capacity: '0' }),
    expected:                                         ['sign-in', 'pending', 403,        400,    400,        400,   403,         'sign-in'],
    permission: 'create:training-day',
    texts: { 400: 'Vul een plaats of een link naar de online ruimte in.' },
  },
  get('/training-days/{trainingDay}',                 ['sign-in', 'pending', 200,        200,    200,        200,   200,         'sign-in']),
  get('/training-days/{random}',                      ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in']),
  get('/training-days/not-a-uuid',                    ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in']),
  {
    label: 'POST /training-days/{random} intent=register',
    method: 'POST',
    path: (w) => `/training-days/${w.randomId}`,
    form: () => ({ intent: 'register' }),
    expected:                                         ['sign-in', 'pending', 404,        404,    404,        404,   404,         'sign-in'],
  },
  {
    label: 'POST /training-days/{trainingDay} intent=nonsense',
    method: 'POST',
    path: (w) => `/training-days/${w.trainingDay}`,
    form: () => ({ intent: 'nonsense' }),
    expected:                                         ['sign-in', 'pending', 400,        400,    400,        400,   400,         'sign-in'],
    texts: { 400: 'Dit verzoek klopt niet. Er is niets veranderd.' },
  },
  get('/training-days/{trainingDay}/attendance',      ['sign-in', 'pending', 403,        404,    200,        200,   403,         'sign-in'], { permission: 'create:training-day' }),
  get('/training-days/{random}/attendance',           ['sign-in', 'pending', 403,        404,    404,        404,   403,         'sign-in'], { permission: 'create:training-day' }),
  {
    label: 'POST /training-days/{trainingDay}/attendance intent=material with a link that is not one',
    method: 'POST',
    path: (w) => `/training-days/${w.trainingDay}/attendance`,
    form: () => ({ intent: 'material', materialUrl: 'javascript:alert(1)' }),
    expected:                                         ['sign-in', 'pending', 403,        404,    400,        400,   403,         'sign-in'],
    permission: 'create:training-day',
    texts: { 400: 'Dit lijkt geen webadres. Het begint met https://.' },
  },
];

const world = {} as World;

/** Registers someone proposing a new organisation (from her own address); returns the organisation. */
async function newOrganisation(playwright: Playwright, baseURL: string, name: string): Promise<{ id: string; name: string }> {
  const person = await newPerson(playwright, baseURL);
  try {
    const form = registrationForm('new', {
      orgName: name,
      orgType: 'youth_care',
      orgPostalCode: '9000',
      orgMunicipality: 'Gent',
      orgRegion: 'oost_vlaanderen',
      confirmNew: 'yes',
    });
    const response = await postForm(person, baseURL, '/account/register', form);
    expect([response.status(), response.headers().location], `registration proposing ${name}`).toEqual([302, '/account/registered']);
    return { id: await organisationId(person.request, name), name };
  } finally {
    await person.request.dispose();
  }
}

const withIds = async (coordinator: Person, accounts: NewAccount[]): Promise<Target[]> =>
  Promise.all(accounts.map(async (account) => ({ ...account, id: (await findUser(coordinator, account.email))!.id })));
const byPersona = <T>(values: T[]): Record<Persona, T> => Object.fromEntries(personas.map((p, i) => [p, values[i]!])) as Record<Persona, T>;

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  world.baseURL = baseURL!;
  const anonymous = await newPerson(playwright, baseURL!);
  world.linde = await organisationId(anonymous.request, 'Demo: Jeugdhulp De Linde');
  world.horizon = await organisationId(anonymous.request, 'Demo: Begeleidingscentrum Horizon');
  world.randomId = randomUUID();

  const coordinator = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  world.coordinator = coordinator;

  // The two people this spec registers for the matrix itself, then its targets: per persona
  // one pending and two approved registrations and one organisation, so no cell depends on another.
  const [trainer, otherFacilitator] = await Promise.all([
    register(playwright, baseURL!, world.linde, 'trainer'),
    register(playwright, baseURL!, world.horizon, 'facilitator'),
  ]);
  const approveTargets = await Promise.all(personas.map(() => register(playwright, baseURL!, world.linde)));
  const roleTargets = await Promise.all(personas.map(() => register(playwright, baseURL!, world.linde)));
  const disableTargets = await Promise.all(personas.map(() => register(playwright, baseURL!, world.linde)));
  for (const account of [trainer, otherFacilitator, ...roleTargets, ...disableTargets]) await approve(coordinator, baseURL!, account.email);
  world.approveTargets = byPersona(await withIds(coordinator, approveTargets));
  world.roleTargets = byPersona(await withIds(coordinator, roleTargets));
  const disableIds = await withIds(coordinator, disableTargets);
  world.disableTargets = byPersona(await Promise.all(disableIds.map(async (t) => ({ ...t, person: await signedInPerson(playwright, baseURL!, t) }))));
  world.organisationTargets = byPersona(
    await Promise.all(personas.map((p) => newOrganisation(playwright, baseURL!, `Matrix ${p} ${randomUUID().slice(0, 8)}`))),
  );

  const credentials: Record<Exclude<Persona, 'anonymous' | 'tablet'>, NewAccount | ReturnType<typeof demoAccount>> = {
    pending: demoAccount('pending'),
    facilitator: demoAccount('facilitator'),
    trainer,
    coordinator: demoAccount('coordinator'),
    admin: demoAccount('admin'),
    otherFacilitator,
  };
  world.accounts = credentials;
  world.people = { anonymous } as Record<Persona, Person>;
  world.spares = { anonymous: await newPerson(playwright, baseURL!), tablet: await newPerson(playwright, baseURL!) } as Record<Persona, Person>;
  for (const [persona, account] of Object.entries(credentials)) {
    world.people[persona as Persona] = await signedInPerson(playwright, baseURL!, account);
    world.spares[persona as Persona] = await signedInPerson(playwright, baseURL!, account);
  }

  // The facilitator of Horizon was trained elsewhere: a coordinator's exception lets her run
  // group sessions without the facilitator course (decision 0016; the demo facilitator passed it).
  const exception = await postForm(coordinator, baseURL!, '/coordinate/courses', {
    intent: 'grant',
    email: otherFacilitator.email,
    reason: 'Elders opgeleid (matrix)',
  });
  expect([exception.status(), exception.headers().location], 'the exception for the other facilitator').toEqual([302, '/coordinate/courses?done=granted']);
  const certificates = await world.people.facilitator.request.get(`/account/certificates?_data=${encodeURIComponent('routes/account.certificates._index')}`);
  world.certificate = ((await certificates.json()) as { certificates: { code: string }[] }).certificates[0]!.code;

  // De Linde's group session, run by its demo facilitator; a tablet joins it.
  world.session = await createSessionOverHttp(world.people.facilitator, baseURL!, 'together');
  world.people.tablet = await newPerson(playwright, baseURL!);
  world.participant = await joinOverHttp(world.people.tablet, baseURL!, world.session.code, 'Matrixje');

  // The demo trainer's training day: the only one on her own list.
  const demoTrainer = await signedInPerson(playwright, baseURL!, demoAccount('trainer'));
  const trainingDays = await demoTrainer.request.get(`/training-days?_data=${encodeURIComponent('routes/training-days._index')}`);
  const { managed } = (await trainingDays.json()) as { managed: { id: string }[] };
  expect(managed, 'the demo trainer has one training day').toHaveLength(1);
  world.trainingDay = managed[0]!.id;
  await demoTrainer.request.dispose();

  // The personas are who the table assumes they are.
  expect((await findUser(coordinator, demoAccount('pending').email))?.status, 'the demo pending account still waits').toBe('pending');
  for (const persona of ['facilitator', 'trainer', 'coordinator', 'admin', 'otherFacilitator'] as const) {
    const user = await findUser(coordinator, world.accounts[persona]!.email);
    expect([...(user?.roles ?? [])].sort(), `roles of ${persona}`).toEqual(personaRoles[persona]);
  }
  expect((await findUser(coordinator, demoAccount('facilitator').email))?.organisation_name).toBe('Demo: Jeugdhulp De Linde');
  expect((await findUser(coordinator, otherFacilitator.email))?.organisation_name).toBe('Demo: Begeleidingscentrum Horizon');
});

test.afterAll(async () => {
  const people = [
    ...Object.values(world.people ?? {}),
    ...Object.values(world.spares ?? {}),
    ...Object.values(world.disableTargets ?? {}).map((t) => t.person),
  ];
  for (const person of people) await person.request.dispose();
  await world.coordinator?.request.dispose();
});

/** A stream's head and first chunk, with the person's cookies, then the connection is closed. */
async function streamAnswer(person: Person, path: string): Promise<Answer> {
  const { cookies } = await person.request.storageState();
  const controller = new AbortController();
  const response = await fetch(new URL(path, world.baseURL), {
    headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'X-Forwarded-For': person.ip, 'Accept-Language': 'nl-BE' },
    redirect: 'manual',
    signal: controller.signal,
  });
  const headers = Object.fromEntries(response.headers.entries());
  // Every Set-Cookie, not only the last one.
  if (response.headers.getSetCookie().length > 0) headers['set-cookie'] = response.headers.getSetCookie().join('\n');
  let body = '';
  if ((headers['content-type'] ?? '').startsWith('text/event-stream')) {
    const first = await response.body!.getReader().read();
    body = new TextDecoder().decode(first.value);
    controller.abort();
  } else {
    body = await response.text();
  }
  return { status: response.status, headers, body };
}

async function answer(row: Row, persona: Persona): Promise<Answer> {
  const person = row.fromSpare ? world.spares[persona] : world.people[persona];
  const path = row.path(world, persona);
  if (row.stream || row.detached) return streamAnswer(person, path);
  let response: APIResponse;
  if (row.method === 'GET') response = await person.request.get(path, { maxRedirects: 0 });
  else if (row.json) {
    response = await person.request.post(path, {
      data: JSON.stringify(row.form!(world, persona)),
      headers: { Origin: new URL(world.baseURL).origin, 'Content-Type': 'application/json' },
      maxRedirects: 0,
    });
  } else response = await postForm(person, world.baseURL, path, row.form!(world, persona));
  return { status: response.status(), headers: response.headers(), body: await response.text() };
}

async function checkCell(row: Row, persona: Persona, expected: Expected): Promise<void> {
  const cell = `${row.method === 'GET' ? 'GET ' : ''}${row.label} as ${persona}`;
  const response = await answer(row, persona);
  const location = response.headers.location;
  if (expected === 'sign-in') {
    expect.soft([response.status, location], cell).toEqual([302, `/account/sign-in?redirectTo=${encodeURIComponent(row.path(world, persona))}`]);
  } else if (expected === 'pending') {
    expect.soft([response.status, location], cell).toEqual([302, '/account/pending']);
  } else if (expected === 'home') {
    expect.soft([response.status, location], cell).toEqual([302, homes[persona]]);
  } else if (expected === 'player') {
    expect.soft([response.status, /^\/play\/p\/[\w-]+$/.test(location ?? '')], `${cell} (to ${location})`).toEqual([302, true]);
  } else if (expected === 'moved') {
    const target = row.movedTo!(world, persona);
    expect.soft(response.status, cell).toBe(row.movedStatus ?? 302);
    if (typeof target === 'string') expect.soft(location, cell).toBe(target);
    else expect.soft(location, cell).toMatch(target);
  } else {
    expect.soft(response.status, cell).toBe(expected);
    const text =
      expected === 403
        ? (row.texts?.forbiddenBy?.[persona] ?? row.texts?.[403] ?? 'Geen toegang')
        : expected === 404
          ? (row.texts?.[404] ?? 'Pagina niet gevonden')
          : expected === 410
            ? 'Deze link werkt niet meer'
            : row.texts?.[expected];
    if (text) expect.soft(response.body.includes(text), `${cell}: the answer says “${text}”`).toBe(true);
    if (row.stream) {
      expect.soft((response.headers['content-type'] ?? '').startsWith('text/event-stream'), `${cell}: an event stream`).toBe(expected === 200);
    }
  }
  row.check?.(world, persona, response, cell);
  await row.after?.(world, persona, expected);
}

const described: Record<Persona, string> = {
  anonymous: 'an anonymous visitor',
  pending: 'a registration waiting for approval',
  facilitator: 'a facilitator of De Linde',
  trainer: 'a trainer of De Linde',
  coordinator: 'a coordinator',
  admin: 'an admin',
  otherFacilitator: 'a facilitator of another organisation (Horizon)',
  tablet: 'a girl’s tablet in De Linde’s group session',
};

for (const [column, persona] of personas.entries()) {
  test(`what ${described[persona]} may open and post`, async () => {
    test.setTimeout(90_000);
    for (const row of table) await checkCell(row, persona, row.expected[column]!);
  });
}

test('every route file in app/routes has a row', () => {
  // Flat-route file names as URL patterns; each must match at least one row's label.
  const files = readdirSync(path.join(process.cwd(), 'app/routes')).filter((f) => f !== '$.tsx');
  const labels = table.map(
    (row) =>
      row.label
        .replace(/^POST /, '')
        .split(' ')[0]!
        .split('?')[0]!,
  );
  for (const file of files) {
    const pattern = file
      .replace(/\.(tsx|ts)$/, '')
      .replace(/\[\.(\w+)\]/g, '~$1')
      .replace(/_index$/, '')
      .split('.')
      .map((part) => part.replace(/_$/, '').replace(/^_$/, ''))
      .filter(Boolean)
      .map((part) => (part.startsWith('$') ? '[^/]+' : part.replace('~', '.')))
      .join('/');
    const matcher = new RegExp(`^/${pattern}$`);
    expect
      .soft(
        labels.some((label) => matcher.test(label)),
        `a row for app/routes/${file} (/${pattern})`,
      )
      .toBe(true);
  }
});

test('the table and app/accounts/permissions.ts agree on who passes each permission guard', () => {
  const guarded = table.filter((row) => row.permission);
  expect(guarded.length).toBeGreaterThan(10);
  for (const row of guarded) {
    const [action, entity] = row.permission!.split(':') as [Action, Entity];
    for (const [persona, roles] of Object.entries(personaRoles) as [Persona, Role[]][]) {
      const expected = row.expected[personas.indexOf(persona)];
      expect.soft(can({ roles, organisationId: null }, action, entity), `${row.label} as ${persona}: the table says ${expected}`).toBe(expected !== 403);
    }
  }
});

test('the data export holds her own account, nobody else’s', async () => {
  for (const persona of personas.filter((p) => p !== 'anonymous' && p !== 'tablet')) {
    const response = await world.people[persona].request.get('/account/export', { maxRedirects: 0 });
    expect.soft(response.status(), persona).toBe(200);
    const data = (await response.json()) as { account: { email: string } };
    expect.soft(data.account.email, persona).toBe(world.accounts[persona]!.email);
  }
});
