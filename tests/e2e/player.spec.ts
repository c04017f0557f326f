import { type Browser, expect, test } from '@playwright/test';
import { fakeIp, newPersonContext } from './support/accounts';
import {
  type Language,
  type LessonData,
  type Variant,
  expectAllSaved,
  expectEndScreen,
  expectOnlyOwnOrigin,
  languages,
  lessonData,
  moduleTexts,
  playToEnd,
  recordRequests,
  recordSpeech,
  startModule,
  ui,
  variants,
  waitForHydratedPlayer,
} from './support/player';

/**
 * Issue 4: the lesson player, played as a girl would on a tablet, in real Chromium.
 * Module 1 ("Wie ben ik?") from /play to the end screen in every variant and language,
 * once without JavaScript, a reload and a second tablet in the middle, and axe on every
 * kind of screen in every variant.
 */

const moduleId = 'wie-ben-ik';
const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/** The steps from `from` (the module's start) up to (not including) `stop`, following `next`, as the loaded lesson has them. */
function stepsBefore(lesson: LessonData, stop: string, from: string = lesson.module.start): string[] {
  const ids: string[] = [];
  for (let id: string | undefined = from; id && id !== stop;) {
    expect(ids, `${stop} follows the start`).not.toContain(id);
    ids.push(id);
    id = lesson.module.steps.find((step) => step.id === id)?.next;
  }
  return ids;
}

// The runs are independent (each its own participant): spread them over the workers.
test.describe.configure({ mode: 'parallel' });

/** Every kind of screen module 1 shows in a variant, whatever branch is taken. */
function screenKinds(variant: Variant): string[] {
  const kinds = ['story-panels', 'story-chat', 'poll', 'choice', 'feedback-choice', 'offline', 'sort', 'feedback-sort', 'reflection', 'help', 'end'];
  // Roma turns the multiple-answer quiz into a picture story.
  return variant === 'roma' ? kinds : [...kinds, 'quiz', 'feedback-quiz'];
}

const runs = variants.flatMap((variant, v) =>
  languages.map((language, l) => ({
    variant,
    language,
    // Run index: which option, boxes and categories she picks. Per variant, the three
    // languages take option 0, 1 and 2 at every three-way choice, so every branch is walked.
    seed: v * languages.length + l,
    // axe once per variant, each variant in another language.
    axe: v === l,
    // The tablet's own language is not always the one she plays in.
    tabletLanguage: languages[(v + l) % languages.length]!,
  })),
);

// The slow runs (with axe) first, so that the two workers finish together.
for (const { variant, language, seed, axe, tabletLanguage } of [...runs.filter((r) => r.axe), ...runs.filter((r) => !r.axe)]) {
  test(`module 1, ${variant} × ${language}: start to end with JavaScript${axe ? ', axe on every kind of screen' : ''}`, async ({ browser, baseURL }) => {
    // axe opens a page of its own for every check: on a busy machine a run with axe takes a while.
    test.setTimeout(axe ? 240_000 : 90_000);
    const context = await newPersonContext(browser, locales[tabletLanguage]);
    const requests = recordRequests(context);
    await recordSpeech(context);
    const page = await context.newPage();

    const participantId = await startModule(page, { moduleId, variant, language, pageLanguage: tabletLanguage });
    await waitForHydratedPlayer(page);
    // Roma shows read-aloud buttons only where the browser can speak; the runs assert them present, or absent.
    const speech = await page.evaluate(() => 'speechSynthesis' in window);
    test.info().annotations.push({ type: 'speechSynthesis', description: String(speech) });
    const lesson = await lessonData(page, participantId);
    expect(lesson).toMatchObject({ participantId, variant, language, events: [] });

    const privateNote = `mijn eigen woorden ${Math.random().toString(36).slice(2, 10)}`;
    const record = await playToEnd(page, lesson, { moduleId, variant, language, seed, javaScript: true, axe, speech, privateNote });

    // Every answer reached the server, in order, and nothing waits on the device.
    await expectAllSaved(page, participantId);
    expect((await lessonData(page, participantId)).events, 'the server logged every step she left').toEqual(record.events);
    const posts = requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/play/p/${participantId}/events`));
    expect(posts, 'one background post per answer').toHaveLength(record.events.length);

    // A reload at the end still shows the end.
    await expectEndScreen(page, lesson, { moduleId, variant, language });
    await page.reload();
    await waitForHydratedPlayer(page);
    await expectEndScreen(page, lesson, { moduleId, variant, language });
    await expect(page.locator('.player__save')).toHaveAttribute('data-save-state', 'saved');

    // Playing asks nothing of any other site, and her private reflection never left the tablet.
    expectOnlyOwnOrigin(requests, baseURL!);
    expect(
      requests.filter((r) => r.body.includes(privateNote)).map((r) => r.url),
      'requests carrying her private note',
    ).toEqual([]);

    if (axe) expect([...record.axeChecked].sort(), 'axe saw every kind of screen').toEqual(screenKinds(variant).sort());
    // Roma: one read-aloud tried where the browser can speak (headless Chromium can); none elsewhere.
    expect(record.readAloudTried).toHaveLength(variant === 'roma' && speech ? 1 : 0);
    await context.close();
  });
}

async function noScriptContext(browser: Browser, language: Language) {
  return browser.newContext({ javaScriptEnabled: false, locale: locales[language], extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
}

for (const [variant, language] of [
  ['roma', 'nl'],
  ['standard', 'fr'],
] as const) {
  test(`module 1, ${variant} × ${language}: start to end without JavaScript, through server round trips`, async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const context = await noScriptContext(browser, language);
    const requests = recordRequests(context);
    const page = await context.newPage();
    const participantId = await startModule(page, { moduleId, variant, language, pageLanguage: language });
    await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    const lesson = await lessonData(page, participantId);

    const record = await playToEnd(page, lesson, { moduleId, variant, language, seed: 1, javaScript: false, tryIncompleteSort: true });
    expect(
      record.screens.some((screen) => screen.startsWith('feedback-')),
      'feedback screens were shown',
    ).toBe(true);
    await expectEndScreen(page, lesson, { moduleId, variant, language });
    expect((await lessonData(page, participantId)).events, 'the server logged every step she left').toEqual(record.events);

    // Every step went as a plain form post to the participant link; no background posts.
    const posts = requests.filter((r) => r.method === 'POST');
    expect(
      posts.filter((r) => r.url.includes('/events')),
      'background posts without JavaScript',
    ).toEqual([]);
    // One post per step left, plus the sort tried once with nothing placed.
    expect(posts.filter((r) => new URL(r.url).pathname === `/play/p/${participantId}`)).toHaveLength(record.events.length + 1);
    expectOnlyOwnOrigin(requests, baseURL!);

    await page.reload();
    await expectEndScreen(page, lesson, { moduleId, variant, language });
    await context.close();
  });
}

test('a reload in the middle resumes at the same step with the same answers; her link opens nothing on another device, and goes on from there in a second tab', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const language = 'nl';
  const variant = 'standard';
  const t = (key: string) => ui(language, key);
  const first = await newPersonContext(browser, locales.nl);
  const page = await first.newPage();
  const participantId = await startModule(page, { moduleId, variant, language, pageLanguage: 'nl' });
  await waitForHydratedPlayer(page);
  const lesson = await lessonData(page, participantId);

  // welkom, afspraken (the steps before the first question) → gevoel (option 1) → chat-foto → advies-foto: "laten staan" → feedback → lina-trots.
  const played = await playToEnd(page, lesson, { moduleId, variant, language, seed: 1, javaScript: true, until: 'lina-trots' });
  expect(played.screens).toEqual([...stepsBefore(lesson, 'gevoel'), 'gevoel', 'chat-foto', 'advies-foto', 'feedback-advies-foto', 'lina-trots']);
  expect(played.events).toContainEqual({ type: 'ANSWER', step: 'advies-foto', answer: { option: 'laten-staan' } });
  await expectAllSaved(page, participantId);
  const progressBefore = await page.locator('.player__progress').textContent();

  await page.reload();
  await waitForHydratedPlayer(page);
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'lina-trots');
  await expect(page.locator('.player__progress')).toHaveText(progressBefore!);
  expect((await lessonData(page, participantId)).events, 'the same answers after the reload').toEqual(played.events);

  // The start page offers to go on where she was, to the same step.
  await page.goto('/play');
  await page.getByRole('link', { name: t('play.resume'), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/play/p/${participantId}$`));
  await waitForHydratedPlayer(page);
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'lina-trots');

  // "Terug" shows the step before: the choice she made (its answer is dropped by going back).
  await page.getByRole('button', { name: t('player.back'), exact: true }).click();
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'advies-foto');
  await expect(page.locator('.player .step__question')).toHaveText(moduleTexts(moduleId, variant, language)('steps.advies-foto.prompt'));
  await expectAllSaved(page, participantId);
  const afterBack = [...played.events, { type: 'BACK' }];
  expect((await lessonData(page, participantId)).events).toEqual(afterBack);

  // Her link on another device (in English) opens nothing: it works only with her own
  // participant cookie (decision 0013), and says no more than an unknown link.
  const second = await newPersonContext(browser, locales.en);
  const elsewhere = await second.newPage();
  expect((await elsewhere.goto(`/play/p/${participantId}`))?.status()).toBe(404);
  expect((await elsewhere.request.get(`/play/p/${participantId}?_data=${encodeURIComponent('routes/play.p.$participant')}`)).status()).toBe(404);
  // A second tab of her own browser opens it, at the same step.
  const other = await first.newPage();
  await other.goto(`/play/p/${participantId}`);
  await expect(other.locator('html')).toHaveAttribute('lang', 'nl');
  await waitForHydratedPlayer(other);
  await expect(other.locator('.player')).toHaveAttribute('data-step', 'advies-foto');
  // There she answers one step: "haal de foto weg" leads (through the story every advice hears) to the quiz about filters.
  const there = await playToEnd(other, { ...lesson, events: afterBack }, { moduleId, variant, language, seed: 0, javaScript: true, until: 'filter-weetje' });
  const advice = lesson.module.steps.find((step) => step.id === 'advies-foto')!.options!.find((option) => option.id === 'verwijderen')!;
  expect(there.events).toContainEqual({ type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } });
  expect(there.screens).toEqual(['advies-foto', 'feedback-advies-foto', ...stepsBefore(lesson, 'filter-weetje', advice.next), 'filter-weetje']);
  await expectAllSaved(other, participantId);

  // The first tab, after a reload, is at the new step, and plays on to the end from there.
  await page.reload();
  await waitForHydratedPlayer(page);
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'filter-weetje');
  const serverLog = (await lessonData(page, participantId)).events;
  expect(serverLog).toEqual(there.events);
  const rest = await playToEnd(page, { ...lesson, events: serverLog }, { moduleId, variant, language, seed: 2, javaScript: true });
  await expectAllSaved(page, participantId);
  await expectEndScreen(page, lesson, { moduleId, variant, language });
  expect((await lessonData(page, participantId)).events).toEqual(rest.events);

  // And the second tab, reloaded, shows the end too.
  await other.reload();
  await expectEndScreen(other, lesson, { moduleId, variant, language });
  await first.close();
  await second.close();
});

for (const javaScript of [true, false]) {
  test(`Enter in a question's field answers it, never goes back (${javaScript ? 'with' : 'without'} JavaScript)`, async ({ browser, baseURL }) => {
    const context = javaScript ? await newPersonContext(browser, locales.nl) : await noScriptContext(browser, 'nl');
    const page = await context.newPage();
    const participantId = await startModule(page, { moduleId, variant: 'standard', language: 'nl', pageLanguage: 'nl' });
    // To the multiple-answer quiz (check boxes, a "check" button, and "back"), as the player would post it.
    const lesson = await lessonData(page, participantId);
    const nexts = (ids: string[]) => ids.map(() => ({ type: 'NEXT' }));
    const advice = lesson.module.steps.find((step) => step.id === 'advies-foto')!.options!.find((option) => option.id === 'verwijderen')!;
    const events = [
      ...nexts(stepsBefore(lesson, 'gevoel')),
      { type: 'ANSWER', step: 'gevoel', answer: { option: 'blij' } },
      ...nexts(stepsBefore(lesson, 'advies-foto', 'chat-foto')),
      { type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } },
      ...nexts(stepsBefore(lesson, 'filter-weetje', advice.next)),
    ];
    for (const [index, event] of events.entries()) {
      const posted = await page.request.post(`/play/p/${participantId}/events`, {
        data: JSON.stringify({ sequence: index + 1, event }),
        headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
      });
      expect(posted.status(), JSON.stringify(event)).toBe(200);
    }
    await page.reload();
    if (javaScript) await waitForHydratedPlayer(page);
    await expect(page.locator('.player')).toHaveAttribute('data-step', 'filter-weetje');
    const box = page.getByRole('checkbox').first();
    await box.check();
    await box.press('Enter');
    await expect(page.locator('.player')).toHaveAttribute('data-step', 'feedback-filter-weetje');
    await context.close();
  });
}

test("a step's picture loading late does not move the buttons under her finger", async ({ browser }) => {
  const context = await browser.newContext({ locale: locales.nl, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
  const page = await context.newPage();
  // The module's pictures wait until the test lets them through, as on a slow Wi-Fi.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/modules/**/*.svg', async (route) => {
    await released;
    await route.continue();
  });
  await startModule(page, { moduleId, variant: 'standard', language: 'nl', pageLanguage: 'nl' });
  await waitForHydratedPlayer(page);
  const picture = page.locator('.player .step__illustration').first();
  await expect(picture).toBeAttached();
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the picture is still loading').toBe(false);
  const next = page.getByRole('button', { name: ui('nl', 'player.next'), exact: true });
  const before = await next.boundingBox();

  release();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const after = await next.boundingBox();
  expect(before).not.toBeNull();
  expect(after?.y, 'the button stays where it was').toBe(before!.y);
  await context.close();
});
