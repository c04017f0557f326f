import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { demoAccount, fakeIp, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { controlOverHttp, createSessionOverHttp, joinOverHttp, moduleText, newSessionPerson, nl, postTogetherAnswer } from './support/sessions';
import type { Person } from './support/people';

/** The steps of module 1 before `stop`, following `next` from its start, as content has them. */
function stepsBefore(stop: string): string[] {
  const module = parse(readFileSync('content/modules/wie-ben-ik/module.yaml', 'utf8')) as { start: string; steps: { id: string; next?: string }[] };
  const ids: string[] = [];
  for (let id: string | undefined = module.start; id && id !== stop; id = module.steps.find((step) => step.id === id)?.next) ids.push(id);
  return ids;
}

/**
 * The projector view: a second window the facilitator puts on the big screen. The group sees
 * the code and who joined, the step, the counts only once she reveals them, the pause and
 * the closing help; never her guide notes or her controls.
 */
test('the projector follows the session live and shows the group only what is theirs', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const ip = fakeIp();
  const context = await browser.newContext({ locale: 'nl-BE', extraHTTPHeaders: { 'X-Forwarded-For': ip } });
  const consolePage = await context.newPage();
  await signIn(consolePage, demoAccount('facilitator'));
  const facilitator: Person = { request: context.request, ip };
  const { id, code } = await createSessionOverHttp(facilitator, baseURL!, 'together');
  const control = async (form: Record<string, string>) =>
    expect((await controlOverHttp(facilitator, baseURL!, id, form)).status(), JSON.stringify(form)).toBe(200);

  // The console links to the projector window.
  await consolePage.goto(`/facilitate/sessions/${id}`);
  await expect(consolePage.getByRole('link', { name: nl('sessions.projector.open') })).toHaveAttribute('href', `/facilitate/sessions/${id}/projector`);

  const projector = await context.newPage();
  await projector.goto(`/facilitate/sessions/${id}/projector`);
  await expect(projector.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const screen = projector.locator('.projector-screen');
  await expect(screen).toHaveAttribute('data-status', 'lobby');
  await expect(screen.locator('.join-code')).toHaveText(code);
  await expect(screen.locator('.join-url')).toHaveText(new RegExp(`/j/${code}$`));
  await expect(screen.locator('img.join-qr')).toHaveAttribute('src', `/facilitate/sessions/${id}/qr.svg`);
  // Nothing of the console: no controls, no menus (the brand and quick exit stay, as on the tablets).
  await expect(projector.getByRole('button', { name: nl('sessions.console.start') })).toHaveCount(0);
  await expect(projector.locator('.site-header__nav')).toHaveCount(0);
  expect(await axeViolations(projector), 'axe on the projector lobby').toEqual([]);

  // Two girls join: their nicknames appear on the big screen by themselves.
  const girls = [await newSessionPerson(playwright, baseURL!), await newSessionPerson(playwright, baseURL!)];
  await joinOverHttp(girls[0]!, baseURL!, code, 'Zeester', 'fox');
  await joinOverHttp(girls[1]!, baseURL!, code, 'Maanvis', 'owl');
  await expect(screen.locator('.participant-list')).toContainText('Zeester');
  await expect(screen.locator('.participant-list')).toContainText('Maanvis');
  await expect(screen.getByTestId('projector-joined')).toHaveText(nl('sessions.console.joined_other', { count: 2 }));

  // The group's step: the question, not the facilitator's notes, no counts before she reveals them.
  await control({ intent: 'start' });
  // On through the stories before it (welkom, afspraken) to gevoel, a poll.
  for (const _story of stepsBefore('gevoel')) await control({ intent: 'next' });
  await expect(screen.locator('.projector')).toHaveAttribute('data-step', 'gevoel');
  await expect(screen).toContainText(moduleText('steps.gevoel.question'));
  await expect(screen).not.toContainText(moduleText('steps.gevoel.guide'));
  await expect(screen).not.toContainText('Zeester');
  const answers = ['blij', 'moe'];
  for (const [index, girl] of girls.entries()) expect((await postTogetherAnswer(girl, baseURL!, id, 'gevoel', { option: answers[index] })).status()).toBe(200);
  await expect(screen.locator('.result-bars__value')).toHaveCount(0);
  await control({ intent: 'reveal' });
  // One each for "blij" and "moe", nothing for the other feelings: counts and percentages, never names.
  const oneOfTwo = nl('sessions.count', { count: 1, percent: 50 });
  await expect(screen.locator('.result-bars__value').filter({ hasText: oneOfTwo })).toHaveCount(2);
  const values = await screen.locator('.result-bars__value').allTextContents();
  expect(
    values.filter((v) => v !== oneOfTwo),
    'every other option',
  ).toEqual(values.filter((v) => v !== oneOfTwo).map(() => nl('sessions.count', { count: 0, percent: 0 })));
  expect(await axeViolations(projector), 'axe on a revealed step').toEqual([]);

  // The pause asks everyone to look up; the end shows where to find help.
  await control({ intent: 'pause' });
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.tablet.pausedTitle'));
  await control({ intent: 'resume' });
  await expect(screen.locator('.projector')).toHaveAttribute('data-step', 'gevoel');
  await control({ intent: 'end' });
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.tablet.endedTitle'));
  await expect(screen.locator('.help-list')).toContainText('116 000');
  await expect(screen.getByRole('link', { name: '116000@childfocus.org' })).toHaveAttribute('href', 'mailto:116000@childfocus.org');
  await expect(screen).not.toContainText('Payoke');
  expect(await axeViolations(projector), 'axe on the closing help').toEqual([]);

  for (const girl of girls) await girl.request.dispose();
  await context.close();
});
