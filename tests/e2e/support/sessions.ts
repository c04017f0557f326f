import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type APIResponse, type Browser, type BrowserContext, type Page, expect } from '@playwright/test';
import { parse } from 'yaml';
import type { PacingMode } from '~/db/vocabulary';
import { fakeIp, newPersonContext } from './accounts';
import { type Person, type Playwright, postForm } from './people';

/**
 * Live group sessions in the browser and over HTTP: a facilitator creates and runs a
 * session, tablets join it with the code, a nickname and an avatar. Texts come from the
 * files the translators edit (app/i18n/locales/nl/common.json, the module's nl.json).
 */

type Json = { [key: string]: Json } | string;
const readJson = (file: string): Json => JSON.parse(readFileSync(path.join(process.cwd(), file), 'utf8')) as Json;
function lookup(tree: Json, key: string): string {
  let node: Json | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no text for ${key}`);
  return node;
}
const common = readJson('app/i18n/locales/nl/common.json');
const moduleNl = readJson('content/modules/wie-ben-ik/locales/nl.json');

/** A Dutch UI string, with {{placeholders}} filled in. */
export function nl(key: string, values: Record<string, string | number> = {}): string {
  return lookup(common, key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}
/** A text of module 1 in Dutch. */
export function moduleText(key: string): string {
  return lookup(moduleNl, key);
}

export const MODULE_ID = 'wie-ben-ik';
export type Pacing = PacingMode;

/** A step of the lesson as the server resolved it (the tablet loader's `module`). */
export interface Step {
  id: string;
  type: string;
  next?: string;
  multiple?: boolean;
  options?: { id: string; next?: string; correct?: boolean }[];
  items?: { id: string }[];
  categories?: { id: string }[];
}
export interface LessonModule {
  id: string;
  start: string;
  steps: Step[];
}

/** Module 1 as its module.yaml writes it: the standard variant, the one createSessionOverHttp opens. */
export function standardModule(): LessonModule {
  const module = parse(readFileSync(path.join(process.cwd(), 'content/modules', MODULE_ID, 'module.yaml'), 'utf8')) as LessonModule;
  expect(module.id, 'module.yaml of module 1').toBe(MODULE_ID);
  return module;
}

/**
 * The way a group meets the lesson from its start, following each step's `next`, up to the
 * first step of `type`: the steps before it (the start first) and that step. A facilitator
 * reaches it with "start" and then `before.length` times "next".
 */
export function firstStepOfType(module: LessonModule, type: string): { before: Step[]; step: Step } {
  const byId = new Map(module.steps.map((step) => [step.id, step]));
  const before: Step[] = [];
  let step = byId.get(module.start);
  while (step && step.type !== type) {
    before.push(step);
    step = step.next ? byId.get(step.next) : undefined;
  }
  if (!step) throw new Error(`no ${type} step on the way from ${module.start} along "next" in ${module.id}`);
  return { before, step };
}

/** What the facilitator's /state answers (FacilitatorView). */
export interface FacilitatorState {
  version: number;
  status: 'lobby' | 'running' | 'paused' | 'ended';
  pacing: Pacing;
  step: string | null;
  joinCode: string;
  locked: boolean;
  participants: { handle: string | null; nickname: string | null; avatar: string | null }[];
  aggregates: Record<string, { stepId: string; answered: number; counts: Record<string, number> }>;
  stepCounts: Record<string, number>;
  finished: number;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

// ————————————————————————————————————————— in the browser

/** The facilitator creates a session of module 1 (standard, Dutch) on /facilitate/sessions/new; returns its id and code. */
export async function createSessionInUi(page: Page, pacing: Pacing): Promise<{ id: string; code: string }> {
  await page.goto('/facilitate/sessions/new');
  await page.getByRole('radio', { name: new RegExp(`^${moduleText('title').replace('?', '\\?')} ·`) }).check();
  await page.getByRole('radio', { name: nl('play.variants.standard'), exact: true }).check();
  await page.getByRole('radio', { name: nl('language.names.nl'), exact: true }).check();
  await page.getByRole('radio', { name: new RegExp(`^${nl(`sessions.pacing.${pacing}`)} —`) }).check();
  await page.getByRole('button', { name: nl('sessions.new.submit') }).click();
  await expect(page).toHaveURL(new RegExp(`/facilitate/sessions/${uuid.source}$`));
  const id = uuid.exec(page.url())![0];
  const code = (await page.locator('.join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  return { id, code };
}

export interface Tablet {
  name: string;
  context: BrowserContext;
  page: Page;
  participantId: string;
}

/**
 * A tablet's network link to the server that can be cut: a TCP relay on a port of its own.
 * `context.setOffline(true)` alone fails new requests but leaves an open event stream
 * flowing in Chromium; cutting the relay drops that stream too, as a lost Wi-Fi would.
 */
export class CuttableLink {
  private readonly sockets = new Set<net.Socket>();
  private cut = false;

  private constructor(
    private readonly server: net.Server,
    readonly baseURL: string,
  ) {}

  static async open(target: string): Promise<CuttableLink> {
    const { hostname, port } = new URL(target);
    let link: CuttableLink | undefined;
    const server = net.createServer((client) => {
      if (!link || link.cut) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: hostname, port: Number(port) });
      for (const socket of [client, upstream]) {
        link.sockets.add(socket);
        socket.on('close', () => {
          link!.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
        socket.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    link = new CuttableLink(server, `http://localhost:${(server.address() as net.AddressInfo).port}`);
    return link;
  }

  /** Down: every open connection dropped, new ones refused. Up: connections pass again. */
  setCut(cut: boolean) {
    this.cut = cut;
    if (cut) for (const socket of this.sockets) socket.destroy();
  }

  async close() {
    this.setCut(true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A tablet on its own network: /join, the code typed as given, then the nickname and avatar page. */
export async function openJoinPage(browser: Browser, link?: CuttableLink): Promise<{ context: BrowserContext; page: Page }> {
  const context = link
    ? await browser.newContext({ locale: 'nl-BE', baseURL: link.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } })
    : await newPersonContext(browser);
  const page = await context.newPage();
  await page.goto('/join');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  return { context, page };
}

export async function typeCode(page: Page, typed: string, code: string): Promise<void> {
  await page.getByLabel(nl('join.codeLabel'), { exact: true }).fill(typed);
  await page.getByRole('button', { name: nl('join.submit'), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/join/${code}$`));
  await expect(page.getByRole('heading', { name: nl('join.nickname.title') })).toBeVisible();
}

/** Nickname and avatar (by its Dutch name, e.g. "Uil"), then to the tablet screen /s/<participant>. */
export async function chooseNickname(page: Page, nickname: string, avatarLabel: string): Promise<string> {
  await page.getByLabel(nl('join.nickname.label'), { exact: true }).fill(nickname);
  await page.getByRole('radio', { name: avatarLabel, exact: true }).check();
  await page.getByRole('button', { name: nl('join.nickname.submit'), exact: true }).click();
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]{22}(\?|$)/);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  return /\/s\/([A-Za-z0-9_-]{22})/.exec(page.url())![1]!;
}

export async function joinAsTablet(
  browser: Browser,
  options: { code: string; typed?: string; nickname: string; avatar: string; link?: CuttableLink },
): Promise<Tablet> {
  const { context, page } = await openJoinPage(browser, options.link);
  await typeCode(page, options.typed ?? options.code, options.code);
  const participantId = await chooseNickname(page, options.nickname, options.avatar);
  return { name: options.nickname, context, page, participantId };
}

/** The lesson as the server resolved it for this tablet (its loader's data). */
export async function tabletModule(tablet: Tablet): Promise<LessonModule> {
  const response = await tablet.page.request.get(`/s/${tablet.participantId}?taal=nl&_data=${encodeURIComponent('routes/s.$participant')}`);
  expect(response.status(), 'the tablet loader answers with its data').toBe(200);
  return ((await response.json()) as { module: LessonModule }).module;
}

/** The tablet's screen: `.tablet` with its status (and, together, the group's step). */
export const tabletScreen = (page: Page) => page.locator('.tablet');

/**
 * Arms a watch in the tablet page for the screen of `stepId` (together mode); `stepSeenAt`
 * then answers the page's clock (Date.now) when it appeared — measured in the page, so the
 * test's own polling does not add to it.
 */
export async function armStepWatch(page: Page, stepId: string): Promise<void> {
  await page.evaluate((step) => {
    const w = window as unknown as { __stepSeen?: Promise<number> };
    w.__stepSeen = new Promise<number>((resolve) => {
      const seen = () => document.querySelector(`.tablet[data-step="${step}"]`) !== null;
      if (seen()) return resolve(Date.now());
      const observer = new MutationObserver(() => {
        if (seen()) {
          observer.disconnect();
          resolve(Date.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] });
    });
  }, stepId);
}

/** When the armed step appeared (ms since the epoch, the machine's clock), or null if not within `timeoutMs`. */
export async function stepSeenAt(page: Page, timeoutMs: number): Promise<number | null> {
  return page.evaluate(
    (ms) =>
      Promise.race([
        (window as unknown as { __stepSeen?: Promise<number> }).__stepSeen ?? Promise.resolve(null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
      ]),
    timeoutMs,
  );
}

/**
 * Answers the step on screen as a girl does: option buttons (poll, choice, single quiz),
 * checkboxes and "Klaar, kijk na" (several answers), a pill per item and "Klaar" (sort).
 */
export async function answerStep(page: Page, step: Step, answer: string | string[] | Record<string, string>): Promise<void> {
  const form = page.locator('form.step__form');
  switch (step.type) {
    case 'poll':
    case 'choice':
    case 'quiz':
      if (!step.multiple) {
        await form.locator(`button.option-button[name="option"][value="${answer as string}"]`).click();
        return;
      }
      // Several may be chosen (a quiz, or a poll like "what are you good at?"): tick, then confirm.
      for (const option of answer as string[]) await form.locator(`input[type="checkbox"][name="option"][value="${option}"]`).check();
      await form.getByRole('button', { name: nl(step.type === 'quiz' ? 'player.check' : 'player.done'), exact: true }).click();
      return;
    case 'sort':
      for (const [item, category] of Object.entries(answer as Record<string, string>)) {
        await form.locator('label.pill', { has: page.locator(`input[name="place-${item}"][value="${category}"]`) }).click();
        await expect(form.locator(`input[name="place-${item}"][value="${category}"]`)).toBeChecked();
      }
      await form.getByRole('button', { name: nl('player.done'), exact: true }).click();
      return;
    default:
      throw new Error(`no answer for a ${step.type} step`);
  }
}

/** The counts a step's result bars show, in their order, for these answers: "n (p%)". */
export function expectedBars(step: Step, answers: (string | string[] | Record<string, string>)[]): string[] {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const answer of answers) {
    if (typeof answer === 'string') add(answer);
    else if (Array.isArray(answer)) answer.forEach(add);
    else Object.entries(answer).forEach(([item, category]) => add(`${item}:${category}`));
  }
  const keys =
    step.type === 'sort'
      ? step.items!.flatMap((item) => step.categories!.map((category) => `${item.id}:${category.id}`))
      : step.options!.map((option) => option.id);
  return keys.map((key) => {
    const count = counts.get(key) ?? 0;
    return nl('sessions.count', { count, percent: answers.length ? Math.round((count / answers.length) * 100) : 0 });
  });
}

/** The option most chosen (ties: the first in the module's order), as the console proposes it. */
export function majority(step: Step, answers: string[]): string {
  let best = step.options![0]!.id;
  for (const option of step.options!) if (answers.filter((a) => a === option.id).length > answers.filter((a) => a === best).length) best = option.id;
  return best;
}

// ————————————————————————————————————————— over HTTP

/**
 * A person over HTTP on her own address (as newPerson in people.ts), whose every request
 * has a connection of its own: a long-lived request context would otherwise reuse a
 * keep-alive socket just as the server closes it (Node's 5 s idle timeout) and fail with
 * ECONNRESET; browsers retry such a request, this client does not.
 */
export async function newSessionPerson(playwright: Playwright, baseURL: string): Promise<Person> {
  const ip = fakeIp();
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Forwarded-For': ip, 'Accept-Language': 'nl-BE', Connection: 'close' },
  });
  return { request, ip };
}

/** The facilitator's view of her session (the polling JSON). */
export async function facilitatorState(person: Person | { request: Page['request'] }, sessionId: string): Promise<FacilitatorState> {
  const response = await person.request.get(`/facilitate/sessions/${sessionId}/state`);
  expect(response.status(), 'the facilitator reads her session').toBe(200);
  return (await response.json()) as FacilitatorState;
}

/** Creates a session of module 1 (standard, Dutch) with a form post; returns its id and code. */
export async function createSessionOverHttp(facilitator: Person, baseURL: string, pacing: Pacing): Promise<{ id: string; code: string }> {
  const response = await postForm(facilitator, baseURL, '/facilitate/sessions/new', { module: MODULE_ID, variant: 'standard', language: 'nl', pacing });
  expect(response.status(), 'a new session').toBe(302);
  const id = uuid.exec(response.headers().location ?? '')?.[0];
  expect(id, `session id in ${response.headers().location}`).toBeTruthy();
  return { id: id!, code: (await facilitatorState(facilitator, id!)).joinCode };
}

/** A control of the console (intent start, next, back, pause, resume, reveal, hide, lock, unlock, remove, end). */
export function controlOverHttp(person: Person, baseURL: string, sessionId: string, form: Record<string, string>): Promise<APIResponse> {
  return postForm(person, baseURL, `/facilitate/sessions/${sessionId}`, form);
}

export async function expectControlOk(person: Person, baseURL: string, sessionId: string, form: Record<string, string>): Promise<void> {
  const response = await controlOverHttp(person, baseURL, sessionId, form);
  expect(response.status(), `control ${JSON.stringify(form)}`).toBe(200);
}

/** The nickname form of a code, posted as a tablet would (the participant cookie lands in the person's context). */
export function postNickname(person: Person, baseURL: string, code: string, nickname: string, avatar = 'owl'): Promise<APIResponse> {
  return postForm(person, baseURL, `/join/${code}`, { nickname, avatar });
}

/** Joins over HTTP; returns the participant id (from /s/<id>). */
export async function joinOverHttp(person: Person, baseURL: string, code: string, nickname: string, avatar = 'owl'): Promise<string> {
  const response = await postNickname(person, baseURL, code, nickname, avatar);
  expect(response.status(), `${nickname} joins`).toBe(302);
  const id = /^\/s\/([A-Za-z0-9_-]{22})$/.exec(response.headers().location ?? '')?.[1];
  expect(id, `participant link in ${response.headers().location}`).toBeTruthy();
  return id!;
}

/** A together-mode answer as the tablet's script posts it. */
export function postTogetherAnswer(person: Person, baseURL: string, sessionId: string, step: string, answer: unknown): Promise<APIResponse> {
  return person.request.post(`/live/${sessionId}/answer`, {
    data: JSON.stringify({ step, answer }),
    headers: { Origin: new URL(baseURL).origin, 'Content-Type': 'application/json' },
    maxRedirects: 0,
  });
}

/** An own-pace progress event as the player's queue posts it. */
export function postProgressEvent(person: Person, baseURL: string, participantId: string, sequence: number, event: unknown): Promise<APIResponse> {
  return person.request.post(`/play/p/${participantId}/events`, {
    data: JSON.stringify({ sequence, event }),
    headers: { Origin: new URL(baseURL).origin, 'Content-Type': 'application/json' },
    maxRedirects: 0,
  });
}

// ————————————————————————————————————————— straight from PostgreSQL

export interface SessionRows {
  participants: number;
  /** Participants of the session with a nickname or an avatar still stored. */
  named: number;
  sessionAnswers: number;
  progressEvents: number;
  version: number;
  status: string;
}

/**
 * The session's rows as PostgreSQL holds them (the CI run, DATABASE_URL set); null on the
 * embedded database, where the server holds the files and the tests check through the app.
 */
export async function sessionRows(sessionId: string): Promise<SessionRows | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (query: string) => Number((await client.query<{ n: string }>(query, [sessionId])).rows[0]!.n);
    const session = (await client.query<{ version: number; status: string }>('select version, status from group_sessions where id = $1', [sessionId])).rows[0];
    return {
      participants: await one('select count(*) as n from participants where group_session_id = $1'),
      named: await one('select count(*) as n from participants where group_session_id = $1 and (nickname is not null or avatar is not null)'),
      sessionAnswers: await one('select count(*) as n from session_answers where group_session_id = $1'),
      progressEvents: await one('select count(*) as n from progress_events e join participants p on p.id = e.participant_id where p.group_session_id = $1'),
      version: session?.version ?? -1,
      status: session?.status ?? 'missing',
    };
  } finally {
    await client.end();
  }
}
