import { type Page, expect, test } from '@playwright/test';
import { fakeIp, newPersonContext } from './support/accounts';
import {
  type Language,
  type Variant,
  expectAllSaved,
  expectEndScreen,
  expectOnlyOwnOrigin,
  lessonData,
  playToEnd,
  recordRequests,
  recordSpeech,
  startModule,
  ui,
  waitForHydratedPlayer,
} from './support/player';

/**
 * Issue 15: module 2 ("Vriendschap en liefde") played to its end as a girl would, in real
 * Chromium: every variant in one language (rotating), the standard variant in all three,
 * once without JavaScript, once skipping every question; axe on every kind of screen the
 * module shows, in every variant. Every path passes "never your fault" and the help step.
 */

const moduleId = 'vriendschap-en-liefde';
const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };
const mustVisit = ['nooit-jouw-schuld', 'hulp'];
/** Every kind of screen module 2 shows, whatever branch is taken (the same in every variant). */
const screenKinds = ['story-panels', 'story-chat', 'poll', 'choice', 'feedback-choice', 'sort', 'feedback-sort', 'offline', 'reflection', 'help', 'end'];

test.describe.configure({ mode: 'parallel' });

// seed % 3 is the option taken at each of the three choices: 0 goes along / accepts / shares,
// 1 takes Lina / talks to Noor / refuses, 2 talks to someone / sets a limit / asks advice.
const runs: { variant: Variant; language: Language; seed: number; axe: boolean }[] = [
  { variant: 'standard', language: 'nl', seed: 0, axe: true },
  { variant: 'standard', language: 'fr', seed: 1, axe: false },
  { variant: 'standard', language: 'en', seed: 2, axe: false },
  { variant: 'slechthorend', language: 'fr', seed: 2, axe: true },
  { variant: 'roma', language: 'en', seed: 1, axe: true },
];

for (const { variant, language, seed, axe } of runs) {
  test(`module 2, ${variant} × ${language}: start to end with JavaScript${axe ? ', axe on every kind of screen' : ''}`, async ({ browser, baseURL }) => {
    test.setTimeout(axe ? 240_000 : 90_000);
    const context = await newPersonContext(browser, locales[language]);
    const requests = recordRequests(context);
    await recordSpeech(context);
    const page = await context.newPage();

    const participantId = await startModule(page, { moduleId, variant, language, pageLanguage: language });
    await waitForHydratedPlayer(page);
    const speech = await page.evaluate(() => 'speechSynthesis' in window);
    const lesson = await lessonData(page, participantId);
    expect(lesson).toMatchObject({ participantId, variant, language, events: [] });

    // "Who would you call at night?": her answer stays on the tablet.
    const privateNote = `iemand die ik vertrouw ${Math.random().toString(36).slice(2, 10)}`;
    const record = await playToEnd(page, lesson, { moduleId, variant, language, seed, javaScript: true, axe, speech, privateNote });
    expect(record.screens).toEqual(expect.arrayContaining([...mustVisit, 'gezond-of-niet', 'vertrouwenshand', 'wie-bellen']));
    if (variant === 'slechthorend') expect(record.screens[0], 'the talking-card agreements come first').toBe('afspraken');

    await expectAllSaved(page, participantId);
    expect((await lessonData(page, participantId)).events, 'the server logged every step she left').toEqual(record.events);
    await expectEndScreen(page, lesson, { moduleId, variant, language });
    expectOnlyOwnOrigin(requests, baseURL!);
    expect(
      requests.filter((r) => r.body.includes(privateNote)).map((r) => r.url),
      'requests carrying her private note',
    ).toEqual([]);
    if (axe) expect([...record.axeChecked].sort(), 'axe saw every kind of screen').toEqual([...screenKinds].sort());
    await context.close();
  });
}

test('module 2, standard × nl: start to end without JavaScript, through server round trips', async ({ browser, baseURL }) => {
  // A server round trip per screen: on a busy machine that takes a while.
  test.setTimeout(180_000);
  const context = await browser.newContext({ javaScriptEnabled: false, locale: locales.nl, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const participantId = await startModule(page, { moduleId, variant: 'standard', language: 'nl', pageLanguage: 'nl' });
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  const lesson = await lessonData(page, participantId);

  const record = await playToEnd(page, lesson, { moduleId, variant: 'standard', language: 'nl', seed: 2, javaScript: false, tryIncompleteSort: true });
  expect(record.screens).toEqual(expect.arrayContaining(mustVisit));
  await expectEndScreen(page, lesson, { moduleId, variant: 'standard', language: 'nl' });
  expect((await lessonData(page, participantId)).events, 'the server logged every step she left').toEqual(record.events);
  const posts = requests.filter((r) => r.method === 'POST');
  expect(
    posts.filter((r) => r.url.includes('/events')),
    'background posts without JavaScript',
  ).toEqual([]);
  // One post per step left, plus the sort tried once with nothing placed.
  expect(posts.filter((r) => new URL(r.url).pathname === `/play/p/${participantId}`)).toHaveLength(record.events.length + 1);
  expectOnlyOwnOrigin(requests, baseURL!);
  await context.close();
});

/** Plays to the end skipping every question that offers a skip; returns the steps shown. */
async function skipEverything(page: Page, language: Language): Promise<string[]> {
  const t = (key: string) => ui(language, key);
  const player = page.locator('.player');
  const seen: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const step = (await player.getAttribute('data-step'))!;
    const type = (await player.getAttribute('data-step-type'))!;
    seen.push(step);
    if (type === 'end' && !step.startsWith('feedback-')) return seen;
    const skip = page.getByRole('button', { name: t('player.skip'), exact: true });
    if (!step.startsWith('feedback-') && (await skip.count()) > 0) await skip.click();
    else await page.getByRole('button', { name: t('player.next'), exact: true }).click();
    await expect(player).not.toHaveAttribute('data-step', step);
  }
  throw new Error(`did not reach the end in 40 screens (${seen.join(' → ')})`);
}

test('module 2, roma × fr: every question may be skipped, the squad advice too, and the path still passes "never your fault" and help', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await newPersonContext(browser, locales.fr);
  const page = await context.newPage();
  const participantId = await startModule(page, { moduleId, variant: 'roma', language: 'fr', pageLanguage: 'fr' });
  await waitForHydratedPlayer(page);
  const seen = await skipEverything(page, 'fr');
  // A skip of Noor's advice shows where going along leads; of Lina's, how she ends up alone.
  expect(seen).toEqual(expect.arrayContaining(['noor-weg', 'lina-alleen', 'nee-zeggen', ...mustVisit]));
  expect(
    seen.filter((step) => step.startsWith('feedback-')),
    'no feedback on a skipped question',
  ).toEqual([]);
  expect(seen.at(-1)).toBe('einde');
  await expectAllSaved(page, participantId);
  const events = (await lessonData(page, participantId)).events;
  expect(events.filter((event) => event.type === 'SKIP').map((event) => event.step)).toEqual([
    'goede-vriendin',
    'advies-noor',
    'advies-lina',
    'gezond-of-niet',
    'mijn-grens',
  ]);
  await context.close();
});
