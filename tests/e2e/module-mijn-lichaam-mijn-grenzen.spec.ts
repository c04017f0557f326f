import { expect, test } from '@playwright/test';
import { type SignedIn, everyVariantRuns, facilitatorCookies, openModule, playModule } from './support/module-runs';
import { expectAllSaved, lessonData, moduleTexts, playToEnd, ui } from './support/player';

/**
 * Issue 15, module 3 ("Mijn lichaam, mijn grenzen"): facilitated-only, so it is played the way
 * a facilitator previews it before (or while) running it with a group — signed in, from
 * /facilitate/preview — to its end screen in each variant (one language each, and all three
 * for the standard one), once without JavaScript, with axe on every kind of screen it shows.
 * And the body map's tap on the silhouette itself.
 */

const moduleId = 'mijn-lichaam-mijn-grenzen';
// On every path, whatever is chosen or skipped (module.yaml's mustVisit).
const mustVisit = ['nooit-jouw-schuld', 'hulp'];

test.describe.configure({ mode: 'parallel' });

// One sign-in per worker (the sign-in is rate-limited per account): the facilitator's cookies.
let facilitator: SignedIn;
test.beforeAll(async ({ playwright, baseURL }) => {
  facilitator = await facilitatorCookies(playwright, baseURL!);
});

/** Every kind of screen the module shows on any path (a choice's option leads to a story or not: the kinds stay). */
const screenKinds = [
  'story-panels',
  'story-chat',
  'poll',
  'body-map',
  'choice',
  'feedback-choice',
  'quiz',
  'feedback-quiz',
  'offline',
  'reflection',
  'help',
  'end',
];

// Seeds 0, 1, 2 take every option of each three-way choice.
for (const run of everyVariantRuns(moduleId, { slechthorend: 2, roma: 1 })) {
  test(`module 3, ${run.variant} × ${run.language}: a facilitator's preview from start to end with JavaScript${run.axe ? ', axe on every kind of screen' : ''}`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(run.axe ? 300_000 : 180_000);
    const { record, kinds } = await playModule(browser, baseURL!, { ...run, facilitator });
    for (const step of mustVisit) expect(record.screens, `${step} on the path`).toContain(step);
    expect(record.screens).toContain('lichaamskaart');
    expect([...kinds].sort(), 'every kind of screen').toEqual([...screenKinds].sort());
  });
}

test("module 3, standard × en: a facilitator's preview from start to end without JavaScript", async ({ browser, baseURL }) => {
  // Every screen is a full page load: on a busy machine that takes a while.
  test.setTimeout(240_000);
  const { record } = await playModule(browser, baseURL!, { moduleId, variant: 'standard', language: 'en', javaScript: false, seed: 0, facilitator });
  for (const step of mustVisit) expect(record.screens).toContain(step);
});

test('module 3, the body map: a tap on the silhouette places the chosen icon on the nearest zone; the keyboard still works', async ({ browser }) => {
  test.setTimeout(120_000);
  const language = 'nl';
  const t = (key: string) => ui(language, key);
  const text = moduleTexts(moduleId, 'standard', language);
  const { context, page, participantId, lesson } = await openModule(browser, {
    moduleId,
    variant: 'standard',
    language,
    javaScript: true,
    facilitator,
    hasTouch: true,
  });
  const played = await playToEnd(page, lesson, { moduleId, variant: 'standard', language, seed: 0, javaScript: true, until: 'lichaamskaart' });
  expect(played.screens.at(-1)).toBe('lichaamskaart');

  await page.getByRole('radio', { name: text('steps.lichaamskaart.persons.dokter'), exact: true }).check();
  const tool = (icon: string) => page.locator('.body-map__palette').getByRole('button', { name: t(`player.icons.${icon}`) });
  await expect(tool('talk'), 'talking is chosen at first').toHaveAttribute('aria-pressed', 'true');
  await tool('look').tap();
  await expect(tool('look')).toHaveAttribute('aria-pressed', 'true');
  await expect(tool('talk')).toHaveAttribute('aria-pressed', 'false');

  // A finger on the drawing itself (in the silhouette's viewBox units, 100 × 220), not on a spot.
  const tapSilhouette = async (x: number, y: number) => {
    const silhouette = page.locator('.body-map__body');
    await silhouette.scrollIntoViewIfNeeded();
    const body = (await silhouette.boundingBox())!;
    const at = { x: body.x + (x / 100) * body.width, y: body.y + (y / 220) * body.height };
    const under = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('svg, .body-map__spot')?.getAttribute('class'), at);
    expect(under, `the tap at ${x}, ${y} lands on the silhouette`).toBe('body-map__silhouette');
    await page.touchscreen.tap(at.x, at.y);
  };
  // The lower leg, well below the legs' spot (41, 160).
  await tapSilhouette(41, 192);
  const legs = page.locator('.body-map__spot[data-drop="legs"]');
  const lookAtLegs = t('player.removeMark').replace('{{icon}}', t('player.icons.look')).replace('{{zone}}', text('steps.lichaamskaart.zones.legs'));
  await expect(legs.getByRole('button', { name: lookAtLegs, exact: true })).toBeVisible();
  const box = (value: string) => page.locator(`input[type="checkbox"][name="mark"][value="${value}"]`);
  await expect(box('look@legs')).toBeChecked();

  // The forearm, between the arms' spot (19, 72) and the hands' spot (19, 104), nearer the hands.
  await tool('touch').tap();
  await tapSilhouette(19, 92);
  await expect(box('touch@hands')).toBeChecked();
  await expect(page.locator('.body-map__spot[data-drop="hands"] .body-map__mark')).toHaveCount(1);
  await expect(box('touch@arms')).not.toBeChecked();

  // A tap on a mark takes it away (and places nothing).
  await legs.getByRole('button', { name: lookAtLegs, exact: true }).tap();
  await expect(box('look@legs')).not.toBeChecked();
  await expect(page.locator('.body-map__mark')).toHaveCount(1);

  // The keyboard: to a checkbox and Space; the mark shows on the silhouette too.
  await box('talk@head').focus();
  await page.keyboard.press('Space');
  await expect(box('talk@head')).toBeChecked();
  await expect(page.locator('.body-map__spot[data-drop="head"] .body-map__mark')).toHaveCount(1);

  await page.getByRole('button', { name: t('player.done'), exact: true }).click();
  await expect(page.locator('.player')).toHaveAttribute('data-step', 'wie-mag-wat');
  await expectAllSaved(page, participantId);
  const events = (await lessonData(page, participantId)).events;
  expect(events.at(-1)).toEqual({
    type: 'ANSWER',
    step: 'lichaamskaart',
    answer: {
      person: 'dokter',
      marks: [
        { icon: 'talk', zone: 'head' },
        { icon: 'touch', zone: 'hands' },
      ],
    },
  });
  await context.close();
});
