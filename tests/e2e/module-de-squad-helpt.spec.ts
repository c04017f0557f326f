import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { demoAccount, newPersonContext, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { type SignedIn, everyVariantRuns, facilitatorCookies, locales, playModule } from './support/module-runs';
import { approve, grantSessionException, newPerson, postForm, registrationForm, signedInPerson } from './support/people';
import { moduleTexts, ui } from './support/player';

/**
 * Issue 16: module 5 ("De squad helpt", teen pimps) and the programme of five modules.
 * Module 5 is never offered to a girl alone, so it is played here as a facilitator plays it
 * through before a session (the preview: the same player, never counted): to the end in every
 * variant, languages rotating and all three for the standard one, once without JavaScript,
 * axe on every kind of screen. Then the programme in order at /play and on the home page, and
 * the console's warning before module 5 for an organisation whose groups have not played the
 * modules before it.
 */

const moduleId = 'de-squad-helpt';

test.describe.configure({ mode: 'parallel' });

// One sign-in per worker (the sign-in is rate-limited per account): the facilitator's cookies.
let facilitator: SignedIn;
test.beforeAll(async ({ playwright, baseURL }) => {
  facilitator = await facilitatorCookies(playwright, baseURL!);
});

/** The girls' modules as content says: id, order and solo flag from each module.yaml. */
function programmeFromContent(): { id: string; order: number; solo: string }[] {
  return readdirSync('content/modules', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => parse(readFileSync(`content/modules/${entry.name}/module.yaml`, 'utf8')) as { id: string; order: number; audience: string; solo?: string })
    .filter((module) => module.audience === 'girls')
    .map(({ id, order, solo }) => ({ id, order, solo: solo ?? 'allowed' }))
    .sort((a, b) => a.order - b.order);
}

/** Every kind of screen module 5 shows, on every path (through its branch stories or not). */
const screenKinds = [
  'story-panels',
  'story-chat',
  'poll',
  'choice',
  'feedback-choice',
  'quiz',
  'feedback-quiz',
  'sort',
  'feedback-sort',
  'offline',
  'reflection',
  'help',
  'end',
];

// Seeds pick the option at each choice: 0 takes every branch story (a phase, or helping
// safely), 1 and 2 go straight on. Languages rotate over the variants; standard has all three.
// Module 5 is never offered to a girl alone: each run is a facilitator's preview.
for (const run of everyVariantRuns(moduleId, { slechthorend: 0, roma: 0 })) {
  test(`module 5, ${run.variant} × ${run.language}: start to end with JavaScript${run.axe ? ', axe on every kind of screen' : ''}`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(run.axe ? 300_000 : 120_000);
    const { record, kinds } = await playModule(browser, baseURL!, { ...run, facilitator });

    // Never-your-fault and help on this path, help before the end; the branch stories on seed 0.
    const steps = record.screens.filter((screen) => !screen.startsWith('feedback-'));
    expect(steps).toEqual(expect.arrayContaining(['nooit-jouw-schuld', 'hulp', 'hulp-vragen', 'tijdlijn', 'veilig-helpen']));
    expect(steps.at(-2)).toBe('hulp');
    const branchStories = ['fase-inpalmen', 'fase-isoleren', 'niet-alleen'];
    if (run.seed === 0) expect(steps).toEqual(expect.arrayContaining(branchStories));
    else expect(steps.filter((step) => step === 'fase-inpalmen' || step === 'fase-isoleren')).toEqual([]);
    if (run.variant === 'slechthorend') expect(steps[0]).toBe('praatkaart');
    expect([...kinds].sort(), 'every kind of screen').toEqual([...screenKinds].sort());
  });
}

test('module 5, slechthorend × nl: start to end without JavaScript, through server round trips', async ({ browser, baseURL }) => {
  // Some thirty page loads: a generous ceiling for a busy machine.
  test.setTimeout(300_000);
  const { record } = await playModule(browser, baseURL!, { moduleId, variant: 'slechthorend', language: 'nl', javaScript: false, seed: 2, facilitator });
  expect(record.screens).toEqual(expect.arrayContaining(['praatkaart', 'nooit-jouw-schuld', 'hulp']));
});

test('the programme: /play and the home page list the modules in order; module 5 is not offered to a girl alone', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const programme = programmeFromContent();
  expect(programme.find((module) => module.id === moduleId)).toEqual({ id: moduleId, order: 5, solo: 'facilitated-only' });
  const context = await newPersonContext(browser, locales.nl);
  const page = await context.newPage();
  const t = (key: string) => ui('nl', key);

  await page.goto('/play');
  const cards = page.locator('ol.programme > li');
  await expect(cards).toHaveCount(programme.length);
  expect(await cards.evaluateAll((items) => items.map((item) => item.getAttribute('data-module')))).toEqual(programme.map((module) => module.id));
  for (const [index, module] of programme.entries()) {
    const card = cards.nth(index);
    const title = moduleTexts(module.id, 'standard', 'nl')('title');
    await expect(card.getByRole('heading', { name: title, exact: true })).toBeVisible();
    await expect(card).toContainText(t('programme.module').replace('{{order}}', String(module.order)));
    await expect(card).toContainText(moduleTexts(module.id, 'standard', 'nl')('summary'));
    const start = card.getByRole('button', { name: t('play.start').replace('{{title}}', title), exact: true });
    if (module.solo === 'facilitated-only') {
      await expect(start).toHaveCount(0);
      await expect(card.locator('form')).toHaveCount(0);
      await expect(card).toContainText(t('programme.facilitatedOnly'));
    } else {
      await expect(start).toBeVisible();
    }
  }
  await expect(cards.nth(programme.findIndex((module) => module.id === moduleId))).toContainText(/55/);
  expect(await axeViolations(page), 'axe on /play').toEqual([]);

  // A start posted by hand is not honoured: she is sent back to the programme, and nothing starts.
  const posted = await page.request.post('/play/start', {
    form: { module: moduleId, variant: 'standard', language: 'nl' },
    headers: { Origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(302);
  expect(posted.headers().location).toBe(`/play?module=${moduleId}`);
  expect(posted.headers()['set-cookie'] ?? '', 'no participant cookie').not.toMatch(/participant/i);

  await page.goto('/');
  const overview = page.locator('.programme-overview li');
  expect(await overview.evaluateAll((items) => items.map((item) => item.getAttribute('data-module')))).toEqual(programme.map((module) => module.id));
  await expect(overview.nth(programme.findIndex((module) => module.id === moduleId))).toContainText(t('programme.togetherOnly'));
  expect(await axeViolations(page), 'axe on the home page').toEqual([]);
  await context.close();
});

test("the console warns before module 5 when the organisation's groups have not played the modules before it, and never blocks", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const programme = programmeFromContent();
  const before5 = programme.filter((module) => module.order < 5);
  const titleOf = (id: string) => moduleTexts(id, 'standard', 'nl')('title');
  const t = (key: string) => ui('nl', key);

  // A facilitator of a new organisation: its groups have played nothing yet.
  const coordinator = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  const visitor = await newPerson(playwright, baseURL!);
  const form = registrationForm('new', {
    organisationId: 'new',
    orgName: `Leefgroep De Meidoorn ${Math.random().toString(36).slice(2, 8)}`,
    orgType: 'youth_care',
    orgPostalCode: '3500',
    orgMunicipality: 'Hasselt',
    orgRegion: 'limburg',
    confirmNew: 'yes',
  });
  const registered = await postForm(visitor, baseURL!, '/account/register', form);
  expect(registered.status(), 'registration with a new organisation').toBe(302);
  await approve(coordinator, baseURL!, form.email!);
  await grantSessionException(coordinator, baseURL!, form.email!);
  const context = await newPersonContext(browser, locales.nl);
  const page = await context.newPage();
  await signIn(page, { email: form.email!, password: form.password! });

  // The new-session form: the programme in order, nothing played, the warning at module 5.
  await page.goto('/facilitate/sessions/new');
  const choices = page.locator('.programme-choice');
  expect(await choices.evaluateAll((items) => items.map((item) => item.getAttribute('data-module')))).toEqual(programme.map((module) => module.id));
  for (const module of programme) await expect(page.getByTestId(`played-${module.id}`)).toContainText(t('programme.notPlayed'));
  const fifth = page.locator(`.programme-choice[data-module="${moduleId}"]`);
  for (const module of before5) await expect(fifth.getByTestId('programme-warning')).toContainText(`${module.order}. ${titleOf(module.id)}`);
  await expect(page.locator('.programme-choice[data-module="wie-ben-ik"]').getByTestId('programme-warning')).toHaveCount(0);
  expect(await axeViolations(page), 'axe on the new-session form').toEqual([]);

  // Starting module 5 anyway: the console warns, and the session starts all the same.
  const createSession = async (id: string) => {
    await page.goto('/facilitate/sessions/new');
    await page.getByRole('radio', { name: new RegExp(`^${titleOf(id).replace('?', '\\?')} ·`) }).check();
    await page.getByRole('button', { name: t('sessions.new.submit') }).click();
    await expect(page).toHaveURL(/\/facilitate\/sessions\/[0-9a-f-]{36}$/);
    // The address changes before React has drawn the console (the old form stays on screen
    // meanwhile, and <html> was hydrated already): wait for the console itself.
    await expect(page.locator('.console')).toHaveAttribute('data-status', 'lobby');
  };
  await createSession(moduleId);
  const warning = page.getByTestId('programme-warning');
  await expect(warning).toBeVisible();
  for (const module of before5) await expect(warning).toContainText(`${module.order}. ${titleOf(module.id)}`);
  expect(await axeViolations(page), 'axe on the console with the warning').toEqual([]);
  await page.getByRole('button', { name: t('sessions.console.start') }).click();
  await expect(page.locator('.console')).toHaveAttribute('data-status', 'running');
  await page.reload();
  await expect(page.getByTestId('programme-warning'), 'once started, the warning has done its work').toHaveCount(0);

  // Her groups play module 1: it counts, and module 5's warning no longer names it.
  await createSession('wie-ben-ik');
  await page.getByRole('button', { name: t('sessions.console.start') }).click();
  await expect(page.locator('.console')).toHaveAttribute('data-status', 'running');
  await page.goto('/facilitate/sessions/new');
  await expect(page.getByTestId('played-wie-ben-ik')).toContainText(t('programme.played_one').replace('{{count}}', '1'));
  await expect(page.getByTestId(`played-${moduleId}`)).toContainText(t('programme.played_one').replace('{{count}}', '1'));
  const stillMissing = before5.filter((module) => module.id !== 'wie-ben-ik');
  await createSession(moduleId);
  if (stillMissing.length === 0) await expect(page.getByTestId('programme-warning')).toHaveCount(0);
  else {
    await expect(page.getByTestId('programme-warning')).toBeVisible();
    await expect(page.getByTestId('programme-warning')).not.toContainText(`1. ${titleOf('wie-ben-ik')}`);
  }
  await coordinator.request.dispose();
  await visitor.request.dispose();
  await context.close();
});
