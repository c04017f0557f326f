import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Browser, type Locator, type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import { parse } from 'yaml';
import { axeViolations } from './support/axe';
import { expectEveryTextReadAloud, recordSpeech } from './support/player';
import { AppServer } from './support/server';

/**
 * The player's promise: what it shows as saved is saved. Bad input to the step-post changes
 * nothing (against the shared test server); a server killed with SIGKILL, a server that is
 * down and a tablet that goes offline lose nothing (each on a server of its own); and every
 * kind of screen of the every-step fixture (each step type, one- and more-answer quizzes, the
 * feedback screens) passes axe in every variant, with every text read aloud in roma, both ways
 * of placing (drag and tap) accepted by the server, and a private note kept per girl.
 */

const moduleId = 'wie-ben-ik';
/** Own servers: one to kill (module 1), one on the fixture content (never killed). */
const ownPort = Number(process.env.DURABILITY_PORT ?? 3241);
const ports = { kill: ownPort, fixture: ownPort + 1 };
const fixtureModules = 'tests/e2e/fixtures/modules';
const variants = ['standard', 'slechthorend', 'roma'] as const;

// The HTTP tests and the two groups on own servers are independent: spread them over the workers.
test.describe.configure({ mode: 'parallel' });

type Json = { [key: string]: Json } | string;
function lookup(tree: Json, key: string): string {
  let node: Json | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no text ${key}`);
  return node;
}
/** A UI string from app/i18n/locales/<lng>/common.json. */
function ui(language: string, key: string): string {
  return lookup(JSON.parse(readFileSync(path.join('app/i18n/locales', language, 'common.json'), 'utf8')) as Json, key);
}
/** A text of module 1 (standard) in a language. */
function moduleText(language: string, key: string): string {
  return lookup(JSON.parse(readFileSync(path.join('content/modules', moduleId, 'locales', `${language}.json`), 'utf8')) as Json, key);
}

interface Event {
  type: 'NEXT' | 'BACK' | 'ANSWER';
  step?: string;
  answer?: unknown;
}
const next: Event = { type: 'NEXT' };
const answer = (step: string, value: unknown): Event => ({ type: 'ANSWER', step, answer: value });

/** Module 1 (standard) as its module.yaml has it: the routes below are derived from it, not written out. */
interface ModuleStep {
  id: string;
  type: string;
  next?: string;
  multiple?: boolean;
  options?: { id: string; next?: string; correct?: boolean }[];
  categories?: { id: string }[];
  items?: { id: string }[];
}
const lesson = parse(readFileSync(path.join('content/modules', moduleId, 'module.yaml'), 'utf8')) as { start?: string; steps: ModuleStep[] };
const lessonStep = (id: string): ModuleStep => {
  const found = lesson.steps.find((step) => step.id === id);
  if (!found) throw new Error(`no step ${id} in ${moduleId}`);
  return found;
};
/** The answer she gives on a step that asks one (a choice: `chosen`, else the first option; a quiz: the right ones). */
function answerOn(step: ModuleStep, chosen?: string): Event | undefined {
  const options = step.options ?? [];
  switch (step.type) {
    case 'choice':
      return answer(step.id, { option: chosen ?? options[0]!.id });
    case 'poll':
      return answer(step.id, step.multiple ? { options: [chosen ?? options[0]!.id] } : { option: chosen ?? options[0]!.id });
    case 'quiz':
      return answer(step.id, { options: options.filter((option) => option.correct).map((option) => option.id) });
    case 'sort':
      return answer(step.id, { placements: Object.fromEntries(step.items!.map((item) => [item.id, step.categories![0]!.id])) });
    default:
      return undefined;
  }
}
/**
 * Her way from the start of module 1 to `target`: each step passed with the event that leaves it
 * (NEXT, or an answer: `chosen[step]` where given, else the first option).
 */
function wayTo(target: string, chosen: Record<string, string> = {}): { step: ModuleStep; event: Event }[] {
  const way: { step: ModuleStep; event: Event }[] = [];
  let step = lessonStep(lesson.start ?? lesson.steps[0]!.id);
  while (step.id !== target) {
    if (step.type === 'end' || way.length > lesson.steps.length) throw new Error(`no way to ${target} in ${moduleId}`);
    const event = answerOn(step, chosen[step.id]) ?? next;
    way.push({ step, event });
    const option = step.type === 'choice' ? step.options!.find((candidate) => candidate.id === (event.answer as { option: string }).option) : undefined;
    step = lessonStep(option?.next ?? step.next!);
  }
  return way;
}
const eventsTo = (target: string, chosen?: Record<string, string>) => wayTo(target, chosen).map(({ event }) => event);
/** The steps of a type in the order she meets them on the way to the end. */
const firstOfType = (type: string): ModuleStep => {
  const end = lesson.steps.find((step) => step.type === 'end')!;
  const found = [...wayTo(end.id).map(({ step }) => step)].find((step) => step.type === type);
  if (!found) throw new Error(`no ${type} in ${moduleId}`);
  return found;
};

// Module 1 (standard): its first poll (how she feels), its first choice, and its sort.
const firstPoll = firstOfType('poll');
const firstChoice = firstOfType('choice');
const sortStep = firstOfType('sort');
const toFirstChoice: Event[] = eventsTo(firstChoice.id);
const toSort: Event[] = eventsTo(sortStep.id);
const sortItems = sortStep.items!.map((item) => item.id);
const sortCategories = sortStep.categories!.map((category) => category.id);
/** Where an option of a choice leads. */
const after = (step: ModuleStep, option: string) => step.options!.find((candidate) => candidate.id === option)?.next ?? step.next!;

// ---------------------------------------------------------------------------------------------
// Over HTTP, against the shared test server.

/** Starts module 1 for a new participant over HTTP (as the /play form does); returns her id. */
async function startParticipant(request: APIRequestContext, origin: string, variant = 'standard', language = 'nl'): Promise<string> {
  const response = await request.post('/play/start', { form: { module: moduleId, variant, language }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(response.status(), 'POST /play/start').toBe(302);
  const match = /\/play\/p\/([A-Za-z0-9_-]{22})$/.exec(response.headers().location ?? '');
  expect(match, `redirect to a participant link (${response.headers().location})`).toBeTruthy();
  return match![1]!;
}

function postEvent(request: APIRequestContext, origin: string, participantId: string, body: unknown, contentType = 'application/json') {
  return request.post(`/play/p/${participantId}/events`, {
    // A string goes as it is (Playwright would JSON-encode a string once more).
    data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    headers: { Origin: origin, 'Content-Type': contentType },
    maxRedirects: 0,
  });
}

/** Posts events in order from sequence 1; each must be saved. */
async function postEvents(request: APIRequestContext, origin: string, participantId: string, events: Event[]) {
  for (const [index, event] of events.entries()) {
    const response = await postEvent(request, origin, participantId, { sequence: index + 1, event });
    expect(response.status(), `event ${index + 1} ${JSON.stringify(event)}: ${await response.text()}`).toBe(200);
    expect(await response.json()).toMatchObject({ saved: index + 1 });
  }
}

/** The step the server's page shows her (its server-rendered HTML). */
async function serverStep(request: APIRequestContext, participantId: string): Promise<string> {
  const response = await request.get(`/play/p/${participantId}`);
  expect(response.status()).toBe(200);
  const match = /<div class="player [^"]*" data-step="([^"]+)"/.exec(await response.text());
  expect(match, 'the player markup with data-step').toBeTruthy();
  return match![1]!;
}

/** Her log as the player's loader hands it over. */
async function serverEvents(request: APIRequestContext, participantId: string): Promise<Event[]> {
  const response = await request.get(`/play/p/${participantId}?_data=${encodeURIComponent('routes/play.p.$participant')}`);
  expect(response.status(), 'the player loader data').toBe(200);
  return ((await response.json()) as { events: Event[] }).events;
}

/** Rows of her log in PostgreSQL, when this is the PostgreSQL run; undefined on PGlite (the server holds the files). */
async function databaseRows(participantId: string): Promise<number | undefined> {
  if (!process.env.DATABASE_URL) return undefined;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>('select count(*)::int as n from progress_events where participant_id = $1', [participantId]);
    return result.rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function snapshotOf(request: APIRequestContext, participantId: string) {
  return { step: await serverStep(request, participantId), events: await serverEvents(request, participantId), rows: await databaseRows(participantId) };
}

const decodeHtml = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test.describe('the step-post refuses bad input and changes nothing', () => {
  test('not allowed → 422, malformed → 400, from the future → 409, junk → 413, wrong type → 415, unknown participant → 404', async ({
    playwright,
    baseURL,
  }) => {
    const origin = new URL(baseURL!).origin;
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'nl-BE' } });
    const id = await startParticipant(request, origin);
    await postEvents(request, origin, id, toFirstChoice);
    const before = await snapshotOf(request, id);
    expect(before.step, 'at the first choice').toBe(firstChoice.id);
    expect(before.events).toEqual(toFirstChoice);
    if (process.env.DATABASE_URL) expect(before.rows).toBe(toFirstChoice.length);
    // The next free number, and the one the poll's answer took.
    const free = toFirstChoice.length + 1;
    const pollSequence = toFirstChoice.findIndex((event) => event.step === firstPoll.id) + 1;
    const otherFeeling = firstPoll.options!.at(-1)!.id;
    const option = firstChoice.options!.at(-1)!.id;

    const allowed = answer(firstChoice.id, { option });
    const junk = Array.from({ length: 10_240 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join('');
    const cases: { name: string; body: unknown; contentType?: string; participant?: string; status: number; reason?: string }[] = [
      // The lesson machine does not allow these now.
      { name: 'NEXT on a choice', body: { sequence: free, event: next }, status: 422, reason: 'eventNotAllowed' },
      { name: 'an answer for another step', body: { sequence: free, event: answerOn(firstPoll)! }, status: 422, reason: 'eventNotAllowed' },
      { name: 'an unknown option', body: { sequence: free, event: answer(firstChoice.id, { option: 'weglopen' }) }, status: 422, reason: 'eventNotAllowed' },
      {
        name: 'a quiz-shaped answer on a choice',
        body: { sequence: free, event: answer(firstChoice.id, { options: [option] }) },
        status: 422,
        reason: 'eventNotAllowed',
      },
      { name: 'BACK past a taken number', body: { sequence: 2, event: { type: 'BACK' } }, status: 409, reason: 'sequenceTaken' },
      // Malformed: not a lesson event, or not {sequence, event}.
      { name: 'an unknown event type', body: { sequence: free, event: { type: 'JUMP', to: 'einde' } }, status: 400, reason: 'badRequest' },
      { name: 'an event with stray fields', body: { sequence: free, event: { type: 'NEXT', step: firstChoice.id } }, status: 400, reason: 'badRequest' },
      {
        name: 'an ANSWER without a step',
        body: { sequence: free, event: { type: 'ANSWER', answer: { option: 'praten' } } },
        status: 400,
        reason: 'badRequest',
      },
      { name: 'no event', body: { sequence: free }, status: 400, reason: 'badRequest' },
      { name: 'the sequence as a string', body: { sequence: '4', event: allowed }, status: 400, reason: 'badRequest' },
      { name: 'a fractional sequence', body: { sequence: free - 0.5, event: allowed }, status: 400, reason: 'badRequest' },
      { name: 'sequence 0', body: { sequence: 0, event: allowed }, status: 400, reason: 'badRequest' },
      { name: 'an extra field', body: { sequence: free, event: allowed, participant: 'someone-else' }, status: 400, reason: 'badRequest' },
      { name: 'an array', body: [free, allowed], status: 400, reason: 'badRequest' },
      { name: 'JSON null', body: 'null', status: 400, reason: 'badRequest' },
      { name: 'a little junk, not JSON', body: junk.slice(0, 2000), status: 400, reason: 'notJson' },
      // Sequence numbers: from the future, or taken by another event.
      { name: 'a sequence from the future', body: { sequence: free + 5, event: allowed }, status: 409, reason: 'sequenceAhead' },
      {
        name: 'a taken sequence, another event',
        body: { sequence: pollSequence, event: answer(firstPoll.id, { option: otherFeeling }) },
        status: 409,
        reason: 'sequenceTaken',
      },
      // 10 kB of junk.
      { name: '10 kB of junk, not JSON', body: junk, status: 413, reason: 'tooLarge' },
      {
        name: '10 kB of junk inside a well-formed event',
        body: { sequence: free, event: answer(firstChoice.id, { option: junk }) },
        status: 413,
        reason: 'tooLarge',
      },
      // A wrong content type, even with an event the lesson would allow.
      { name: 'text/plain', body: { sequence: free, event: allowed }, contentType: 'text/plain', status: 415, reason: 'unsupportedMediaType' },
      {
        name: 'a form post',
        body: { sequence: free, event: allowed },
        contentType: 'application/x-www-form-urlencoded',
        status: 415,
        reason: 'unsupportedMediaType',
      },
      { name: 'application/jsonp', body: { sequence: free, event: allowed }, contentType: 'application/jsonp', status: 415, reason: 'unsupportedMediaType' },
      // Someone else's link, or none.
      { name: 'an unknown participant', body: { sequence: free, event: allowed }, participant: 'AAAAAAAAAAAAAAAAAAAAAA', status: 404 },
      { name: 'not a participant id', body: { sequence: free, event: allowed }, participant: 'nope', status: 404 },
    ];
    for (const c of cases) {
      const response = await postEvent(request, origin, c.participant ?? id, c.body, c.contentType);
      const text = await response.text();
      expect(response.status(), `${c.name}: ${text.slice(0, 200)}`).toBe(c.status);
      if (c.reason) expect((JSON.parse(text) as { reason: string }).reason, c.name).toEqual(c.reason);
      expect(await snapshotOf(request, id), `after ${c.name}: the step and her log did not move`).toEqual(before);
    }
    // GET on the step-post is not a way in either.
    expect((await request.get(`/play/p/${id}/events`)).status()).toBe(405);

    // The same post done right moves her on: the checks above could see a move.
    const ok = await postEvent(request, origin, id, { sequence: free, event: allowed });
    expect(ok.status()).toBe(200);
    expect(await snapshotOf(request, id)).toEqual({
      step: after(firstChoice, option),
      events: [...toFirstChoice, allowed],
      rows: process.env.DATABASE_URL ? free : undefined,
    });
    await request.dispose();
  });

  test('the benchmark route /bench/empty is not there without WEERBAAR_BENCH=1', async ({ request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    expect((await request.post('/bench/empty', { data: {}, headers: { Origin: origin } })).status()).toBe(404);
    expect((await request.get('/bench/empty')).status()).toBe(404);
  });

  for (const language of ['fr', 'nl'] as const) {
    test(`without JavaScript, a sort with one message not placed: 422 and "choose an answer first" in ${language}`, async ({ playwright, baseURL }) => {
      const origin = new URL(baseURL!).origin;
      // The tablet's own language is English: the message follows her language, not the browser's.
      const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'en-GB' } });
      const id = await startParticipant(request, origin, 'standard', language);
      await postEvents(request, origin, id, toSort);
      const before = await snapshotOf(request, id);
      expect(before.step).toBe(sortStep.id);

      const form = new URLSearchParams({ sequence: String(toSort.length + 1) });
      for (const item of sortItems.slice(0, -1)) form.append(`place-${item}`, sortCategories[0]!);
      form.append('intent', 'next');
      const response = await request.post(`/play/p/${id}`, {
        data: form.toString(),
        headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(422);
      const html = decodeHtml(await response.text());
      const alert = /<p class="form-message form-message--error" role="alert">([^<]*)<\/p>/.exec(html);
      expect(alert?.[1], 'the error message on the page').toBe(ui(language, 'player.errors.incomplete'));
      expect(html).toContain(`<html lang="${language}"`);
      expect(html, 'still the sort screen').toContain(`data-step="${sortStep.id}"`);
      expect(await snapshotOf(request, id), 'nothing written').toEqual(before);

      // With the last message placed too, the same form goes through.
      form.append(`place-${sortItems.at(-1)!}`, sortCategories.at(-1)!);
      const done = await request.post(`/play/p/${id}`, {
        data: form.toString(),
        headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        maxRedirects: 0,
      });
      expect(done.status()).toBe(302);
      expect((await snapshotOf(request, id)).step).toBe(sortStep.next);
      await request.dispose();
    });
  }
});

// ---------------------------------------------------------------------------------------------
// In the browser, on servers of our own.

const player = (page: Page) => page.locator('.player');
const saveState = (page: Page) => page.locator('.player__save');

async function expectStep(page: Page, step: string) {
  await expect(player(page)).toHaveAttribute('data-step', step);
}

/** Waits until the player says every answer is saved and nothing waits on the device. */
async function expectSaved(page: Page, participantId: string) {
  await expect(saveState(page)).toHaveAttribute('data-save-state', 'saved');
  expect(await queued(page, participantId), 'nothing left in the progress queue').toEqual([]);
}

/** What the progress queue keeps in localStorage. */
async function queued(page: Page, participantId: string): Promise<{ sequence: number; event: Event }[]> {
  const stored = await page.evaluate((key) => window.localStorage.getItem(key), `weerbaar.progress.${participantId}`);
  return stored === null ? [] : (JSON.parse(stored) as { sequence: number; event: Event }[]);
}

async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(saveState(page)).not.toHaveAttribute('data-save-state', 'server');
}

/** Starts a module on an own server in this page's context (the page keeps the cookies) and opens the player. */
async function startInBrowser(page: Page, server: AppServer, module: string, variant: string, language: string): Promise<string> {
  const response = await page.request.post(`${server.baseURL}/play/start`, {
    form: { module, variant, language },
    headers: { Origin: server.baseURL },
    maxRedirects: 0,
  });
  expect(response.status(), 'POST /play/start').toBe(302);
  const location = response.headers().location!;
  const id = /\/play\/p\/([A-Za-z0-9_-]{22})$/.exec(location)?.[1];
  expect(id, location).toBeTruthy();
  await page.goto(`${server.baseURL}${location}`);
  await waitForHydration(page);
  return id!;
}

/** "Next" on a story, video, offline, reflection or help screen. */
async function pressNext(page: Page, from: string) {
  await expectStep(page, from);
  await page.locator('.player .step__actions .button--primary').click();
  await expect(player(page)).not.toHaveAttribute('data-step', from);
}
/** Taps an option button (choice, poll, one-answer quiz). */
async function chooseOption(page: Page, from: string, option: string) {
  await expectStep(page, from);
  await page.locator(`.player button.option-button[value="${option}"]`).click();
  await expect(player(page)).not.toHaveAttribute('data-step', from);
}
/** "Next" on the feedback after a choice or a quiz. */
async function continueAfterFeedback(page: Page, step: string) {
  await expectStep(page, `feedback-${step}`);
  await page.locator('.player .feedback .button--primary').click();
  await expect(player(page)).not.toHaveAttribute('data-step', `feedback-${step}`);
}
async function ownServerEvents(page: Page, server: AppServer, participantId: string): Promise<Event[]> {
  // `taal` names her language, so the loader answers with data rather than a redirect to it.
  const language = await page.locator('html').getAttribute('lang');
  const response = await page.request.get(
    `${server.baseURL}/play/p/${participantId}?taal=${language}&_data=${encodeURIComponent('routes/play.p.$participant')}`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { events: Event[] }).events;
}

/**
 * The fixture's feeling poll: emoji (standard, roma) as big tiles with a face, named by their
 * label; as a scale (slechthorend) large steps in one row, left to right.
 */
async function expectPollLook(page: Page, kind: 'emoji' | 'scale') {
  await expect(page.locator(`.player .poll--${kind}`)).toBeVisible();
  const labels = [fixtureText('nl', 'feeling.happy'), fixtureText('nl', 'feeling.sad')];
  const boxes = [];
  for (const label of labels) {
    const button = page.locator('.player').getByRole('button', { name: label, exact: true });
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.width, `${label}: a large target`).toBeGreaterThanOrEqual(88);
    expect(box.height, `${label}: a large target`).toBeGreaterThanOrEqual(kind === 'emoji' ? 120 : 72);
    if (kind === 'emoji') expect((await button.locator('img.pictogram').boundingBox())!.width, `${label}: a big face`).toBeGreaterThanOrEqual(64);
    boxes.push(box);
  }
  if (kind === 'scale') {
    expect(Math.abs(boxes[0]!.y - boxes[1]!.y), 'the scale is one row').toBeLessThan(2);
    expect(boxes[0]!.x, 'left to right').toBeLessThan(boxes[1]!.x);
  }
}

/** A text of the every-step fixture (standard) in a language. */
function fixtureText(language: string, key: string): string {
  return lookup(JSON.parse(readFileSync(path.join(fixtureModules, 'every-step', 'locales', `${language}.json`), 'utf8')) as Json, key);
}

/** The kind of screen of each step of her lesson (the story's mode, a quiz with one or more answers). */
async function fixtureScreenKinds(page: Page, server: AppServer, participantId: string): Promise<Map<string, string>> {
  const language = await page.locator('html').getAttribute('lang');
  const response = await page.request.get(
    `${server.baseURL}/play/p/${participantId}?taal=${language}&_data=${encodeURIComponent('routes/play.p.$participant')}`,
  );
  expect(response.status()).toBe(200);
  const { module } = (await response.json()) as { module: { steps: { id: string; type: string; mode?: string; multiple?: boolean }[] } };
  const kindOf = (step: (typeof module.steps)[number]) =>
    step.type === 'story' ? `story-${step.mode}` : step.type === 'quiz' ? (step.multiple ? 'quiz-multiple' : 'quiz-single') : step.type;
  return new Map(module.steps.map((step) => [step.id, kindOf(step)]));
}

async function newTablet(browser: Browser, server: AppServer, locale = 'nl-BE') {
  return browser.newContext({ baseURL: server.baseURL, locale, viewport: { width: 1024, height: 1366 } });
}

test.describe('nothing shown as saved is lost', () => {
  // One server of its own, killed and restarted on its data folder: these tests take turns on it.
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let server: AppServer;
  test.beforeAll(async () => {
    // A fresh data folder is created and migrated first: slow on a busy machine.
    test.setTimeout(150_000);
    server = await AppServer.start({ port: ports.kill });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('kill -9 between two answers: after a restart she is at the step after her last saved answer, answers intact', async ({ browser }) => {
    const context = await newTablet(browser, server);
    try {
      const page = await context.newPage();
      const id = await startInBrowser(page, server, moduleId, 'standard', 'nl');
      const t = (key: string) => ui('nl', key);

      // Her feeling and her choice: not the first options, so a default could not pass for them.
      const feeling = firstPoll.options![1]!.id;
      const chosen = firstChoice.options![1]!.id;
      const picks = { [firstPoll.id]: feeling, [firstChoice.id]: chosen };
      const wayToChoice = wayTo(firstChoice.id, picks);
      for (const { step, event } of wayToChoice) {
        if (event.type === 'NEXT') await pressNext(page, step.id);
        else await chooseOption(page, step.id, (event.answer as { option: string }).option);
        await expectSaved(page, id);
      }
      await chooseOption(page, firstChoice.id, chosen);
      await expectStep(page, `feedback-${firstChoice.id}`);
      // The answer is shown as saved: from here on it must survive anything.
      await expectSaved(page, id);
      const progress = await page.locator('.player__progress span').textContent();

      // kill -9 between two answers, and up again on the same data.
      await server.kill();
      await server.restart();
      await page.reload();
      await waitForHydration(page);
      // At the step her answer leads to.
      await expectStep(page, after(firstChoice, chosen));
      await expect(page.locator('.player__progress span')).toHaveText(progress!);
      const untilChoice = [...wayToChoice.map(({ event }) => event), answer(firstChoice.id, { option: chosen })];
      expect(untilChoice).toContainEqual(answer(firstPoll.id, { option: feeling }));
      expect(await ownServerEvents(page, server, id)).toEqual(untilChoice);
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'saved');
      // The feedback of the choice, from the server's log: what she chose.
      await page.goto(`/play/p/${id}?feedback=${firstChoice.id}`);
      await expectStep(page, `feedback-${firstChoice.id}`);
      await expect(page.locator('.feedback__choice')).toHaveText(
        `${t('player.youChose')} ${moduleText('nl', `steps.${firstChoice.id}.options.${chosen}.label`)}`,
      );
      await continueAfterFeedback(page, firstChoice.id);

      // On to the quiz (screens that take NEXT), all its right answers, then kill -9 again right after "saved" (no pause at all).
      const quiz = firstOfType('quiz');
      const rightOptions = (answerOn(quiz)!.answer as { options: string[] }).options;
      expect(rightOptions.length, 'a quiz with more than one right answer').toBeGreaterThan(1);
      const toQuiz = wayTo(quiz.id, picks).slice(untilChoice.length);
      for (const { step, event } of toQuiz) {
        expect(event, `${step.id} on the way to the quiz`).toEqual(next);
        await pressNext(page, step.id);
      }
      await expectStep(page, quiz.id);
      for (const option of rightOptions) await page.getByRole('checkbox', { name: moduleText('nl', `steps.${quiz.id}.options.${option}`) }).check();
      await page.getByRole('button', { name: t('player.check'), exact: true }).click();
      await expectStep(page, `feedback-${quiz.id}`);
      await expectSaved(page, id);
      await server.kill();
      await server.restart();
      await page.goto(`/play/p/${id}`);
      await waitForHydration(page);
      await expectStep(page, quiz.next!);
      expect(await ownServerEvents(page, server, id)).toEqual([
        ...untilChoice,
        ...toQuiz.map(({ event }) => event),
        answer(quiz.id, { options: rightOptions }),
      ]);
      // The quiz's feedback from the log: all right answers were kept.
      await page.goto(`/play/p/${id}?feedback=${quiz.id}`);
      await expect(page.locator('.feedback__verdict')).toHaveText(t('player.quizRight'));

      // BACK goes along the path she took, as the server kept it: the quiz, the screens before it, her choice.
      await page.goto(`/play/p/${id}`);
      await waitForHydration(page);
      const backs = [quiz.id, ...toQuiz.map(({ step }) => step.id).reverse(), firstChoice.id];
      for (const step of backs) {
        await page.getByRole('button', { name: t('player.back'), exact: true }).click();
        await expectStep(page, step);
        await expectSaved(page, id);
      }
      expect((await ownServerEvents(page, server, id)).slice(-backs.length)).toEqual(backs.map(() => ({ type: 'BACK' })));
    } finally {
      await context.close();
    }
  });

  test('answers given while the server is down wait on the tablet and go out once it is back, without a reload', async ({ browser }) => {
    const context = await newTablet(browser, server);
    try {
      const page = await context.newPage();
      const id = await startInBrowser(page, server, moduleId, 'standard', 'nl');
      // Up to her first question (the screens before it take NEXT), saved.
      const before = wayTo(firstPoll.id);
      for (const { step, event } of before) {
        expect(event, `${step.id} before the first question`).toEqual(next);
        await pressNext(page, step.id);
      }
      await expectSaved(page, id);
      const feeling = firstPoll.options!.at(-1)!.id;
      const feelingEvent = answer(firstPoll.id, { option: feeling });
      // From her answer on to the first choice: screens that take NEXT.
      const between = wayTo(firstChoice.id, { [firstPoll.id]: feeling }).slice(before.length + 1);
      expect(between.length, 'a screen between the first question and the first choice').toBeGreaterThan(0);

      await server.kill();
      // She answers on: the screen moves at once, the answer waits in localStorage.
      await chooseOption(page, firstPoll.id, feeling);
      await expectStep(page, between[0]!.step.id);
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'offline');
      await expect(saveState(page)).toHaveText(ui('nl', 'player.save.offline'));
      const waiting = [{ sequence: before.length + 1, event: feelingEvent }];
      expect(await queued(page, id)).toEqual(waiting);
      for (const { step, event } of between) {
        expect(event).toEqual(next);
        await pressNext(page, step.id);
        waiting.push({ sequence: waiting.length + before.length + 1, event: next });
      }
      await expectStep(page, firstChoice.id);
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'offline');
      expect(await queued(page, id)).toEqual(waiting);

      await server.restart();
      // The queue retries by itself (back-off of at most 8 s by now): saved, no reload.
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'saved', { timeout: 20_000 });
      expect(await queued(page, id)).toEqual([]);
      await expectStep(page, firstChoice.id);
      expect(await ownServerEvents(page, server, id)).toEqual([...before.map(({ event }) => event), ...waiting.map(({ event }) => event)]);

      // The server's page agrees.
      await page.reload();
      await waitForHydration(page);
      await expectStep(page, firstChoice.id);
      await expectSaved(page, id);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The every-step fixture (CONTENT_DIR): body map and video in every variant, and a tablet going offline.

/**
 * Plays the fixture with the first option everywhere (the dilemma: "talk", the advice: "film")
 * up to the screen `until`; `onScreen` runs on every screen on the way, `until` included.
 */
async function playFixtureUntil(page: Page, until: string, onScreen?: () => Promise<void>) {
  for (let turn = 0; turn < 30; turn += 1) {
    const step = (await player(page).getAttribute('data-step'))!;
    const type = (await player(page).getAttribute('data-step-type'))!;
    await onScreen?.();
    if (step === until) return;
    if (step.startsWith('feedback-')) {
      await continueAfterFeedback(page, step.slice('feedback-'.length));
      continue;
    }
    switch (step) {
      case 'dilemma':
        await chooseOption(page, step, 'talk');
        continue;
      case 'advice':
        await chooseOption(page, step, 'film');
        continue;
      case 'quiz':
        await chooseOption(page, step, 'yes');
        continue;
      case 'quiz-many':
        await page.locator('.player input[name="option"][value="friend"]').check();
        await page.locator('.player input[name="option"][value="family"]').check();
        await page.locator('.player .step__actions .button--primary').click();
        await expect(player(page)).not.toHaveAttribute('data-step', step);
        continue;
    }
    if (type === 'sort' || type === 'body-map') {
      // Every message in its first box; on the body map one mark, tapped.
      if (type === 'sort') for (const item of await page.locator('.player .sort__item').all()) await item.getByRole('radio').first().check();
      else await page.locator('.player input[name="mark"]').first().check();
      await page.locator('.player .step__actions .button--primary').click();
      await expect(player(page)).not.toHaveAttribute('data-step', step);
      continue;
    }
    if (type === 'poll') await chooseOption(page, step, 'happy');
    else if (['story', 'video', 'offline', 'reflection', 'help'].includes(type)) await pressNext(page, step);
    else throw new Error(`the fixture's ${step} (${type}) is not expected before ${until}`);
  }
  throw new Error(`did not reach ${until}`);
}

/** Drags an element onto another with the mouse (pointer down, moves, up), as a finger would. */
async function drag(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  const source = await from.boundingBox();
  const target = await to.boundingBox();
  expect(source && target, 'both ends of the drag are on screen').toBeTruthy();
  await page.mouse.move(source!.x + source!.width / 2, source!.y + source!.height / 2);
  await page.mouse.down();
  await page.mouse.move(source!.x + source!.width / 2 + 12, source!.y + source!.height / 2 + 12, { steps: 3 });
  await page.mouse.move(target!.x + target!.width / 2, target!.y + 8, { steps: 8 });
  await page.mouse.up();
}

test.describe('the every-step fixture', () => {
  // One server on the fixture content for these tests, in turn.
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let server: AppServer;
  test.beforeAll(async () => {
    // A fresh data folder is created and migrated first: slow on a busy machine.
    test.setTimeout(150_000);
    server = await AppServer.start({ port: ports.fixture, contentDir: fixtureModules });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  for (const variant of variants) {
    test(`${variant}: axe on every step type and feedback${variant === 'roma' ? ', read-aloud on every text' : ''}; sort and body map take drag and tap, the body map shows its marks on the silhouette`, async ({
      browser,
    }) => {
      // axe on every kind of screen (and in roma every read-aloud button pressed) takes a while on a busy machine.
      test.setTimeout(240_000);
      const context = await newTablet(browser, server);
      await recordSpeech(context);
      try {
        const page = await context.newPage();
        const id = await startInBrowser(page, server, 'every-step', variant, 'nl');
        if (variant === 'roma') await expectStep(page, 'welcome');
        const kinds = await fixtureScreenKinds(page, server, id);
        const axeChecked = new Set<string>();
        /** axe once per kind of screen (a feedback by the kind of step it follows); in roma every text read aloud on every screen. */
        const checkScreen = async () => {
          const screen = (await player(page).getAttribute('data-step'))!;
          const kind = screen.startsWith('feedback-') ? `feedback-${kinds.get(screen.slice('feedback-'.length))}` : kinds.get(screen)!;
          if (!axeChecked.has(kind)) {
            axeChecked.add(kind);
            expect(await axeViolations(page), `axe on the ${kind} screen ${screen} (${variant})`).toEqual([]);
          }
          if (variant === 'roma') await expectEveryTextReadAloud(page);
          if (kind === 'poll') await expectPollLook(page, variant === 'slechthorend' ? 'scale' : 'emoji');
        };

        // The video: captions in every language, a transcript; in slechthorend a sign-language video beside it.
        await playFixtureUntil(page, 'film', checkScreen);
        await expect(player(page)).toHaveAttribute('data-step-type', 'video');
        await expect(page.locator('.video-step__video track[kind="captions"]')).toHaveCount(3);
        await expect(page.locator('.step__sign-language video')).toHaveCount(variant === 'slechthorend' ? 1 : 0);
        await pressNext(page, 'film');

        // The sort: one message dragged onto a box, the other tapped.
        await playFixtureUntil(page, 'sort', checkScreen);
        const hug = page.locator('.player input[name="place-hug"][value="doubt"]');
        await expect(hug).not.toBeChecked();
        await drag(page, page.locator('.player .sort__item legend').first(), page.locator('.player .drop-zone[data-drop="doubt"]'));
        await expect(hug).toBeChecked();
        await page.locator('.player input[name="place-photo"][value="not-okay"]').check();
        await page.locator('.player .step__actions .button--primary').click();
        // The sort's feedback screen (its items have categories), then the body map.
        await expectStep(page, 'feedback-sort');
        await checkScreen();
        await continueAfterFeedback(page, 'sort');
        await expectStep(page, 'body');

        // The body map, for the second person: a mark dragged onto the silhouette's head, one tapped for the hands.
        await expect(player(page)).toHaveAttribute('data-step-type', 'body-map');
        await checkScreen();
        await page.locator('.player input[name="person"][value="stranger"]').check();
        const silhouette = page.locator('.player .body-map__body');
        const mark = (icon: string, zone: string) => page.locator(`.player input[name="mark"][value="${icon}@${zone}"]`);
        /** A mark on the silhouette: a button named by icon and zone (pressing it takes the mark away). */
        const onBody = (icon: string, zone: string) =>
          silhouette.getByRole('button', {
            name: ui('nl', 'player.removeMark')
              .replace('{{icon}}', ui('nl', `player.icons.${icon}`))
              .replace('{{zone}}', fixtureText('nl', `body.${zone}`)),
            exact: true,
          });
        await expect(silhouette.getByRole('button')).toHaveCount(0);
        await expect(mark('talk', 'head')).not.toBeChecked();
        await drag(page, page.locator('.player .body-map__icon').first(), silhouette.locator('[data-drop="head"]'));
        await expect(mark('talk', 'head')).toBeChecked();
        await expect(onBody('talk', 'head')).toBeVisible();
        await mark('touch', 'hands').check();
        await expect(onBody('touch', 'hands')).toBeVisible();
        // On the silhouette itself, each at its own zone: the head's mark above the hands' mark.
        const figure = (await silhouette.locator('svg').boundingBox())!;
        const headMark = (await onBody('talk', 'head').boundingBox())!;
        const handsMark = (await onBody('touch', 'hands').boundingBox())!;
        for (const box of [headMark, handsMark]) {
          const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
          expect(x >= figure.x && x <= figure.x + figure.width && y >= figure.y && y <= figure.y + figure.height, 'the mark is on the silhouette').toBe(true);
        }
        expect(headMark.y + headMark.height / 2).toBeLessThan(handsMark.y + handsMark.height / 2 - 40);
        // By keyboard: "look" on the head with the space bar, then taken off the silhouette with Enter.
        await mark('look', 'head').focus();
        await page.keyboard.press('Space');
        await expect(onBody('look', 'head')).toBeVisible();
        await onBody('look', 'head').focus();
        await page.keyboard.press('Enter');
        await expect(mark('look', 'head')).not.toBeChecked();
        await expect(onBody('look', 'head')).toHaveCount(0);
        await expect(silhouette.getByRole('button')).toHaveCount(2);
        // No drag ghost left behind.
        await expect(page.locator('.drag-ghost')).toHaveCount(0);
        await page.locator('.player .step__actions .button--primary').click();
        await expectStep(page, 'reflect');
        await expectSaved(page, id);

        const events = await ownServerEvents(page, server, id);
        expect(events.at(-2)).toEqual(answer('sort', { placements: { hug: 'doubt', photo: 'not-okay' } }));
        expect(events.at(-1)).toEqual(
          answer('body', {
            person: 'stranger',
            marks: [
              { icon: 'talk', zone: 'head' },
              { icon: 'touch', zone: 'hands' },
            ],
          }),
        );
        // Every answer on this variant's path, the film in between played through with NEXT.
        expect(events.filter((e) => e.type === 'ANSWER').map((e) => e.step)).toEqual(['feeling', 'dilemma', 'advice', 'quiz', 'quiz-many', 'sort', 'body']);

        // On to the end: every kind of screen the fixture has, and each feedback, passed axe.
        await playFixtureUntil(page, 'end', checkScreen);
        expect([...axeChecked].sort()).toEqual(
          [...new Set(kinds.values()), 'feedback-choice', 'feedback-quiz-single', 'feedback-quiz-multiple', 'feedback-sort'].sort(),
        );
        expect([...new Set(kinds.values())].sort(), 'the fixture has every kind of screen').toEqual([
          'body-map',
          'choice',
          'end',
          'help',
          'offline',
          'poll',
          'quiz-multiple',
          'quiz-single',
          'reflection',
          'sort',
          'story-chat',
          'story-panels',
          'video',
        ]);
      } finally {
        await context.close();
      }
    });
  }

  test('a private note stays on the tablet for her, and the next girl who starts in the same tab does not see it', async ({ browser }) => {
    const context = await newTablet(browser, server);
    try {
      const page = await context.newPage();
      const note = page.getByLabel(ui('nl', 'player.privateNote'));
      const first = await startInBrowser(page, server, 'every-step', 'standard', 'nl');
      await playFixtureUntil(page, 'reflect');
      const words = `alleen voor mij ${Math.random().toString(36).slice(2, 8)}`;
      await note.fill(words);
      // Back to her own link in this tab: her words are there (so an empty box below means something).
      await page.reload();
      await waitForHydration(page);
      await expectStep(page, 'reflect');
      await expect(note).toHaveValue(words);

      // The next girl starts the same module in the same tab (same sessionStorage).
      const second = await startInBrowser(page, server, 'every-step', 'standard', 'nl');
      expect(second).not.toBe(first);
      await playFixtureUntil(page, 'reflect');
      await expect(note).toHaveValue('');
      expect(await page.evaluate(() => document.body.innerText)).not.toContain(words);
      await note.fill('iets anders');

      // The first girl's link no longer opens in this tab: the device's (signed) participant
      // cookie names the second girl now (decision 0013), and nothing of hers shows.
      const response = await page.goto(`${server.baseURL}/play/p/${first}`);
      expect(response?.status()).toBe(404);
      expect(await page.evaluate(() => document.body.innerText)).not.toContain(words);
    } finally {
      await context.close();
    }
  });

  test('a tablet that goes offline keeps its answers and catches up when it is back online', async ({ browser }) => {
    const context = await newTablet(browser, server, 'fr-BE');
    try {
      const page = await context.newPage();
      const id = await startInBrowser(page, server, 'every-step', 'standard', 'fr');
      await pressNext(page, 'intro');
      await expectSaved(page, id);

      await context.setOffline(true);
      await pressNext(page, 'chat');
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'offline');
      await expect(saveState(page)).toHaveText(ui('fr', 'player.save.offline'));
      await chooseOption(page, 'feeling', 'sad');
      await chooseOption(page, 'dilemma', 'talk');
      await continueAfterFeedback(page, 'dilemma');
      await expectStep(page, 'advice');
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'offline');
      const offlineEvents = [next, answer('feeling', { option: 'sad' }), answer('dilemma', { option: 'talk' })];
      expect(await queued(page, id)).toEqual(offlineEvents.map((event, index) => ({ sequence: index + 2, event })));
      // Nothing of it reached the server meanwhile (this request does not go through the offline browser).
      expect(await ownServerEvents(page, server, id)).toEqual([next]);

      // Back online: the browser's "online" event sends the queue at once, no reload.
      await context.setOffline(false);
      await expect(saveState(page)).toHaveAttribute('data-save-state', 'saved', { timeout: 5_000 });
      expect(await queued(page, id)).toEqual([]);
      expect(await ownServerEvents(page, server, id)).toEqual([next, ...offlineEvents]);
      await expectStep(page, 'advice');

      // The server's page agrees.
      await page.reload();
      await waitForHydration(page);
      await expectStep(page, 'advice');
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expectSaved(page, id);
    } finally {
      await context.close();
    }
  });
});
