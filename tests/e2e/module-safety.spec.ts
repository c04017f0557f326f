import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoAccount, newPersonContext, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { openModule, playModule, skipToEnd } from './support/module-runs';
import { signedInPerson } from './support/people';
import { moduleTexts, playToEnd, ui } from './support/player';
import { AppServer } from './support/server';
import { createSessionOverHttp, expectControlOk, facilitatorState, joinOverHttp, majority, newSessionPerson, postTogetherAnswer } from './support/sessions';

/**
 * Issue 10: module 1 safe to use with girls (decision 0010). Whatever a girl or a group
 * chooses, never-your-fault and help come on screen; a sort names each misplaced card; /play
 * offers only modules a girl may play alone; the facilitator's guide is accessible and prints.
 */
const moduleId = 'wie-ben-ik';
const mustSee = ['nooit-jouw-schuld', 'hulp'];

test('a girl who advises Lina to take her photo down hears the strengthening story, never-your-fault and help', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  // Seed 0: the first option everywhere, "take the photo down" (verwijderen) at advies-foto.
  const { record } = await playModule(browser, baseURL!, { moduleId, variant: 'standard', language: 'nl', javaScript: true, seed: 0 });
  expect(record.events.find((event) => event.step === 'advies-foto')?.answer).toEqual({ option: 'verwijderen' });
  expect(record.screens).toEqual(expect.arrayContaining(['lina-trots', ...mustSee]));
});

test('a girl who skips every question still reaches never-your-fault and help', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await openModule(browser, { moduleId, variant: 'standard', language: 'nl', javaScript: true });
  const screens = (await skipToEnd(page, 'nl')).map(({ step }) => step);
  expect(screens.at(-1)).toBe('einde');
  expect(screens).toEqual(expect.arrayContaining(mustSee));
  // Every question was skipped: no feedback screen came up.
  expect(screens.filter((screen) => screen.startsWith('feedback-'))).toEqual([]);
  await context.close();
});

test('a group in "together" mode that follows the most-chosen option passes never-your-fault and help', async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  const facilitator = await signedInPerson(playwright, baseURL!, demoAccount('facilitator'));
  const session = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const girls = await Promise.all([0, 1, 2].map(() => newSessionPerson(playwright, baseURL!)));
  await Promise.all(girls.map((girl, i) => joinOverHttp(girl, baseURL!, session.code, `Squad${i}${Math.random().toString(36).slice(2, 5)}`)));
  await expectControlOk(facilitator, baseURL!, session.id, { intent: 'start' });
  const seen: string[] = [];
  for (let turn = 0; turn < 40; turn += 1) {
    const state = await facilitatorState(facilitator, session.id);
    const stepId = state.step!;
    seen.push(stepId);
    if (stepId === 'einde') break;
    const choiceOptions = CHOICES[stepId];
    if (choiceOptions) {
      // Two girls choose the first option, one the second: the group follows the first.
      const given = [choiceOptions[0]!, choiceOptions[0]!, choiceOptions[1]!];
      for (const [i, girl] of girls.entries())
        expect((await postTogetherAnswer(girl, baseURL!, session.id, stepId, { option: given[i] })).status()).toBeLessThan(400);
      const chosen = majority({ id: stepId, type: 'choice', options: choiceOptions.map((id) => ({ id })) }, given);
      expect(chosen).toBe(choiceOptions[0]);
      await expectControlOk(facilitator, baseURL!, session.id, { intent: 'next', option: chosen });
    } else {
      await expectControlOk(facilitator, baseURL!, session.id, { intent: 'next' });
    }
  }
  expect(seen.at(-1)).toBe('einde');
  expect(seen).toEqual(expect.arrayContaining(mustSee));
});

/** Module 1's choices and their options (the group's most-chosen is the first here). */
const CHOICES: Record<string, string[]> = {
  'advies-foto': ['laten-staan', 'praten', 'verwijderen'],
  'mijn-foto': ['vragen', 'zwijgen', 'terugpesten'],
  'advies-dario': ['vertellen', 'sturen', 'blokkeren'],
};

test('a sort with misplaced cards names each card, where it belongs and why', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page, lesson } = await openModule(browser, { moduleId, variant: 'standard', language: 'nl', javaScript: true });
  await playToEnd(page, lesson, { moduleId, variant: 'standard', language: 'nl', seed: 0, javaScript: true, until: 'berichten-sorteren' });
  const text = moduleTexts(moduleId, 'standard', 'nl');
  // Everything under "oké": the secret from the care worker is one of the cards put wrong.
  for (const row of await page.locator('.sort__item').all())
    await row.getByRole('radio', { name: text('steps.berichten-sorteren.categories.oke'), exact: true }).check();
  await page.getByRole('button', { name: ui('nl', 'player.done'), exact: true }).click();
  const feedback = page.locator('.feedback');
  await expect(feedback.locator('.feedback__verdict')).toHaveText(ui('nl', 'player.sortLookAgain'));
  const secret = feedback.locator('.feedback__card[data-item="geheim"]');
  await expect(secret).toContainText(text('steps.berichten-sorteren.items.geheim'));
  await expect(secret).toContainText(ui('nl', 'player.sortBelongs').replace('{{category}}', text('steps.berichten-sorteren.categories.niet-oke')));
  await expect(secret).toContainText(text('steps.berichten-sorteren.why.geheim'));
  // A card placed right is not named.
  await expect(feedback.locator('.feedback__card[data-item="lach"]')).toHaveCount(0);
  await expect(feedback.locator('.feedback__text')).toHaveText(text('steps.berichten-sorteren.explanation'));
  await context.close();
});

test.describe('a module played only with a care worker', () => {
  let server: AppServer;
  test.beforeAll(async () => {
    // A server of its own starts, migrates and seeds: slow on a busy machine.
    test.setTimeout(240_000);
    // Module 1 as it is, and a copy of it marked facilitated-only.
    const root = mkdtempSync(path.join(tmpdir(), 'weerbaar-solo-'));
    cpSync(`content/modules/${moduleId}`, path.join(root, moduleId), { recursive: true });
    const copy = path.join(root, 'samen-spelen');
    cpSync(`content/modules/${moduleId}`, copy, { recursive: true });
    const yaml = readFileSync(path.join(copy, 'module.yaml'), 'utf8')
      .replace('id: wie-ben-ik', 'id: samen-spelen')
      .replace('order: 1', 'order: 2')
      .replace('solo: allowed', 'solo: facilitated-only');
    writeFileSync(path.join(copy, 'module.yaml'), yaml);
    const nl = JSON.parse(readFileSync(path.join(copy, 'locales/nl.json'), 'utf8')) as { title: string };
    nl.title = 'Samen spelen';
    writeFileSync(path.join(copy, 'locales/nl.json'), JSON.stringify(nl));
    server = await AppServer.start({ port: Number(process.env.SOLO_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 5), contentDir: root });
  });
  test.afterAll(async () => server?.stop());

  test('/play lists it without a start form, and a direct link says kindly to ask the care worker', async ({ browser }) => {
    const context = await newPersonContext(browser, 'nl-BE');
    const page = await context.newPage();
    await page.goto(`${server.baseURL}/play`);
    await expect(page.getByRole('heading', { name: 'Wie ben ik?', exact: true })).toBeVisible();
    // The programme lists every module in order (ADR 0011); one played with a care worker has no start form, only the note.
    const together = page.locator('ol.programme > li[data-module="samen-spelen"]');
    await expect(together.getByRole('heading', { name: 'Samen spelen', exact: true })).toBeVisible();
    await expect(together.locator('form')).toHaveCount(0);
    await expect(together).toContainText(ui('nl', 'programme.facilitatedOnly'));
    await expect(page.locator('form[action="/play/start"] input[name="module"][value="samen-spelen"]')).toHaveCount(0);
    // Girls never see a variant named after a group.
    await expect(page.getByText(ui('nl', 'play.variants.roma'))).toHaveCount(0);
    await page.goto(`${server.baseURL}/play?module=samen-spelen`);
    const notice = page.locator('[data-facilitated-only]');
    await expect(notice).toContainText(ui('nl', 'play.together.body'));
    await expect(page.locator('form[action="/play/start"]')).toHaveCount(0);
    // Posting the start form anyway leads to the same kind word, never to the player.
    const response = await page.request.post(`${server.baseURL}/play/start`, {
      form: { module: 'samen-spelen', variant: 'standard', language: 'nl' },
      headers: { Origin: server.baseURL },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe('/play?module=samen-spelen');
    await context.close();
  });
});

test.describe('the facilitator guide', () => {
  for (const [language, locale] of [
    ['nl', 'nl-BE'],
    ['fr', 'fr-BE'],
    ['en', 'en-GB'],
  ] as const) {
    test(`in ${language}: the guide of module 1 has no axe violations, and prints`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await newPersonContext(browser, locale);
      const page = await context.newPage();
      await signIn(page, demoAccount('facilitator'));
      await page.goto(`/facilitate/modules/${moduleId}/guide?variant=${language === 'fr' ? 'slechthorend' : 'standard'}`);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const guide = JSON.parse(readFileSync(`content/guides/${language}.json`, 'utf8')) as { headings: Record<string, string> };
      await expect(page.getByRole('heading', { level: 2, name: guide.headings.disclosure, exact: true })).toBeVisible();
      await expect(page.locator('.guide__script li[data-step="nooit-jouw-schuld"]')).toBeVisible();
      await expect(page.locator('.guide .help-list__item').first()).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      const pdf = await page.pdf({ format: 'A4' });
      test.info().annotations.push({ type: 'pdf bytes', description: String(pdf.length) });
      expect(pdf.length).toBeGreaterThan(10_000);
      await context.close();
    });
  }
});
