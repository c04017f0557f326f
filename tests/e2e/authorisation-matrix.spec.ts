import { randomUUID } from 'node:crypto';
import { type APIResponse, expect, test } from '@playwright/test';
import { demoAccount } from './support/accounts';
import {
  type NewAccount,
  type Person,
  approve,
  findUser,
  listOrganisations,
  newPerson,
  organisationId,
  postForm,
  register,
  signedInPerson,
  strongPassword,
} from './support/people';

/**
 * Who may open what: every page route, and the guarded form posts, for every kind of person.
 * The expectations follow app/accounts/permissions.ts and the guards in guard.server.ts;
 * one test per persona, one soft assertion per cell, so a failure names route and persona.
 *
 *   200        the page (or the action's answer)
 *   400        the action ran and refused the input (she may try; nothing changes)
 *   'sign-in'  302 to /account/sign-in?redirectTo=<this path>
 *   'pending'  302 to /account/pending
 *   'home'     302 to her own start page (homeFor: /facilitate, /account or /coordinate)
 *   'player'   302 to a new participant's player page (/play/p/<id>)
 *   403, 404   the localized error page (404 also for what is not hers: we do not say it exists)
 */

const personas = ['anonymous', 'pending', 'facilitator', 'trainer', 'coordinator', 'admin', 'otherFacilitator'] as const;
type Persona = (typeof personas)[number];
type Expected = 200 | 400 | 403 | 404 | 410 | 'sign-in' | 'pending' | 'home' | 'player';

/** Where `/account/home` sends each approved persona. */
const homes: Partial<Record<Persona, string>> = {
  facilitator: '/facilitate',
  trainer: '/account',
  coordinator: '/coordinate',
  admin: '/coordinate',
  otherFacilitator: '/facilitate',
};

interface World {
  baseURL: string;
  people: Record<Persona, Person>;
  accounts: Partial<Record<Persona, { email: string }>>;
  linde: string;
  horizon: string;
  randomId: string;
  /** One pending registration per persona, for her approval attempt. */
  approveTargets: Record<Persona, NewAccount & { id: string }>;
  /** One approved facilitator at De Linde per persona, for her role-change attempt. */
  roleTargets: Record<Persona, NewAccount & { id: string }>;
  coordinator: Person;
}

interface Row {
  label: string;
  method: 'GET' | 'POST';
  path: (w: World) => string;
  form?: (w: World, persona: Persona) => Record<string, string> | URLSearchParams;
  expected: readonly [Expected, Expected, Expected, Expected, Expected, Expected, Expected];
  /** Text the answer must carry, by status, when it is not the generic error page's. */
  texts?: Partial<Record<200 | 400 | 403, string>> & { forbiddenBy?: Partial<Record<Persona, string>> };
  /** Checks after the request that what should (not) have changed did (not). */
  after?: (w: World, persona: Persona, expected: Expected) => Promise<void>;
}

const get = (label: string, expected: Row['expected'], extra: Partial<Row> = {}): Row => ({
  label,
  method: 'GET',
  path: (w) => label.replace('{linde}', w.linde).replace('{random}', w.randomId),
  expected,
  ...extra,
});

// prettier-ignore
const table: Row[] = [
  //                                                   anonymous   pending    facilitator trainer coordinator admin  other org's facilitator
  get('/',                                            [200,        200,       200,        200,    200,        200,   200]),
  get('/join',                                        [200,        200,       200,        200,    200,        200,   200]),
  get('/about',                                       [200,        200,       200,        200,    200,        200,   200]),
  get('/recipe',                                      [200,        200,       200,        200,    200,        200,   200]),
  get('/account/register',                            [200,        200,       200,        200,    200,        200,   200]),
  get('/account/sign-in',                             [200,        'pending', 'home',     'home', 'home',     'home', 'home']),
  get('/account/registered',                          [200,        200,       200,        200,    200,        200,   200]),
  get('/account/forgot-password',                     [200,        200,       200,        200,    200,        200,   200]),
  get('/account/reset-password',                      [410,        410,       410,        410,    410,        410,   410]),
  get('/account',                                     ['sign-in',  'pending', 200,        200,    200,        200,   200]),
  get('/account/home',                                ['sign-in',  'pending', 'home',     'home', 'home',     'home', 'home']),
  get('/account/pending',                             ['sign-in',  200,       'home',     'home', 'home',     'home', 'home']),
  get('/account/password',                            ['sign-in',  'pending', 200,        200,    200,        200,   200]),
  get('/account/email',                               ['sign-in',  'pending', 200,        200,    200,        200,   200]),
  get('/account/delete',                              ['sign-in',  200,       200,        200,    200,        200,   200]),
  get('/account/export',                              ['sign-in',  200,       200,        200,    200,        200,   200]),
  get('/facilitate',                                  ['sign-in',  'pending', 200,        403,    403,        403,   200]),
  get('/organisations/{linde}',                       ['sign-in',  'pending', 200,        200,    200,        200,   404]),
  get('/organisations/{random}',                      ['sign-in',  'pending', 404,        404,    404,        404,   404]),
  get('/organisations/not-a-uuid',                    ['sign-in',  'pending', 404,        404,    404,        404,   404]),
  get('/organisations/search?q=linde',                [200,        200,       200,        200,    200,        200,   200]),
  get('/facilitate/preview',                          ['sign-in',  'pending', 200,        403,    200,        200,   200]),
  get('/play',                                        [200,        200,       200,        200,    200,        200,   200]),
  get('/play/p/{random}',                             [404,        404,       404,        404,    404,        404,   404]),
  get('/coordinate',                                  ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/coordinate/registrations',                    ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/coordinate/users',                            ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/coordinate/organisations',                    ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/coordinate/organisations/{linde}',            ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/coordinate/organisations/{random}',           ['sign-in',  'pending', 403,        403,    404,        404,   403]),
  get('/coordinate/outbox',                           ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/coordinate/audit',                            ['sign-in',  'pending', 403,        403,    200,        200,   403]),
  get('/no-such-page',                                [404,        404,       404,        404,    404,        404,   404]),
  {
    label: 'POST /play/start preview=yes (a facilitator’s preview of a module)',
    method: 'POST',
    path: () => '/play/start',
    form: () => ({ module: 'wie-ben-ik', variant: 'standard', language: 'nl', preview: 'yes' }),
    expected:                                         ['sign-in',  'pending', 'player',   403,    'player',   'player', 'player'],
    // A resource route (no page): its 403 is the guard's bare JSON, not the localized error page.
    texts: { forbiddenBy: { trainer: '{"reason":"forbidden"}' } },
  },
  {
    label: 'POST /coordinate/registrations intent=approve (her own pending target)',
    method: 'POST',
    path: () => '/coordinate/registrations',
    form: (w, persona) => ({ intent: 'approve', userId: w.approveTargets[persona].id }),
    expected:                                         ['sign-in',  'pending', 403,        403,    200,        200,   403],
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
    expected:                                         ['sign-in',  'pending', 403,        403,    403,        200,   403],
    texts: { 200: 'De rollen zijn aangepast.', forbiddenBy: { coordinator: 'Alleen een beheerder kan coördinatoren en beheerders aanstellen.' } },
    after: async (w, persona, expected) => {
      const target = await findUser(w.coordinator, w.roleTargets[persona].email);
      expect.soft([...(target?.roles ?? [])].sort(), `roles of the role target of ${persona}`).toEqual(expected === 200 ? ['admin', 'facilitator'] : ['facilitator']);
    },
  },
  {
    label: 'POST /coordinate/organisations/{linde} intent=merge with an unknown duplicate',
    method: 'POST',
    path: (w) => `/coordinate/organisations/${w.linde}`,
    form: () => ({ intent: 'merge', duplicateId: randomUUID() }),
    expected:                                         ['sign-in',  'pending', 403,        403,    400,        400,   403],
    // The page shows no field error for duplicateId (no candidates, no fieldset): only the form message.
    texts: { 400: 'Er is iets niet in orde.' },
    after: async (w, persona) => {
      const names = (await listOrganisations(w.coordinator, 'Demo:')).map((o) => o.name);
      expect.soft(names, `organisations after the merge attempt of ${persona}`).toEqual(
        expect.arrayContaining(['Demo: Jeugdhulp De Linde', 'Demo: Begeleidingscentrum Horizon']),
      );
    },
  },
  {
    label: 'POST /account/password with a wrong current password',
    method: 'POST',
    path: () => '/account/password',
    form: () => ({ currentPassword: 'not-her-password-at-all', newPassword: strongPassword() }),
    expected:                                         ['sign-in',  'pending', 400,        400,    400,        400,   400],
    texts: { 400: 'Dit wachtwoord klopt niet.' },
  },
  {
    label: 'POST /account/delete with a wrong password',
    method: 'POST',
    path: () => '/account/delete',
    form: () => ({ password: 'not-her-password-at-all' }),
    expected:                                         ['sign-in',  400,       400,        400,    400,        400,   400],
    texts: { 400: 'Dit wachtwoord klopt niet.' },
  },
];

const world = {} as World;

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  world.baseURL = baseURL!;
  const anonymous = await newPerson(playwright, baseURL!);
  world.linde = await organisationId(anonymous.request, 'Demo: Jeugdhulp De Linde');
  world.horizon = await organisationId(anonymous.request, 'Demo: Begeleidingscentrum Horizon');
  world.randomId = randomUUID();

  const coordinator = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  world.coordinator = coordinator;

  // The two people this spec registers for the matrix itself, then its targets: one
  // pending and one approved registration per persona, so that no cell depends on another.
  const [trainer, otherFacilitator] = await Promise.all([
    register(playwright, baseURL!, world.linde, 'trainer'),
    register(playwright, baseURL!, world.horizon, 'facilitator'),
  ]);
  const approveTargets = await Promise.all(personas.map(() => register(playwright, baseURL!, world.linde)));
  const roleTargets = await Promise.all(personas.map(() => register(playwright, baseURL!, world.linde)));
  for (const account of [trainer, otherFacilitator, ...roleTargets]) await approve(coordinator, baseURL!, account.email);

  world.approveTargets = Object.fromEntries(
    await Promise.all(personas.map(async (p, i) => [p, { ...approveTargets[i]!, id: (await findUser(coordinator, approveTargets[i]!.email))!.id }])),
  );
  world.roleTargets = Object.fromEntries(
    await Promise.all(personas.map(async (p, i) => [p, { ...roleTargets[i]!, id: (await findUser(coordinator, roleTargets[i]!.email))!.id }])),
  );

  const credentials: Record<Exclude<Persona, 'anonymous'>, NewAccount | ReturnType<typeof demoAccount>> = {
    pending: demoAccount('pending'),
    facilitator: demoAccount('facilitator'),
    trainer,
    coordinator: demoAccount('coordinator'),
    admin: demoAccount('admin'),
    otherFacilitator,
  };
  world.accounts = credentials;
  world.people = { anonymous } as Record<Persona, Person>;
  for (const [persona, account] of Object.entries(credentials)) {
    world.people[persona as Persona] = await signedInPerson(playwright, baseURL!, account);
  }

  // The personas are who the table assumes they are.
  expect((await findUser(coordinator, demoAccount('pending').email))?.status, 'the demo pending account still waits').toBe('pending');
  const facilitator = await findUser(coordinator, demoAccount('facilitator').email);
  expect([facilitator?.organisation_name, facilitator?.roles]).toEqual(['Demo: Jeugdhulp De Linde', ['facilitator']]);
  const other = await findUser(coordinator, otherFacilitator.email);
  expect([other?.organisation_name, other?.roles]).toEqual(['Demo: Begeleidingscentrum Horizon', ['facilitator']]);
  expect((await findUser(coordinator, trainer.email))?.roles).toEqual(['trainer']);
});

test.afterAll(async () => {
  for (const person of Object.values(world.people ?? {})) await person.request.dispose();
  await world.coordinator?.request.dispose();
});

async function answer(row: Row, persona: Persona): Promise<APIResponse> {
  const person = world.people[persona];
  const path = row.path(world);
  return row.method === 'GET'
    ? person.request.get(path, { maxRedirects: 0 })
    : postForm(person, world.baseURL, path, row.form!(world, persona));
}

async function checkCell(row: Row, persona: Persona, expected: Expected): Promise<void> {
  const cell = `${row.method === 'GET' ? 'GET ' : ''}${row.label} as ${persona}`;
  const response = await answer(row, persona);
  const location = response.headers().location;
  if (expected === 'sign-in') {
    expect.soft([response.status(), location], cell).toEqual([302, `/account/sign-in?redirectTo=${encodeURIComponent(row.path(world))}`]);
  } else if (expected === 'pending') {
    expect.soft([response.status(), location], cell).toEqual([302, '/account/pending']);
  } else if (expected === 'home') {
    expect.soft([response.status(), location], cell).toEqual([302, homes[persona]]);
  } else if (expected === 'player') {
    expect.soft([response.status(), /^\/play\/p\/[\w-]+$/.test(location ?? '')], `${cell} (to ${location})`).toEqual([302, true]);
  } else {
    expect.soft(response.status(), cell).toBe(expected);
    const body = await response.text();
    const text =
      expected === 403
        ? (row.texts?.forbiddenBy?.[persona] ?? 'Geen toegang')
        : expected === 404
          ? 'Pagina niet gevonden'
          : expected === 410
            ? 'Deze link werkt niet meer'
            : row.texts?.[expected];
    if (text) expect.soft(body.includes(text), `${cell}: the answer says “${text}”`).toBe(true);
  }
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
};

for (const [column, persona] of personas.entries()) {
  test(`what ${described[persona]} may open and post`, async () => {
    for (const row of table) await checkCell(row, persona, row.expected[column]!);
  });
}

test('the data export holds her own account, nobody else’s', async () => {
  for (const persona of personas.filter((p) => p !== 'anonymous')) {
    const response = await world.people[persona].request.get('/account/export', { maxRedirects: 0 });
    expect.soft(response.status(), persona).toBe(200);
    const data = (await response.json()) as { account: { email: string } };
    expect.soft(data.account.email, persona).toBe(world.accounts[persona]!.email);
  }
});
