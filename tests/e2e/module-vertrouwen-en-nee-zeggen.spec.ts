import { type Browser, type Page, expect, test } from '@playwright/test';
import { demoAccount, fakeIp, newPersonContext, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import {
  type Language,
  type Variant,
  expectAllSaved,
  expectEndScreen,
  expectOnlyOwnOrigin,
  lessonData,
  moduleTexts,
  playToEnd,
  recordRequests,
  recordSpeech,
  startModule,
  ui,
  waitForHydratedPlayer,
} from './support/player';
import { type Step, answerStep, expectedBars, facilitatorState, joinAsTablet, majority, nl, tabletModule, tabletScreen } from './support/sessions';

/**
 * Issue 16, module 4 ("Vertrouwen en nee zeggen"): played as a girl would, from /play to the
 * end screen, in every variant (languages rotating; the standard module in all three), with
 * axe on every kind of screen it shows; once without JavaScript, skipping the last piece of
 * advice; and once in "together" mode on three tablets, where the group's most-chosen option
 * leads the story.
 */

const moduleId = 'vertrouwen-en-nee-zeggen';
const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };
// Every path shows each of these: the three stories in panels and in chats, the trust poll,
// the squad's advice and its feedback, the gift-or-trap sort, two offline activities, her
// private note, the help and the end.
const screenKinds = ['story-panels', 'story-chat', 'poll', 'choice', 'feedback-choice', 'sort', 'offline', 'reflection', 'help', 'end'];

test.describe.configure({ mode: 'parallel' });

const runs: { variant: Variant; language: Language; seed: number; axe: boolean }[] = [
  // The standard module in all three languages; seeds 0, 1, 2 take each of the three pieces of
  // advice at every choice, so every branch (Sam tells Ilse, the favour, Lina's night) is walked.
  { variant: 'standard', language: 'nl', seed: 0, axe: true },
  { variant: 'standard', language: 'fr', seed: 1, axe: false },
  { variant: 'standard', language: 'en', seed: 2, axe: false },
  { variant: 'slechthorend', language: 'fr', seed: 2, axe: true },
  { variant: 'roma', language: 'en', seed: 0, axe: true },
];

for (const { variant, language, seed, axe } of runs) {
  test(`module 4, ${variant} × ${language}: start to end with JavaScript${axe ? ', axe on every kind of screen' : ''}`, async ({ browser, baseURL }) => {
    test.setTimeout(axe ? 240_000 : 120_000);
    const context = await newPersonContext(browser, locales[language]);
    const requests = recordRequests(context);
    await recordSpeech(context);
    const page = await context.newPage();
    const participantId = await startModule(page, { moduleId, variant, language, pageLanguage: language });
    await waitForHydratedPlayer(page);
    const speech = await page.evaluate(() => 'speechSynthesis' in window);
    const lesson = await lessonData(page, participantId);
    expect(lesson).toMatchObject({ participantId, variant, language, events: [] });
    const ids = lesson.module.steps.map((step) => step.id);
    expect(ids, 'the never-your-fault story and the help step are in the lesson').toEqual(expect.arrayContaining(['nooit-jouw-schuld', 'hulp']));
    expect(ids.includes('afspraken'), 'the talking-card step only for hard-of-hearing girls').toBe(variant === 'slechthorend');

    const privateNote = `mijn veilige persoon ${Math.random().toString(36).slice(2, 10)}`;
    const record = await playToEnd(page, lesson, { moduleId, variant, language, seed, javaScript: true, axe, speech, privateNote });
    // Whatever the squad advised, the story passes never-your-fault, then the help, then the end.
    expect(record.screens).toContain('nooit-jouw-schuld');
    expect(record.screens.slice(-2)).toEqual(['hulp', 'einde']);
    // Seeds 0–2 pick the first, second or third piece of advice at every choice: their own branches.
    const branchOnly = ['sam-vertelt', 'gunst-gevolg', 'lina-slaapt-weg'];
    const expectedBranch = [['gunst-gevolg', 'lina-slaapt-weg'], [], ['sam-vertelt']][seed % 3]!;
    expect(record.screens.filter((screen) => branchOnly.includes(screen))).toEqual(expectedBranch);

    await expectAllSaved(page, participantId);
    expect((await lessonData(page, participantId)).events, 'the server logged every step she left').toEqual(record.events);
    await expectEndScreen(page, lesson, { moduleId, variant, language });
    expectOnlyOwnOrigin(requests, baseURL!);
    expect(
      requests.filter((r) => r.body.includes(privateNote)).map((r) => r.url),
      'requests carrying her private note',
    ).toEqual([]);
    // The kinds of screen she saw (a feedback screen named after the kind of step it answers).
    const steps = new Map(lesson.module.steps.map((step) => [step.id, step]));
    const kindOf = (id: string) => (steps.get(id)!.type === 'story' ? `story-${steps.get(id)!.mode}` : steps.get(id)!.type);
    const shown = [
      ...new Set(record.screens.map((screen) => (screen.startsWith('feedback-') ? `feedback-${steps.get(screen.slice(9))!.type}` : kindOf(screen)))),
    ];
    expect(shown).toEqual(expect.arrayContaining(screenKinds));
    if (axe) expect([...record.axeChecked].sort(), 'axe saw every kind of screen').toEqual(shown.sort());
    expect(record.readAloudTried).toHaveLength(variant === 'roma' && speech ? 1 : 0);
    await context.close();
  });
}

async function noScriptContext(browser: Browser, language: Language) {
  return browser.newContext({ javaScriptEnabled: false, locale: locales[language], extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
}

test('module 4, standard × nl: start to end without JavaScript, skipping the advice for Noor, through server round trips', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const language = 'nl';
  const variant = 'standard';
  const context = await noScriptContext(browser, language);
  const requests = recordRequests(context);
  const page = await context.newPage();
  const participantId = await startModule(page, { moduleId, variant, language, pageLanguage: language });
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  const lesson = await lessonData(page, participantId);

  // Up to the advice for Noor (the sort tried once with nothing placed: refused, and why).
  const before = await playToEnd(page, lesson, { moduleId, variant, language, seed: 1, javaScript: false, tryIncompleteSort: true, until: 'advies-noor' });
  await expect(page.locator('.player .step__question')).toHaveText(moduleTexts(moduleId, variant, language)('steps.advies-noor.prompt'));
  // "I'd rather skip" on squad advice too: no feedback, the story goes on to the four steps.
  await page.getByRole('button', { name: ui(language, 'player.skip'), exact: true }).click();
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'vier-stappen');
  const skipped = [...before.events, { type: 'SKIP', step: 'advies-noor' }];
  const after = await playToEnd(page, { ...lesson, events: skipped }, { moduleId, variant, language, seed: 1, javaScript: false });
  expect(after.screens.slice(0, 2)).toEqual(['vier-stappen', 'nooit-jouw-schuld']);
  expect(after.screens.slice(-2)).toEqual(['hulp', 'einde']);
  await expectEndScreen(page, lesson, { moduleId, variant, language });
  expect((await lessonData(page, participantId)).events, 'the server logged every step she left, the skip included').toEqual(after.events);

  // Every step went as a plain form post to the participant link; no background posts.
  const posts = requests.filter((r) => r.method === 'POST');
  expect(
    posts.filter((r) => r.url.includes('/events')),
    'background posts without JavaScript',
  ).toEqual([]);
  // One post per step left, plus the sort tried once with nothing placed.
  expect(posts.filter((r) => new URL(r.url).pathname === `/play/p/${participantId}`)).toHaveLength(after.events.length + 1);
  expectOnlyOwnOrigin(requests, baseURL!);
  await context.close();
});

// ——— Together: three tablets, the facilitator follows the group's most-chosen advice.

type Answer = string | Record<string, string>;
const sortItems = ['trui', 'dure-gsm', 'ijsje', 'belkrediet', 'lift', 'kleren'];
const sortBy = (pick: (index: number) => string) => Object.fromEntries(sortItems.map((item, index) => [item, pick(index)]));
const togetherAnswers: Record<string, [Answer, Answer, Answer]> = {
  vertrouwen: ['luistert', 'niets-terug', 'niets-terug'],
  // "Tell someone first" wins: Sam shows the phone to Ilse.
  'advies-cadeau': ['vertellen', 'houden', 'vertellen'],
  // "Just do it" wins: the story shows what follows, and that she can still stop.
  'advies-gunst': ['doen', 'nee', 'doen'],
  'cadeau-of-val': [
    { trui: 'cadeau', 'dure-gsm': 'val', ijsje: 'cadeau', belkrediet: 'val', lift: 'hangt-af', kleren: 'val' },
    sortBy(() => 'hangt-af'),
    sortBy((i) => (i % 2 ? 'val' : 'cadeau')),
  ],
  // "Call 116 000" wins over "go to that friend": straight on to Noor.
  'advies-lina': ['child-focus', 'gaan', 'child-focus'],
  'advies-noor': ['vertellen', 'betalen', 'vertellen'],
};
const expectedTogetherPath = [
  'welkom',
  'vertrouwen',
  'cadeau',
  'advies-cadeau',
  'sam-vertelt',
  'gunst',
  'advies-gunst',
  'gunst-gevolg',
  'cadeau-of-val',
  'lina-weg',
  'advies-lina',
  'noor-dreiging',
  'advies-noor',
  'vier-stappen',
  'nooit-jouw-schuld',
  'stopkaarten',
  'hulpkaart',
  'bij-wie',
  'hulp',
  'einde',
];

/** The facilitator creates a together session of module 4 (standard, Dutch) on /facilitate/sessions/new; returns its id and code. */
async function createModule4Session(page: Page): Promise<{ id: string; code: string }> {
  const title = moduleTexts(moduleId, 'standard', 'nl')('title');
  await page.goto('/facilitate/sessions/new');
  await page.getByRole('radio', { name: new RegExp(`^${title} ·`) }).check();
  await page.getByRole('radio', { name: nl('play.variants.standard'), exact: true }).check();
  await page.getByRole('radio', { name: nl('language.names.nl'), exact: true }).check();
  await page.getByRole('radio', { name: new RegExp(`^${nl('sessions.pacing.together')} —`) }).check();
  await page.getByRole('button', { name: nl('sessions.new.submit') }).click();
  await expect(page).toHaveURL(/\/facilitate\/sessions\/[0-9a-f-]{36}$/);
  const id = /[0-9a-f-]{36}$/.exec(page.url())![0];
  const code = (await page.locator('.join-code').textContent())?.trim() ?? '';
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  return { id, code };
}

test("module 4 together: three tablets answer, the group's most-chosen advice leads the story, to the help and the end", async ({ browser }) => {
  test.setTimeout(180_000);
  const facilitatorContext = await newPersonContext(browser);
  const consolePage = await facilitatorContext.newPage();
  await signIn(consolePage, demoAccount('facilitator'));
  const { id: sessionId, code } = await createModule4Session(consolePage);
  const tablets = [
    await joinAsTablet(browser, { code, nickname: 'Zonnebloem', avatar: nl('join.avatars.owl') }),
    await joinAsTablet(browser, { code, nickname: 'Komeet', avatar: nl('join.avatars.fox') }),
    await joinAsTablet(browser, { code, nickname: 'Vlinder', avatar: nl('join.avatars.panda') }),
  ];
  await expect(consolePage.locator('[data-testid=joined-count]')).toHaveText(nl('sessions.console.joined_other', { count: 3 }));
  const module = await tabletModule(tablets[0]!);
  expect(module.id).toBe(moduleId);
  const steps = new Map<string, Step>(module.steps.map((step) => [step.id, step]));

  const showOnEveryTablet = async (stepId: string) => {
    await expect(consolePage.locator('.projector')).toHaveAttribute('data-step', stepId);
    for (const tablet of tablets) await expect(tabletScreen(tablet.page), `${tablet.name} follows to ${stepId}`).toHaveAttribute('data-step', stepId);
  };
  await consolePage.getByRole('button', { name: nl('sessions.console.start'), exact: true }).click();
  await showOnEveryTablet(module.start);

  const visited = [module.start];
  for (let current = module.start; ;) {
    const step = steps.get(current)!;
    const given = togetherAnswers[step.id];
    if (given) {
      await Promise.all(tablets.map((tablet, index) => answerStep(tablet.page, step, given[index]!)));
      await expect(consolePage.locator('[data-testid=answered-count]')).toHaveText(nl('sessions.console.answered', { count: 3, total: 3 }));
      await consolePage.getByRole('button', { name: nl('sessions.console.reveal'), exact: true }).click();
      await expect(consolePage.locator('.projector .result-bars__value')).toHaveText(expectedBars(step, given));
      if (step.id === 'advies-cadeau') {
        expect(await axeViolations(tablets[0]!.page), 'axe on a tablet showing the group results').toEqual([]);
        expect(await axeViolations(consolePage), 'axe on the console with results').toEqual([]);
      }
    }
    if (step.type === 'end') break;
    let next: string;
    if (step.type === 'choice') {
      // The console proposes the group's most-chosen advice; the facilitator follows it.
      const chosen = majority(step, given as string[]);
      const select = consolePage.locator('.projector select[name=option]');
      await expect(select, `the console proposes what the group chose at ${step.id}`).toHaveValue(chosen);
      next = step.options!.find((option) => option.id === chosen)!.next!;
      await consolePage.getByRole('button', { name: nl('sessions.console.nextBranch'), exact: true }).click();
    } else {
      next = step.next!;
      await consolePage.getByRole('button', { name: nl('player.next'), exact: true }).click();
    }
    await showOnEveryTablet(next);
    visited.push(next);
    current = next;
  }
  expect(visited).toEqual(expectedTogetherPath);

  await consolePage.locator('summary', { hasText: nl('sessions.console.end') }).click();
  await consolePage.getByRole('button', { name: nl('sessions.console.endConfirm'), exact: true }).click();
  for (const tablet of tablets) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'ended');
    expect(await tablet.page.locator('.help-list__item').count(), 'the closing help on every tablet').toBeGreaterThan(0);
  }
  const state = await facilitatorState(consolePage, sessionId);
  expect(state.status).toBe('ended');
  expect(state.finished).toBe(3);
  for (const tablet of tablets) await tablet.context.close();
  await facilitatorContext.close();
});
