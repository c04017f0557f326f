import { type APIResponse, expect, test } from '@playwright/test';
import { demoAccount } from './support/accounts';
import { type Person, type Playwright, approve, organisationId, postForm, register, signInPerson } from './support/people';
import {
  type FacilitatorState,
  createSessionOverHttp,
  controlOverHttp,
  expectControlOk,
  facilitatorState,
  firstStepOfType,
  joinOverHttp,
  newSessionPerson,
  nl,
  postNickname,
  postProgressEvent,
  postTogetherAnswer,
  sessionRows,
  standardModule,
} from './support/sessions';

/**
 * Group sessions refuse what they must: wrong and old codes, guessing, nicknames that
 * could reach a girl or hurt her, another session's tablet, another organisation's
 * facilitator, answers after the end, a closed door. Each refusal says why (in Dutch) or
 * answers its status, and writes nothing: checked through the facilitator's /state and,
 * on PostgreSQL, in the tables themselves.
 */

let facilitator: Person;
const people: Person[] = [];

/**
 * The lesson's first poll (in module 1 "gevoel", after welkom and afspraken), read from the
 * module: the steps before it, the poll, two of its options and the step after it.
 */
const { before: beforePoll, step: poll } = firstStepOfType(standardModule(), 'poll');
const [option, otherOption] = poll.options!.map((o) => o.id) as [string, string];
const afterPoll = poll.next!;

/** Starts a together session and moves it on to the first poll, one "next" a step. */
async function startAtThePoll(baseURL: string, sessionId: string): Promise<void> {
  await expectControlOk(facilitator, baseURL, sessionId, { intent: 'start' });
  for (let i = 0; i < beforePoll.length; i++) await expectControlOk(facilitator, baseURL, sessionId, { intent: 'next' });
  expect((await facilitatorState(facilitator, sessionId)).step, 'the session shows the first poll').toBe(poll.id);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  facilitator = await signedIn(playwright, baseURL!, demoAccount('facilitator'));
});
test.afterAll(async () => {
  for (const person of people) await person.request.dispose();
});

async function person(playwright: Playwright, baseURL: string): Promise<Person> {
  const created = await newSessionPerson(playwright, baseURL);
  people.push(created);
  return created;
}

async function signedIn(playwright: Playwright, baseURL: string, credentials: { email: string; password: string }): Promise<Person> {
  const created = await person(playwright, baseURL);
  await signInPerson(created, baseURL, credentials);
  return created;
}

/**
 * Waits, if need be, for a fresh minute: the rate limit counts in minute windows (with a
 * share of the previous one), so ten tries that straddle a window's start may be counted
 * as slightly fewer than ten.
 */
async function startOfAWindow(needMs: number): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 60_000 - needMs) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 250));
}

/** A code in the right shape that no open session has (31^6 codes: a clash is a one-in-a-billion chance). */
function randomCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

/** The page's text, for messages rendered into HTML. */
async function textOf(response: APIResponse): Promise<string> {
  return (await response.text())
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}

/** What the facilitator's view and the tables hold of a session: compared before and after a refusal. */
async function snapshot(sessionId: string): Promise<{ state: FacilitatorState; rows: Awaited<ReturnType<typeof sessionRows>> }> {
  return { state: await facilitatorState(facilitator, sessionId), rows: await sessionRows(sessionId) };
}

test('the code page: an unknown code and the code of an ended session answer 404 with the message; nothing is joined', async ({
  playwright,
  baseURL,
  browser,
}) => {
  const tablet = await person(playwright, baseURL!);
  const unknown = await postForm(tablet, baseURL!, '/join', { code: randomCode() });
  expect(unknown.status()).toBe(404);
  expect(await textOf(unknown)).toContain(nl('join.errors.unknown'));

  const { id, code } = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const open = await postForm(tablet, baseURL!, '/join', { code });
  expect([open.status(), open.headers().location], 'the code works while the session is open').toEqual([302, `/join/${code}`]);
  await joinOverHttp(tablet, baseURL!, code, 'Vroegevogel');
  await expectControlOk(facilitator, baseURL!, id, { intent: 'end' });
  const before = await snapshot(id);

  const late = await person(playwright, baseURL!);
  const ended = await postForm(late, baseURL!, '/join', { code });
  expect(ended.status()).toBe(404);
  expect(await textOf(ended)).toContain(nl('join.errors.unknown'));
  // Straight to the nickname page of the old code: back to the code form, and no way in.
  const page = await late.request.get(`/join/${code}`, { maxRedirects: 0 });
  expect([page.status(), page.headers().location]).toEqual([302, `/join?code=${code}`]);
  const nickname = await postNickname(late, baseURL!, code, 'Nakomer');
  expect([nickname.status(), nickname.headers().location]).toEqual([302, `/join?code=${code}`]);
  expect(nickname.headers()['set-cookie'] ?? '').not.toContain('weerbaar_participant');
  expect(await snapshot(id)).toEqual(before);
  expect(before.state.participants).toHaveLength(1);

  // In the browser: the message under the field.
  const context = await browser.newContext({ locale: 'nl-BE', extraHTTPHeaders: { 'X-Forwarded-For': late.ip } });
  const browserPage = await context.newPage();
  await browserPage.goto('/join');
  await browserPage.getByLabel(nl('join.codeLabel'), { exact: true }).fill(code);
  await browserPage.getByRole('button', { name: nl('join.submit'), exact: true }).click();
  await expect(browserPage.getByRole('alert')).toHaveText(nl('join.errors.unknown'));
  await expect(browserPage).toHaveURL(/\/join$/);
  await context.close();
});

test('ten wrong codes in a minute from one network: then 429 for wrong codes with the friendly message, while the right code works, from that network and another', async ({
  playwright,
  baseURL,
  browser,
}) => {
  test.setTimeout(60_000);
  const { id, code } = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const guesser = await person(playwright, baseURL!);
  await startOfAWindow(20_000);
  for (let attempt = 1; attempt <= 10; attempt++) {
    let guess = randomCode();
    while (guess === code) guess = randomCode();
    const response = await postForm(guesser, baseURL!, '/join', { code: guess });
    expect(response.status(), `wrong code ${attempt}`).toBe(404);
  }
  // The eleventh wrong code from that network is refused with the friendly message...
  let eleventh = randomCode();
  while (eleventh === code) eleventh = randomCode();
  const blocked = await postForm(guesser, baseURL!, '/join', { code: eleventh });
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
  expect(Number(blocked.headers()['retry-after'])).toBeLessThanOrEqual(60);
  expect(await textOf(blocked)).toContain(nl('join.errors.tooMany'));
  expect((await guesser.request.get(`/join/${eleventh}`, { maxRedirects: 0 })).status(), 'a wrong code in the nickname page’s address too').toBe(429);

  // The same in the browser on that network: the friendly message.
  const context = await browser.newContext({ locale: 'nl-BE', extraHTTPHeaders: { 'X-Forwarded-For': guesser.ip } });
  const page = await context.newPage();
  await page.goto('/join');
  await page.getByLabel(nl('join.codeLabel'), { exact: true }).fill(eleventh);
  await page.getByRole('button', { name: nl('join.submit'), exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(nl('join.errors.tooMany'));
  expect((await facilitatorState(facilitator, id)).participants).toEqual([]);

  // ...but the right code still works from that network (issue 11, item 4): a class behind one
  // address is not locked out by a few typos.
  const rightThere = await postForm(guesser, baseURL!, '/join', { code });
  expect([rightThere.status(), rightThere.headers().location]).toEqual([302, `/join/${code}`]);
  await page.getByLabel(nl('join.codeLabel'), { exact: true }).fill(code);
  await page.getByRole('button', { name: nl('join.submit'), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/join/${code}$`));
  await context.close();
  await joinOverHttp(guesser, baseURL!, code, 'Typfoutje');
  expect((await facilitatorState(facilitator, id)).participants.map((p) => p.nickname)).toEqual(['Typfoutje']);

  // Another network (the group's own Wi-Fi) is not affected.
  const girl = await person(playwright, baseURL!);
  const right = await postForm(girl, baseURL!, '/join', { code });
  expect([right.status(), right.headers().location]).toEqual([302, `/join/${code}`]);
  await joinOverHttp(girl, baseURL!, code, 'Gewoonik');
  const state = await facilitatorState(facilitator, id);
  expect(state.participants.map((p) => p.nickname)).toEqual(['Typfoutje', 'Gewoonik']);
  const rows = await sessionRows(id);
  if (rows) expect(rows.participants).toBe(2);
});

test('nicknames with a phone number, an e-mail address, a link, a handle, an insult, or 1 or 21 characters are refused with their message; nobody joins', async ({
  playwright,
  baseURL,
  browser,
}) => {
  const { id, code } = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const before = await snapshot(id);
  const tablet = await person(playwright, baseURL!);
  const refused: [string, 'contact' | 'unkind' | 'length'][] = [
    ['0470 12 34 56', 'contact'],
    ['sara@mail.be', 'contact'],
    ['www.sara-danst.be', 'contact'],
    ['@sara_2012', 'contact'],
    ['Sukkeltje', 'unkind'],
    ['S', 'length'],
    ['Abcdefghijklmnopqrstu', 'length'],
  ];
  expect([...refused.at(-1)![0]]).toHaveLength(21);
  for (const [nickname, problem] of refused) {
    const response = await postNickname(tablet, baseURL!, code, nickname);
    expect(response.status(), nickname).toBe(400);
    expect(await textOf(response), nickname).toContain(nl(`join.nickname.errors.${problem}`));
    expect(response.headers()['set-cookie'] ?? '', nickname).not.toContain('weerbaar_participant');
  }
  expect(await snapshot(id)).toEqual(before);

  // In the browser: the message beside the field, and she stays on the page.
  const context = await browser.newContext({ locale: 'nl-BE', extraHTTPHeaders: { 'X-Forwarded-For': tablet.ip } });
  const page = await context.newPage();
  await page.goto(`/join/${code}`);
  await page.getByLabel(nl('join.nickname.label'), { exact: true }).fill('bel 0470123456');
  await page.getByRole('button', { name: nl('join.nickname.submit'), exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(nl('join.nickname.errors.contact'));
  await expect(page.getByLabel(nl('join.nickname.label'), { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(new RegExp(`/join/${code}$`));
  await context.close();
  expect(await snapshot(id)).toEqual(before);

  // The same form with a kind nickname goes through: the refusals were about the names.
  await joinOverHttp(tablet, baseURL!, code, 'Zonnetje');
  expect((await facilitatorState(facilitator, id)).participants.map((p) => p.nickname)).toEqual(['Zonnetje']);
});

test("another session's tablet: its cookie gets 403 on this session's answers, events and state, and nothing is written", async ({ playwright, baseURL }) => {
  const mine = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const other = await createSessionOverHttp(facilitator, baseURL!, 'together');
  for (const session of [mine, other]) await startAtThePoll(baseURL!, session.id);
  const girl = await person(playwright, baseURL!);
  await joinOverHttp(girl, baseURL!, mine.code, 'Eigenwijs');
  const before = await snapshot(other.id);

  const answer = await postTogetherAnswer(girl, baseURL!, other.id, poll.id, { option });
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toEqual({ reason: 'otherSession', message: 'join.errors.otherSession' });
  const events = await girl.request.get(`/live/${other.id}/events`);
  expect(events.status()).toBe(403);
  expect(events.headers()['content-type']).not.toContain('text/event-stream');
  expect((await girl.request.get(`/live/${other.id}/state`)).status()).toBe(403);
  // Without any cookie: 403 as well.
  const stranger = await person(playwright, baseURL!);
  const anonymous = await postTogetherAnswer(stranger, baseURL!, other.id, poll.id, { option });
  expect(anonymous.status()).toBe(403);
  expect(await anonymous.json()).toEqual({ reason: 'notJoined', message: 'join.errors.notJoined' });
  expect((await stranger.request.get(`/live/${other.id}/events`)).status()).toBe(403);

  const after = await snapshot(other.id);
  expect(after).toEqual(before);
  expect(after.state.aggregates).toEqual({});
  if (after.rows) expect(after.rows).toMatchObject({ participants: 0, sessionAnswers: 0 });

  // Her own session takes the same answer: the cookie and the answer were fine, the session was not hers.
  const own = await postTogetherAnswer(girl, baseURL!, mine.id, poll.id, { option });
  expect(own.status()).toBe(200);
  expect((await facilitatorState(facilitator, mine.id)).aggregates[poll.id]).toEqual({ stepId: poll.id, answered: 1, counts: { [option]: 1 }, skipped: 0 });
});

test('a facilitator of another organisation gets 404 for the console, its stream, state, QR code and every control; nothing changes', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const coordinator = await signedIn(playwright, baseURL!, demoAccount('coordinator'));
  const horizon = await organisationId(coordinator.request, 'Demo: Begeleidingscentrum Horizon');
  const account = await register(playwright, baseURL!, horizon, 'facilitator');
  const approved = await approve(coordinator, baseURL!, account.email);
  expect(approved.organisation_name).toBe('Demo: Begeleidingscentrum Horizon');
  const outsider = await signedIn(playwright, baseURL!, account);

  const { id, code } = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const girl = await person(playwright, baseURL!);
  await joinOverHttp(girl, baseURL!, code, 'Lindeblad');
  await expectControlOk(facilitator, baseURL!, id, { intent: 'start' });
  const before = await snapshot(id);
  // What her facilitator's console calls her: a handle, never her participant id.
  const handle = before.state.participants[0]!.handle!;

  for (const path of [
    `/facilitate/sessions/${id}`,
    `/facilitate/sessions/${id}/events`,
    `/facilitate/sessions/${id}/state`,
    `/facilitate/sessions/${id}/qr.svg`,
  ]) {
    const response = await outsider.request.get(path, { maxRedirects: 0 });
    expect(response.status(), `GET ${path}`).toBe(404);
    expect(await response.text(), `GET ${path}`).not.toContain(code);
  }
  const controls: Record<string, string>[] = [
    { intent: 'next' },
    { intent: 'back' },
    { intent: 'pause' },
    { intent: 'reveal' },
    { intent: 'lock' },
    { intent: 'remove', participant: handle },
    { intent: 'end' },
    { intent: 'evaluate', howItWent: '1', comments: 'niet van mij' },
  ];
  for (const form of controls) {
    const response = await controlOverHttp(outsider, baseURL!, id, form);
    expect(response.status(), `POST ${JSON.stringify(form)}`).toBe(404);
  }
  expect(await snapshot(id)).toEqual(before);
  expect(before.state.participants.map((p) => p.nickname)).toEqual(['Lindeblad']);

  // Her own facilitator reaches all of it.
  const qr = await facilitator.request.get(`/facilitate/sessions/${id}/qr.svg`);
  expect([qr.status(), qr.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
  expect((await facilitator.request.get(`/facilitate/sessions/${id}`)).status()).toBe(200);
});

test('answers after the end answer 409 and are not counted: own pace (/play/p/<id>/events) and together (/live/<id>/answer)', async ({
  playwright,
  baseURL,
}) => {
  // Own pace: her way to the first poll and its answer go in while the session runs, nothing after the end.
  const ownPace = await createSessionOverHttp(facilitator, baseURL!, 'own_pace');
  const player = await person(playwright, baseURL!);
  const participantId = await joinOverHttp(player, baseURL!, ownPace.code, 'Eigentempo');
  await expectControlOk(facilitator, baseURL!, ownPace.id, { intent: 'start' });
  let sequence = 0;
  for (const step of beforePoll) {
    expect((await postProgressEvent(player, baseURL!, participantId, ++sequence, { type: 'NEXT' })).status(), `NEXT at ${step.id}`).toBe(200);
  }
  const answerSequence = ++sequence;
  expect((await postProgressEvent(player, baseURL!, participantId, answerSequence, { type: 'ANSWER', step: poll.id, answer: { option } })).status()).toBe(200);
  await expect.poll(async () => (await facilitatorState(facilitator, ownPace.id)).stepCounts).toEqual({ [afterPoll]: 1 });
  await expectControlOk(facilitator, baseURL!, ownPace.id, { intent: 'end' });
  const ownBefore = await snapshot(ownPace.id);
  expect(ownBefore.state.aggregates).toEqual({ [poll.id]: { stepId: poll.id, answered: 1, counts: { [option]: 1 }, skipped: 0 } });

  const late = await postProgressEvent(player, baseURL!, participantId, sequence + 1, { type: 'NEXT' });
  expect(late.status()).toBe(409);
  expect(await late.json()).toEqual({ reason: 'sessionEnded', message: 'sessions.errors.ended' });
  // Even a "correction" of the answer already given.
  const rewrite = await postProgressEvent(player, baseURL!, participantId, answerSequence, { type: 'ANSWER', step: poll.id, answer: { option: otherOption } });
  expect(rewrite.status()).toBe(409);
  expect(await snapshot(ownPace.id)).toEqual(ownBefore);
  if (ownBefore.rows) expect(ownBefore.rows).toMatchObject({ progressEvents: sequence, status: 'ended' });

  // Together: one answer while it runs, none after the end.
  const together = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const girl = await person(playwright, baseURL!);
  await joinOverHttp(girl, baseURL!, together.code, 'Samenzijn');
  await startAtThePoll(baseURL!, together.id);
  expect((await postTogetherAnswer(girl, baseURL!, together.id, poll.id, { option })).status()).toBe(200);
  await expectControlOk(facilitator, baseURL!, together.id, { intent: 'end' });
  const before = await snapshot(together.id);
  const after = await postTogetherAnswer(girl, baseURL!, together.id, poll.id, { option: otherOption });
  expect(after.status()).toBe(409);
  expect(await after.json()).toEqual({ reason: 'sessionEnded', message: 'sessions.errors.ended' });
  expect(await snapshot(together.id)).toEqual(before);
  expect(before.state.aggregates[poll.id]).toEqual({ stepId: poll.id, answered: 1, counts: { [option]: 1 }, skipped: 0 });
  if (before.rows) expect(before.rows).toMatchObject({ sessionAnswers: 1, named: 0, status: 'ended' });
});

test('a locked session refuses new joins with its message; unlocked, she can join', async ({ playwright, baseURL }) => {
  const { id, code } = await createSessionOverHttp(facilitator, baseURL!, 'together');
  await expectControlOk(facilitator, baseURL!, id, { intent: 'lock' });
  const before = await snapshot(id);
  expect(before.state.locked).toBe(true);

  const girl = await person(playwright, baseURL!);
  // The code is right, so the code form sends her on; the nickname page says the door is closed.
  const viaCode = await postForm(girl, baseURL!, '/join', { code });
  expect([viaCode.status(), viaCode.headers().location]).toEqual([302, `/join/${code}`]);
  const page = await girl.request.get(`/join/${code}`);
  expect(page.status()).toBe(200);
  const html = await textOf(page);
  expect(html).toContain(nl('join.nickname.errors.locked'));
  expect(html).not.toContain('name="nickname"');
  const posted = await postNickname(girl, baseURL!, code, 'Telaatje');
  expect(posted.status()).toBe(409);
  expect(await textOf(posted)).toContain(nl('join.nickname.errors.locked'));
  expect(posted.headers()['set-cookie'] ?? '').not.toContain('weerbaar_participant');
  expect(await snapshot(id)).toEqual(before);
  expect(before.state.participants).toEqual([]);

  await expectControlOk(facilitator, baseURL!, id, { intent: 'unlock' });
  await joinOverHttp(girl, baseURL!, code, 'Telaatje');
  expect((await facilitatorState(facilitator, id)).participants.map((p) => p.nickname)).toEqual(['Telaatje']);
});
