import { type Page, expect, test } from '@playwright/test';
import { demoAccount, newPersonContext, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { type ModuleRun, everyVariantRuns, expectRunComplete, openModule, playModule } from './support/module-runs';
import { moduleTexts, playToEnd, ui } from './support/player';
import { type Step, answerStep, expectedBars, facilitatorState, joinAsTablet, majority, nl, tabletModule, tabletScreen } from './support/sessions';

/**
 * Issue 16, module 4 ("Vertrouwen en nee zeggen"): played as a girl would, from /play to the
 * end screen, in every variant (languages rotating; the standard module in all three), with
 * axe on every kind of screen it shows; once without JavaScript, skipping the last piece of
 * advice; and once in "together" mode on three tablets, where the group's most-chosen option
 * leads the story.
 */

const moduleId = 'vertrouwen-en-nee-zeggen';
// Every path shows each of these: the three stories in panels and in chats, the trust poll,
// the squad's advice and its feedback, the gift-or-trap sort, two offline activities, her
// private note, the help and the end.
const screenKinds = ['story-panels', 'story-chat', 'poll', 'choice', 'feedback-choice', 'sort', 'offline', 'reflection', 'help', 'end'];

test.describe.configure({ mode: 'parallel' });

// The standard module in all three languages; seeds 0, 1, 2 take each of the three pieces of
// advice at every choice, so every branch (Sam tells Ilse, the favour, Lina's night) is walked.
for (const run of everyVariantRuns(moduleId, { slechthorend: 2, roma: 0 })) {
  test(`module 4, ${run.variant} × ${run.language}: start to end with JavaScript${run.axe ? ', axe on every kind of screen' : ''}`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(run.axe ? 240_000 : 120_000);
    const { lesson, record, kinds } = await playModule(browser, baseURL!, run);
    const ids = lesson.module.steps.map((step) => step.id);
    expect(ids, 'the never-your-fault story and the help step are in the lesson').toEqual(expect.arrayContaining(['nooit-jouw-schuld', 'hulp']));
    expect(ids.includes('afspraken'), 'the talking-card step only for hard-of-hearing girls').toBe(run.variant === 'slechthorend');
    // Whatever the squad advised, the story passes never-your-fault, then the help, then the end.
    expect(record.screens).toContain('nooit-jouw-schuld');
    expect(record.screens.slice(-2)).toEqual(['hulp', 'einde']);
    // Seeds 0–2 pick the first, second or third piece of advice at every choice: their own branches.
    const branchOnly = ['sam-vertelt', 'gunst-gevolg', 'lina-slaapt-weg'];
    const expectedBranch = [['gunst-gevolg', 'lina-slaapt-weg'], [], ['sam-vertelt']][run.seed % 3]!;
    expect(record.screens.filter((screen) => branchOnly.includes(screen))).toEqual(expectedBranch);
    expect(kinds).toEqual(expect.arrayContaining(screenKinds));
  });
}

test('module 4, standard × nl: start to end without JavaScript, skipping the advice for Noor, through server round trips', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const run: ModuleRun = { moduleId, variant: 'standard', language: 'nl', javaScript: false, seed: 1, tryIncompleteSort: true };
  const { variant, language } = run;
  const opened = await openModule(browser, run);
  const { page, lesson } = opened;

  // Up to the advice for Noor (the sort tried once with nothing placed: refused, and why).
  const before = await playToEnd(page, lesson, { ...run, until: 'advies-noor' });
  await expect(page.locator('.player .step__question')).toHaveText(moduleTexts(moduleId, variant, language)('steps.advies-noor.prompt'));
  // "I'd rather skip" on squad advice too: no feedback, the story goes on to the four steps.
  await page.getByRole('button', { name: ui(language, 'player.skip'), exact: true }).click();
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'vier-stappen');
  const skipped = [...before.events, { type: 'SKIP', step: 'advies-noor' }];
  const after = await playToEnd(page, { ...lesson, events: skipped }, { ...run, tryIncompleteSort: false });
  expect(after.screens.slice(0, 2)).toEqual(['vier-stappen', 'nooit-jouw-schuld']);
  expect(after.screens.slice(-2)).toEqual(['hulp', 'einde']);
  // The skip included: the server logged it, and it was a form post of its own.
  await expectRunComplete(opened, after, run, baseURL!);
  await opened.context.close();
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
