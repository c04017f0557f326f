import { expect, test } from '@playwright/test';
import { everyVariantRuns, openModule, playModule, skipToEnd } from './support/module-runs';
import { expectAllSaved, lessonData } from './support/player';

/**
 * Issue 15: module 2 ("Vriendschap en liefde") played to its end as a girl would, in real
 * Chromium: every variant in one language (rotating), the standard variant in all three,
 * once without JavaScript, once skipping every question; axe on every kind of screen the
 * module shows, in every variant. Every path passes "never your fault" and the help step.
 */

const moduleId = 'vriendschap-en-liefde';
const mustVisit = ['nooit-jouw-schuld', 'hulp'];
/** Every kind of screen module 2 shows, whatever branch is taken (the same in every variant). */
const screenKinds = ['story-panels', 'story-chat', 'poll', 'choice', 'feedback-choice', 'sort', 'feedback-sort', 'offline', 'reflection', 'help', 'end'];

test.describe.configure({ mode: 'parallel' });

// seed % 3 is the option taken at each of the three choices: 0 goes along / accepts / shares,
// 1 takes Lina / talks to Noor / refuses, 2 talks to someone / sets a limit / asks advice.
for (const run of everyVariantRuns(moduleId, { slechthorend: 2, roma: 1 })) {
  test(`module 2, ${run.variant} × ${run.language}: start to end with JavaScript${run.axe ? ', axe on every kind of screen' : ''}`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(run.axe ? 240_000 : 90_000);
    // "Who would you call at night?" is her private note: it stays on the tablet.
    const { record, kinds } = await playModule(browser, baseURL!, run);
    expect(record.screens).toEqual(expect.arrayContaining([...mustVisit, 'gezond-of-niet', 'vertrouwenshand', 'wie-bellen']));
    if (run.variant === 'slechthorend') expect(record.screens[0], 'the talking-card agreements come first').toBe('afspraken');
    expect([...kinds].sort(), 'every kind of screen').toEqual([...screenKinds].sort());
  });
}

test('module 2, standard × nl: start to end without JavaScript, through server round trips', async ({ browser, baseURL }) => {
  // A server round trip per screen: on a busy machine that takes a while.
  test.setTimeout(180_000);
  const { record } = await playModule(browser, baseURL!, {
    moduleId,
    variant: 'standard',
    language: 'nl',
    javaScript: false,
    seed: 2,
    tryIncompleteSort: true,
  });
  expect(record.screens).toEqual(expect.arrayContaining(mustVisit));
});

test('module 2, roma × fr: every question may be skipped, the squad advice too, and the path still passes "never your fault" and help', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, participantId } = await openModule(browser, { moduleId, variant: 'roma', language: 'fr', javaScript: true });
  const seen = (await skipToEnd(page, 'fr')).map(({ step }) => step);
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
