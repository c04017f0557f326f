import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { axeViolations } from './support/axe';
import { startInstance } from './support/instances';
import { type AppServer } from './support/server';
import { type Step, answerStep, createSessionInUi, facilitatorState, moduleText, nl, standardModule, tabletScreen } from './support/sessions';

// The signal must arrive on its own (no reload of the console); how fast is printed, not
// asserted: a busy machine is slow. This ceiling only catches a signal that never comes.
const careSignalCeilingMs = 15_000;

/**
 * A care facility's own Wi-Fi (issue 12, decisions 0014 and 0015): `npm start` on a laptop with
 * the default settings (production, no SECURE_COOKIES, no trusted proxy), the server bound to
 * the laptop's local-network address, everyone over plain HTTP at that address. A facilitator
 * signs in, the console's link and QR code name the address, a tablet with JavaScript and one
 * without follow the group to the end, and a girl's care signal reaches the console only.
 */

const port = Number(process.env.LAN_PORT ?? 3326);

/**
 * This machine's first non-loopback IPv4 address. A machine with none gets one of its own, as
 * a laptop on Wi-Fi has: a dummy interface (needs CAP_NET_ADMIN; the test says so if it cannot).
 */
function localNetworkAddress(): string {
  const find = () =>
    Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .find((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'))?.address;
  const found = find();
  if (found) return found;
  execFileSync('ip', ['link', 'add', 'weerbaar0', 'type', 'dummy']);
  execFileSync('ip', ['addr', 'add', '10.77.0.1/24', 'dev', 'weerbaar0']);
  execFileSync('ip', ['link', 'set', 'weerbaar0', 'up']);
  return find() ?? '10.77.0.1';
}

const address = localNetworkAddress();
let laptop: AppServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The defaults of `npm start`: no TRUST_PROXY, no SECURE_COOKIES, no PUBLIC_URL; info logs, to read the start-up lines.
  laptop = await startInstance({ name: 'lan', port, host: address, env: { TRUST_PROXY: '', SECURE_COOKIES: '', LOG_LEVEL: 'info' } });
});
test.afterAll(async () => {
  await laptop?.stop();
});

function demoFacilitator(): { email: string; password: string } {
  const accounts = JSON.parse(readFileSync(path.join(laptop.dataDir, 'demo-accounts.json'), 'utf8')) as { label: string; email: string; password: string }[];
  return accounts.find((a) => a.label === 'facilitator')!;
}

async function facilitatorOnLaptop(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: laptop.baseURL, locale: 'nl-BE' });
  const page = await context.newPage();
  await page.goto('/account/sign-in');
  // Never silently: the page says the site runs over plain HTTP, and what that means.
  await expect(page.locator('[data-transport="plainHttp"]')).toHaveText(nl('account.signIn.transport.plainHttp'));
  const { email, password } = demoFacilitator();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).not.toHaveURL(/\/account\/sign-in/);
  const cookies = await context.cookies();
  expect(
    cookies.find((c) => c.name === 'weerbaar_session'),
    'the plain session cookie',
  ).toMatchObject({ secure: false, httpOnly: true, sameSite: 'Lax' });
  return { context, page };
}

/** A tablet on the Wi-Fi opens the join link (with or without JavaScript) and joins. */
async function tabletJoins(browser: Browser, joinUrl: string, nickname: string, avatar: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ locale: 'nl-BE', javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(joinUrl);
  await page.getByLabel(nl('join.nickname.label'), { exact: true }).fill(nickname);
  await page.getByRole('radio', { name: nl(`join.avatars.${avatar}`), exact: true }).check();
  await page.getByRole('button', { name: nl('join.nickname.submit'), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^http://${address.replace(/\./g, '\\.')}:${port}/s/[A-Za-z0-9_-]{22}`));
  if (javaScriptEnabled) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  return { context, page, participantId: /\/s\/([A-Za-z0-9_-]{22})/.exec(page.url())![1]! };
}

/** The first option (or every item in the first category): the answer this test gives. */
function firstAnswer(step: Step): string | string[] | Record<string, string> {
  if (step.type === 'sort') return Object.fromEntries(step.items!.map((item) => [item.id, step.categories![0]!.id]));
  return step.multiple ? [step.options![0]!.id] : step.options![0]!.id;
}

/**
 * Presses the care button; returns how long until the console showed her signal (the test
 * prints it: the aim is within a second; the assertion is only a generous ceiling).
 */
async function careSignalReachesConsole(tablet: Page, consolePage: Page, nickname: string): Promise<number> {
  const started = Date.now();
  await tablet.getByRole('button', { name: nl('sessions.care.button') }).click();
  await expect(consolePage.locator('[data-testid=care-alerts]').getByText(nickname, { exact: true })).toBeVisible({ timeout: careSignalCeilingMs });
  const ms = Date.now() - started;
  await expect(tablet.locator('[data-care-sent]')).toContainText(nl('sessions.care.sentTitle'));
  return ms;
}

test('plain HTTP at the laptop’s network address with the default settings: sign-in works, the link and QR name the address, a tablet with JavaScript and one without follow to the closing help, and care signals reach the console only', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // The start-up log names the address tablets open, and says the site runs over plain HTTP.
  expect(laptop.log).toContain(`http://${address}:${port}`);
  expect(laptop.log).toMatch(/plain HTTP: cookies go without Secure/);

  const { page: consolePage } = await facilitatorOnLaptop(browser);
  const { id: sessionId, code } = await createSessionInUi(consolePage, 'together');
  const joinUrl = `http://${address}:${port}/j/${code}`;
  await expect(consolePage.getByTestId('join-url')).toHaveText(joinUrl);
  await expect(consolePage.getByTestId('join-lan-note')).toHaveText(nl('sessions.console.lanNote'));
  // The QR code carries the same link: the server's SVG is the one drawn for it.
  const qr = await consolePage.request.get(`/facilitate/sessions/${sessionId}/qr.svg`);
  expect(await qr.text()).toBe(await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));

  const withJs = await tabletJoins(browser, joinUrl, 'Sterretje', 'owl');
  const noJs = await tabletJoins(browser, joinUrl, 'Maanlicht', 'fox', false);
  await expect(tabletScreen(noJs.page)).toHaveAttribute('data-tablet-status', 'lobby');
  // A waiting screen without JavaScript reloads itself, and offers a reload link.
  await expect(noJs.page.locator('meta[http-equiv="refresh"]')).toHaveAttribute('content', `4;url=/s/${noJs.participantId}`);
  await expect(noJs.page.getByRole('link', { name: nl('sessions.tablet.reload') })).toBeVisible();
  expect(await axeViolations(withJs.page), 'axe on the waiting tablet with the care button').toEqual([]);

  // ——— Care signal in the lobby, with JavaScript: on the console (the time is printed), nowhere else.
  const projector = await consolePage.context().newPage();
  await projector.goto(`/facilitate/sessions/${sessionId}/projector`);
  await expect(projector.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const before = await facilitatorState({ request: consolePage.request }, sessionId);
  const jsMs = await careSignalReachesConsole(withJs.page, consolePage, 'Sterretje');
  console.log(`care signal (JavaScript, together) on the console after ${jsMs} ms`);
  expect(jsMs, 'a generous ceiling').toBeLessThan(careSignalCeilingMs);
  await expect(consolePage.locator('[data-testid=care-alerts] time')).toHaveCount(1);
  expect(await axeViolations(consolePage), 'axe on the console with a care signal').toEqual([]);
  const after = await facilitatorState({ request: consolePage.request }, sessionId);
  expect(after.participants).toEqual(before.participants);
  expect(after.aggregates).toEqual(before.aggregates);
  await expect(consolePage.getByTestId('joined-count')).toHaveText(nl('sessions.console.joined_other', { count: 2 }));
  await expect(projector.locator('body')).not.toContainText(nl('sessions.care.consoleTitle'));
  await expect(projector.locator('.care-alerts')).toHaveCount(0);
  // Pressed again while it waits: nothing new on the console.
  await withJs.page.getByRole('button', { name: nl('sessions.care.button') }).click();
  await expect(withJs.page.locator('[data-care-sent]')).toBeVisible();
  await expect(consolePage.locator('[data-care-signal]')).toHaveCount(1);
  // She goes to her and marks it seen: it leaves the console.
  await consolePage.getByRole('button', { name: nl('sessions.care.markSeen', { name: 'Sterretje' }) }).click();
  await expect(consolePage.locator('[data-care-signal]')).toHaveCount(0);

  // ——— The group plays the whole module; the no-JS tablet follows on its own and answers by form.
  const module = standardModule();
  const steps = new Map(module.steps.map((s) => [s.id, s]));
  await consolePage.getByRole('button', { name: nl('sessions.console.start') }).click();
  let noJsCareMs: number | undefined;
  let captionChecked = false;
  for (let moves = 0; moves < 40; moves++) {
    const state = await facilitatorState({ request: consolePage.request }, sessionId);
    const step = steps.get(state.step!)!;
    // No reload by the test: the tablet's own refresh brings the group's step.
    await expect(tabletScreen(noJs.page)).toHaveAttribute('data-step', step.id, { timeout: 15_000 });
    await expect(tabletScreen(withJs.page)).toHaveAttribute('data-step', step.id);
    if (step.type === 'sort') {
      // Easy reading on the sort step: one "read this screen" button, and at most one small speaker per message (issue 12).
      await withJs.page.getByRole('button', { name: nl('player.easyRead') }).click();
      const screen = withJs.page.locator('.tablet .step');
      await expect(screen.getByRole('button', { name: nl('player.readScreen') })).toHaveCount(1);
      const items = screen.locator('.sort__item');
      const counts: number[] = [];
      for (let i = 0; i < (await items.count()); i++) counts.push(await items.nth(i).locator('button.read-aloud').count());
      console.log(
        `sort step in easy reading: read-aloud controls per message ${JSON.stringify(counts)}, on the whole screen ${await screen.locator('button.read-aloud').count()}`,
      );
      expect(counts.length).toBeGreaterThan(0);
      for (const count of counts) expect(count).toBeLessThanOrEqual(1);
      await withJs.page.screenshot({ path: test.info().outputPath('sort-step-easy-read.png'), fullPage: true });
      expect(await axeViolations(withJs.page), 'axe on the sort step in easy reading').toEqual([]);
    }
    if (['poll', 'choice', 'quiz', 'sort'].includes(step.type)) {
      await answerStep(noJs.page, step, firstAnswer(step));
      await expect(noJs.page.locator('[data-answered="true"]')).toBeVisible();
    }
    if (step.type === 'poll' && !captionChecked) {
      // The projector names its chart above it (issue 12).
      captionChecked = true;
      const shown = await consolePage.request.post(`/facilitate/sessions/${sessionId}`, { form: { intent: 'reveal' }, headers: { Origin: laptop.baseURL } });
      expect(shown.status()).toBe(200);
      const caption = projector.locator('.overview__results-title');
      await expect(caption).toHaveText(nl('sessions.tablet.results'));
      expect(
        await caption.evaluate((p) =>
          Boolean(p.compareDocumentPosition(document.querySelector('.projector .result-bars')!) & Node.DOCUMENT_POSITION_FOLLOWING),
        ),
        'caption before the chart',
      ).toBe(true);
    }
    if (moves === 2) {
      // ——— Care signal without JavaScript, in the middle of the module.
      noJsCareMs = await careSignalReachesConsole(noJs.page, consolePage, 'Maanlicht');
      console.log(`care signal (no JavaScript, together) on the console after ${noJsCareMs} ms`);
      await expect(projector.locator('body')).not.toContainText(nl('sessions.care.consoleTitle'));
    }
    if (step.type === 'end') break;
    const option: Record<string, string> = step.type === 'choice' ? { option: step.options![0]!.id } : {};
    const moved = await consolePage.request.post(`/facilitate/sessions/${sessionId}`, {
      form: { intent: 'next', ...option },
      headers: { Origin: laptop.baseURL },
    });
    expect(moved.status(), `next from ${step.id}`).toBe(200);
  }
  expect(noJsCareMs, 'the no-JS care signal was sent').toBeDefined();
  expect(noJsCareMs!, 'a generous ceiling').toBeLessThan(careSignalCeilingMs);
  await expect(tabletScreen(noJs.page)).toHaveAttribute('data-step-type', 'end');
  expect(await axeViolations(withJs.page), 'axe on the last step with the new controls').toEqual([]);

  // ——— The end: the no-JS tablet shows the closing help on its own; the nicknames and signals go, a count stays.
  await consolePage.locator('.console__end summary').click();
  await consolePage.getByRole('button', { name: nl('sessions.console.endConfirm') }).click();
  await expect(tabletScreen(noJs.page)).toHaveAttribute('data-tablet-status', 'ended', { timeout: 15_000 });
  await expect(noJs.page.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.tablet.endedTitle'));
  await expect(noJs.page.locator('.help-resource, .help-list, li').first()).toBeVisible();
  await consolePage.reload();
  await expect(consolePage.getByTestId('care-signal-count')).toHaveText(nl('sessions.summary.careSignals_other', { count: 2 }));
  // The evaluation's "how useful" radios are grouped by step, each group named by its step.
  await expect(consolePage.getByRole('group', { name: new RegExp(`^1\\. ${nl('sessions.stepTypes.story')}`) })).toHaveCount(1);
  expect(await axeViolations(consolePage), 'axe on the summary and evaluation').toEqual([]);
  await expect(consolePage.locator('body')).not.toContainText('Maanlicht');
  await expect(consolePage.locator('body')).not.toContainText('Sterretje');
  const ended = await facilitatorState({ request: consolePage.request }, sessionId);
  expect(ended.participants.map((p) => p.nickname)).toEqual([null, null]);
  expect((ended as unknown as { careSignals: unknown[] }).careSignals).toEqual([]);
});

test('own pace over plain HTTP: the care signal reaches the console within a second, with and without JavaScript, never the projector; a solo player gets the help lines instead', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { page: consolePage } = await facilitatorOnLaptop(browser);
  const { id: sessionId, code } = await createSessionInUi(consolePage, 'own_pace');
  const joinUrl = `http://${address}:${port}/j/${code}`;
  const withJs = await tabletJoins(browser, joinUrl, 'Zonnestraal', 'panda');
  const noJs = await tabletJoins(browser, joinUrl, 'Wolkje', 'owl', false);
  await consolePage.getByRole('button', { name: nl('sessions.console.start') }).click();
  await expect(tabletScreen(withJs.page)).toHaveAttribute('data-tablet-status', 'running');
  const projector = await consolePage.context().newPage();
  await projector.goto(`/facilitate/sessions/${sessionId}/projector`);

  const jsMs = await careSignalReachesConsole(withJs.page, consolePage, 'Zonnestraal');
  console.log(`care signal (JavaScript, own pace) on the console after ${jsMs} ms`);
  expect(jsMs, 'a generous ceiling').toBeLessThan(careSignalCeilingMs);
  expect(await axeViolations(withJs.page), 'axe on the own-pace player with the care button').toEqual([]);
  // Without JavaScript the tablet refreshes itself every 4 s (a reload of ours could collide with it and abort).
  await expect(tabletScreen(noJs.page)).toHaveAttribute('data-tablet-status', 'running', { timeout: 15_000 });
  const noJsMs = await careSignalReachesConsole(noJs.page, consolePage, 'Wolkje');
  console.log(`care signal (no JavaScript, own pace) on the console after ${noJsMs} ms`);
  expect(noJsMs, 'a generous ceiling').toBeLessThan(careSignalCeilingMs);
  await expect(projector.locator('body')).not.toContainText(nl('sessions.care.consoleTitle'));
  const state = await facilitatorState({ request: consolePage.request }, sessionId);
  expect(
    Object.values(state.stepCounts).reduce((a, b) => a + b, 0),
    'every count is of the girls, not of signals',
  ).toBe(2);
  expect(state.finished).toBe(0);

  // Ended: the signals go with the nicknames.
  await consolePage.locator('.console__end summary').click();
  await consolePage.getByRole('button', { name: nl('sessions.console.endConfirm') }).click();
  await expect(tabletScreen(withJs.page)).toHaveAttribute('data-tablet-status', 'ended');
  await consolePage.reload();
  await expect(consolePage.getByTestId('care-signal-count')).toHaveText(nl('sessions.summary.careSignals_other', { count: 2 }));
  await expect(consolePage.locator('body')).not.toContainText('Wolkje');

  // A girl playing alone: no facilitator to signal, so the button opens the help lines.
  const solo = await browser.newContext({ baseURL: laptop.baseURL, locale: 'nl-BE' });
  const soloPage = await solo.newPage();
  await soloPage.goto('/play');
  const card = soloPage.locator('.card', { has: soloPage.getByRole('heading', { name: moduleText('title'), exact: true }) });
  await card.getByRole('radio', { name: nl('language.names.nl'), exact: true }).check();
  await card.getByRole('button', { name: nl('play.start', { title: moduleText('title') }), exact: true }).click();
  await expect(soloPage).toHaveURL(/\/play\/p\//);
  await soloPage.locator('[data-care="help"] summary').click();
  await expect(soloPage.getByRole('heading', { name: nl('sessions.care.soloTitle') })).toBeVisible();
  expect(await axeViolations(soloPage), 'axe on the solo player with the help opened').toEqual([]);
});
