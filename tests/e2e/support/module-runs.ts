import { type Browser, type BrowserContext, type Page, type PlaywrightWorkerArgs, expect } from '@playwright/test';
import { demoAccount, fakeIp, signInRequest } from './accounts';
import {
  type Language,
  type LessonData,
  type PlayRecord,
  type Variant,
  expectAllSaved,
  expectEndScreen,
  expectOnlyOwnOrigin,
  lessonData,
  playToEnd,
  recordRequests,
  recordSpeech,
  startModule,
  startPreview,
  ui,
  waitForHydratedPlayer,
} from './player';

/**
 * A lesson module played from its start to its end screen in its own browser context, as every
 * module's spec plays it (a girl from /play, or a facilitator's preview for a module played only
 * with a group), and what every such run must show. A spec adds what is particular to its module.
 */

/** The browser's locale for each language a girl can play in. */
export const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/** A signed-in facilitator's cookies, to open many browser contexts with. */
export type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Signs the demo facilitator in over HTTP, once (the sign-in is rate-limited per account: call it once per worker). */
export async function facilitatorCookies(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string): Promise<SignedIn> {
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
  await signInRequest(request, baseURL, demoAccount('facilitator'));
  const cookies = await request.storageState();
  await request.dispose();
  return cookies;
}

export interface ModuleStart {
  moduleId: string;
  variant: Variant;
  language: Language;
  javaScript: boolean;
  /** A facilitator's preview with these cookies (/facilitate/preview); absent: a girl starting it at /play. */
  facilitator?: SignedIn;
  /** A touch screen (for taps). */
  hasTouch?: boolean;
}

export interface OpenedModule {
  context: BrowserContext;
  page: Page;
  /** Every request the context made, with what it posted. */
  requests: ReturnType<typeof recordRequests>;
  participantId: string;
  /** The lesson as the server resolved it, before any answer. */
  lesson: LessonData;
  /** Whether the browser can speak (roma shows read-aloud buttons only then). */
  speech: boolean;
}

/**
 * A browser context of its own (its own address, the locale of the language she plays in,
 * speech recorded), the module started in it and its lesson read: she has answered nothing yet.
 */
export async function openModule(browser: Browser, start: ModuleStart): Promise<OpenedModule> {
  const { moduleId, variant, language, javaScript, facilitator } = start;
  const context = await browser.newContext({
    storageState: facilitator,
    locale: locales[language],
    javaScriptEnabled: javaScript,
    hasTouch: start.hasTouch ?? false,
    extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() },
  });
  const requests = recordRequests(context);
  await recordSpeech(context);
  const page = await context.newPage();
  const how = { moduleId, variant, language, pageLanguage: language };
  const participantId = facilitator ? await startPreview(page, how) : await startModule(page, how);
  if (javaScript) await waitForHydratedPlayer(page);
  else await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  const speech = javaScript && (await page.evaluate(() => 'speechSynthesis' in window));
  const lesson = await lessonData(page, participantId);
  expect(lesson).toMatchObject({ participantId, variant, language, events: [] });
  return { context, page, requests, participantId, lesson, speech };
}

export interface ModuleRun extends ModuleStart {
  /** Which option, boxes and categories she picks: seeds walk different branches (see playToEnd). */
  seed: number;
  /** axe on every kind of screen. */
  axe?: boolean;
  /** Try the sort's "done" once with nothing placed first: the player must refuse and say why. */
  tryIncompleteSort?: boolean;
}

/**
 * The runs with JavaScript every module gets: the standard variant in all three languages (seeds
 * 0, 1 and 2: each option of a three-way choice), each other variant in one language (slechthorend
 * in French, roma in English) with the seed the module gives it, and axe on the Dutch standard run
 * and on every other variant. The slow runs (axe) come first, so that the workers finish together.
 */
export function everyVariantRuns(moduleId: string, seeds: { slechthorend: number; roma: number }): ModuleRun[] {
  const run = (variant: Variant, language: Language, seed: number, axe: boolean): ModuleRun => ({ moduleId, variant, language, javaScript: true, seed, axe });
  return [
    run('standard', 'nl', 0, true),
    run('slechthorend', 'fr', seeds.slechthorend, true),
    run('roma', 'en', seeds.roma, true),
    run('standard', 'fr', 1, false),
    run('standard', 'en', 2, false),
  ];
}

/**
 * What every run that reached the end must show: every step she left logged by the server in
 * order (with JavaScript: saved, one background post each, nothing left on the tablet; without:
 * one form post each and no background post), the end screen, no request to another site, her
 * private note never sent, and with roma one option read aloud where the browser can speak.
 */
export async function expectRunComplete(opened: OpenedModule, record: PlayRecord, run: ModuleRun, baseURL: string, privateNote?: string) {
  const { page, requests, participantId, lesson, speech } = opened;
  const { moduleId, variant, language, javaScript } = run;
  if (javaScript) await expectAllSaved(page, participantId);
  expect((await lessonData(page, participantId)).events, 'the server logged every step she left').toEqual(record.events);
  await expectEndScreen(page, lesson, { moduleId, variant, language });
  expectOnlyOwnOrigin(requests, baseURL);
  const posts = requests.filter((r) => r.method === 'POST');
  const backgroundPosts = posts.filter((r) => r.url.endsWith(`/play/p/${participantId}/events`));
  if (javaScript) {
    expect(backgroundPosts, 'one background post per step left').toHaveLength(record.events.length);
    expect(record.readAloudTried, 'roma: an option read aloud where the browser can speak').toHaveLength(variant === 'roma' && speech ? 1 : 0);
  } else {
    expect(backgroundPosts, 'background posts without JavaScript').toEqual([]);
    // One form post to her link per step left, and one for the sort tried with nothing placed.
    const formPosts = posts.filter((r) => new URL(r.url).pathname === `/play/p/${participantId}`);
    expect(formPosts, 'one form post per step left').toHaveLength(record.events.length + (run.tryIncompleteSort ? 1 : 0));
  }
  if (privateNote) {
    expect(
      requests.filter((r) => r.body.includes(privateNote)).map((r) => r.url),
      'requests carrying her private note',
    ).toEqual([]);
  }
}

/** The kinds of screen a run showed (a story by its mode, a feedback screen by the kind of step it answers), as axe is run per kind. */
export function screenKindsShown(lesson: LessonData, record: PlayRecord): string[] {
  const steps = new Map(lesson.module.steps.map((step) => [step.id, step]));
  const kindOf = (id: string) => {
    const step = steps.get(id)!;
    return step.type === 'story' ? `story-${step.mode}` : step.type;
  };
  return [...new Set(record.screens.map((screen) => (screen.startsWith('feedback-') ? `feedback-${steps.get(screen.slice(9))!.type}` : kindOf(screen))))];
}

/**
 * Plays the module from its start to its end screen in a context of its own and checks all that
 * expectRunComplete does; with JavaScript she writes a private note, and with axe every kind
 * of screen shown was checked. Returns what the spec checks for its module.
 */
export async function playModule(browser: Browser, baseURL: string, run: ModuleRun): Promise<{ lesson: LessonData; record: PlayRecord; kinds: string[] }> {
  const opened = await openModule(browser, run);
  const privateNote = run.javaScript ? `mijn eigen woorden ${Math.random().toString(36).slice(2, 10)}` : undefined;
  const record = await playToEnd(opened.page, opened.lesson, { ...run, speech: opened.speech, privateNote });
  await expectRunComplete(opened, record, run, baseURL, privateNote);
  const kinds = screenKindsShown(opened.lesson, record);
  if (run.axe) expect([...record.axeChecked].sort(), 'axe saw every kind of screen').toEqual([...kinds].sort());
  await opened.context.close();
  return { lesson: opened.lesson, record, kinds };
}

/** A screen skipToEnd went through, and whether it offered "skip". */
export interface SkippedScreen {
  step: string;
  skipOffered: boolean;
}

/**
 * Plays on from the current screen to the end screen, skipping every question that offers a
 * skip; a question without one gets its first option, any other screen "next" (a button, or
 * without JavaScript on a feedback screen a link). Returns the screens shown, the end included.
 */
export async function skipToEnd(page: Page, language: Language, options: { javaScript?: boolean } = {}): Promise<SkippedScreen[]> {
  const javaScript = options.javaScript ?? true;
  const t = (key: string) => ui(language, key);
  const player = page.locator('.player');
  const seen: SkippedScreen[] = [];
  for (let guard = 0; guard < 40; guard++) {
    // Without JavaScript each screen is a new document that streams in: its player (and its
    // data-step) is parsed before the buttons under it, so look for "skip" only once it is whole.
    await page.waitForLoadState('domcontentloaded');
    const step = (await player.getAttribute('data-step'))!;
    const type = (await player.getAttribute('data-step-type'))!;
    // A feedback screen carries the type of the step after it: only "next" there.
    const feedback = step.startsWith('feedback-');
    const skip = page.getByRole('button', { name: t('player.skip'), exact: true });
    const skipOffered = !feedback && (await skip.count()) > 0;
    seen.push({ step, skipOffered });
    if (type === 'end' && !feedback) return seen;
    if (skipOffered) await skip.click();
    else if (type === 'choice' && !feedback) await page.locator('.option-button').first().click();
    else
      await page
        .getByRole('button', { name: t('player.next'), exact: true })
        .or(page.getByRole('link', { name: t('player.next'), exact: true }))
        .click();
    // The next screen: with JavaScript at once, without it after the server's redirect.
    await expect(player).not.toHaveAttribute('data-step', step);
    if (!javaScript) await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  }
  throw new Error(`did not reach the end in 40 screens (${seen.map((screen) => screen.step).join(' → ')})`);
}
