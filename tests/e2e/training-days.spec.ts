import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { brusselsDate, brusselsTime } from '~/training-days/time';
import { type Credentials, demoAccount, fakeIp, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { answerQuiz, completionQuestions, courseFile, courseText, workThroughLessons } from './support/courses';
import { type NewAccount, approve, postForm, register, signedInPerson } from './support/people';

// Issue 13's third journey (decision 0018): a trainer publishes a training day with two
// places; three professionals register and the third waits; one cancels, the third moves up
// and gets mail in the outbox; the trainer marks attendance, which completes the course
// whose completion asks for a training day. The trainer and one professional have no
// JavaScript: every form here is a plain form.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

// The course that asks for a training day (course 4), found from the content itself.
const attendanceCourseId = readdirSync(path.join(process.cwd(), 'content/courses'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .find((id) => {
    const course = parse(readFileSync(path.join(process.cwd(), 'content/courses', id, 'course.yaml'), 'utf8')) as {
      completion?: { attendanceRequired?: boolean };
    };
    return course.completion?.attendanceRequired === true;
  })!;
const course = courseFile(attendanceCourseId);
const courseTitle = courseText(attendanceCourseId, course.titleKey);

const world = {} as { trainer: NewAccount; anna: NewAccount; bert: NewAccount; chloe: NewAccount; dayId: string };

async function browserOf(browser: Browser, credentials: Credentials, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-BE', javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
  const page = await context.newPage();
  await signIn(page, credentials);
  return page;
}

test.beforeAll(async ({ playwright, baseURL }) => {
  expect(attendanceCourseId, 'a course with completion.attendanceRequired').toBeTruthy();
  const coordinator = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  const linde = (await (await coordinator.request.get('/organisations/search?q=Demo%3A%20Jeugdhulp%20De%20Linde')).json()).results[0].id as string;
  const [trainer, anna, bert, chloe] = await Promise.all([
    register(playwright, baseURL!, linde, 'trainer'),
    register(playwright, baseURL!, linde, 'trainer'),
    register(playwright, baseURL!, linde, 'facilitator'),
    register(playwright, baseURL!, linde, 'trainer'),
  ]);
  for (const account of [trainer, anna, bert, chloe]) await approve(coordinator, baseURL!, account.email);
  Object.assign(world, { trainer, anna, bert, chloe });
  await coordinator.request.dispose();
});

test('a trainer publishes a training day with two places (no JavaScript)', async ({ browser }) => {
  const page = await browserOf(browser, world.trainer, false);
  await page.goto('/training-days');
  await page.getByRole('link', { name: 'Nieuwe vormingsdag' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuwe vormingsdag');

  // A mistake first: no place and no link, capacity 0. Kind errors, nothing published.
  const now = new Date();
  await page.getByLabel('Opleiding', { exact: true }).selectOption({ label: courseTitle });
  await page.locator('#field-date').fill(brusselsDate(now));
  await page.locator('#field-capacity').fill('0');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('alert')).toContainText('Er is iets niet in orde');
  await expect(page.locator('#place-error')).toHaveText('Vul een plaats of een link naar de online ruimte in.');
  await expect(page.locator('#capacity-error')).toHaveText('Kies een aantal plaatsen van 1 tot 1000.');

  // Today on the Brussels clock, from this hour until the end of the day: it has not ended,
  // so people can register, and it is the day itself, so attendance can be marked.
  await page.locator('#field-startTime').fill(`${brusselsTime(now).slice(0, 2)}:00`);
  await page.locator('#field-endTime').fill('23:59');
  await page.getByLabel('Plaats', { exact: true }).fill('Jeugdhulp De Linde, vergaderzaal 1, Gent');
  await page.locator('#field-capacity').fill('2');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('status')).toHaveText('De vormingsdag is gepubliceerd.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(courseTitle);
  await expect(page.locator('[data-seats-left]')).toHaveText('2 van 2 plaatsen vrij');
  world.dayId = /\/training-days\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.context().close();
});

test('three professionals register: two get a place, the third waits', async ({ browser }) => {
  const anna = await browserOf(browser, world.anna);
  await anna.goto('/training-days');
  await anna.locator(`[data-training-day="${world.dayId}"]`).getByRole('link').click();
  await anna.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(anna.getByRole('status')).toHaveText('Je bent ingeschreven.');

  // Bert has no JavaScript.
  const bert = await browserOf(browser, world.bert, false);
  await bert.goto(`/training-days/${world.dayId}`);
  await bert.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(bert.getByRole('status')).toHaveText('Je bent ingeschreven.');
  await expect(bert.locator('[data-seats-left]')).toContainText('Volzet');

  // Chloé finds it on the course's page too, and joins the waiting list.
  const chloe = await browserOf(browser, world.chloe);
  await chloe.goto(`/courses/${attendanceCourseId}`);
  await chloe.locator(`[data-training-day="${world.dayId}"]`).getByRole('link').click();
  await chloe.getByRole('button', { name: 'Op de wachtlijst zetten' }).click();
  await expect(chloe.getByRole('status')).toHaveText('De vormingsdag is volzet: je staat op de wachtlijst.');
  await expect(chloe.locator('[data-queue-position]')).toHaveAttribute('data-queue-position', '1');
  for (const page of [anna, bert, chloe]) await page.context().close();
});

test('one cancels: the third moves up and finds mail in the outbox', async ({ browser }) => {
  const anna = await browserOf(browser, world.anna);
  await anna.goto(`/training-days/${world.dayId}`);
  await anna.getByRole('button', { name: 'Uitschrijven' }).click();
  await expect(anna.getByRole('status')).toHaveText('Je bent uitgeschreven.');
  await anna.context().close();

  const chloe = await browserOf(browser, world.chloe);
  await chloe.goto(`/training-days/${world.dayId}`);
  await expect(chloe.getByRole('heading', { name: 'Je bent ingeschreven' })).toBeVisible();
  await chloe.context().close();

  const coordinator = await browserOf(browser, demoAccount('coordinator'));
  await coordinator.goto('/coordinate/outbox');
  const mail = coordinator.locator('.outbox-message', { hasText: world.chloe.email }).filter({ hasText: 'Er is een plaats vrij voor jou' });
  await expect(mail).toHaveCount(1);
  await expect(mail.getByRole('heading')).toHaveText(`Er is een plaats vrij voor jou: ${courseTitle}`);
  await expect(mail.locator('.outbox-message__body')).toContainText(`/training-days/${world.dayId}`);
  // Anna, who cancelled, and Bert, who kept his place, got no such mail.
  await expect(coordinator.locator('.outbox-message', { hasText: 'Er is een plaats vrij voor jou' }).filter({ hasText: world.anna.email })).toHaveCount(0);
  await expect(coordinator.locator('.outbox-message', { hasText: 'Er is een plaats vrij voor jou' }).filter({ hasText: world.bert.email })).toHaveCount(0);
  await coordinator.context().close();
});

test('she passes the case quiz, which waits for her attendance; the trainer marks it and the course is completed', async ({ browser }) => {
  const chloe = await browserOf(browser, world.chloe);
  await chloe.goto(`/courses/${attendanceCourseId}`);
  await chloe.getByRole('button', { name: 'Inschrijven' }).click();
  await chloe.getByRole('link', { name: 'Beginnen' }).click();
  // On the lesson page, hydrated, before the walk through the lessons starts clicking.
  await chloe.waitForURL(/\/lessons\//);
  await chloe.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  await workThroughLessons(chloe, course);
  await answerQuiz(chloe, completionQuestions(course), 'right');
  await expect(chloe.locator('[data-passed]')).toHaveAttribute('data-passed', 'true');
  await chloe.goto(`/courses/${attendanceCourseId}`);
  await expect(chloe.locator('[data-completed]')).toHaveCount(0);

  // The trainer's list, without JavaScript: big checkboxes, one plain form.
  const trainer = await browserOf(browser, world.trainer, false);
  await trainer.goto('/training-days');
  await trainer.locator(`[data-managed-day="${world.dayId}"]`).getByRole('link').click();
  await expect(trainer.getByRole('heading', { level: 1 })).toContainText('Aanwezigheden');
  await expect(trainer.locator('.attendance-list__item')).toHaveCount(2);
  await expect(trainer.locator('.attendance-list')).not.toContainText(world.anna.name);
  await trainer.getByLabel(world.bert.name).check();
  await trainer.getByLabel(world.chloe.name).check();
  await trainer.getByRole('button', { name: 'Aanwezigheden bewaren' }).click();
  await expect(trainer.getByRole('status')).toHaveText('De aanwezigheden zijn bewaard.');
  // Bert has not taken the quiz: only Chloé completes the course.
  await expect(trainer.getByText('Daarmee heeft 1 deelnemer de opleiding voltooid.')).toBeVisible();
  await expect(trainer.getByLabel(world.chloe.name)).toBeChecked();

  // Slides afterwards: a link, shown to those who registered.
  await trainer.getByLabel('Link naar het materiaal').fill('https://example.org/slides.pdf');
  await trainer.getByRole('button', { name: 'Materiaal bewaren' }).click();
  await expect(trainer.getByRole('status')).toHaveText('Het materiaal is bewaard.');
  await trainer.context().close();

  await chloe.goto(`/courses/${attendanceCourseId}`);
  await expect(chloe.locator('[data-completed]')).toBeVisible();
  await chloe.goto(`/training-days/${world.dayId}`);
  await expect(chloe.getByText('Je aanwezigheid is genoteerd.')).toBeVisible();
  await expect(chloe.getByRole('link', { name: 'Open de slides en opnames' })).toHaveAttribute('href', 'https://example.org/slides.pdf');
  await chloe.goto('/account/certificates');
  await expect(chloe.getByRole('heading', { name: courseTitle })).toBeVisible();
  await chloe.context().close();

  // Anna, who cancelled, does not see the material.
  const anna = await browserOf(browser, world.anna);
  await anna.goto(`/training-days/${world.dayId}`);
  await expect(anna.getByRole('link', { name: 'Open de slides en opnames' })).toHaveCount(0);
  await anna.context().close();
});

// The new pages in three languages, with people on the lists and errors on the form, are
// axe-clean (run after the journey above, on its training day).
for (const language of ['nl', 'fr', 'en'] as const) {
  test(`the training-day pages in ${language} have no axe violations`, async ({ browser }) => {
    const context = await browser.newContext({ locale: language, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
    const page = await context.newPage();
    await signIn(page, world.trainer);
    for (const pagePath of ['/training-days', '/training-days/new', `/training-days/${world.dayId}`, `/training-days/${world.dayId}/attendance`]) {
      await page.goto(pagePath);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
      expect(await axeViolations(page), `${pagePath} in ${language}`).toEqual([]);
    }
    // The form sent back with its errors.
    await page.goto('/training-days/new');
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
    await page.locator('#field-capacity').fill('0');
    await page.locator('form.form button[type="submit"]').click();
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await axeViolations(page), `/training-days/new with errors in ${language}`).toEqual([]);
    await context.close();
  });
}

test('bad input to the training-day forms gets a kind answer, never a 500', async ({ playwright, baseURL }) => {
  const trainer = await signedInPerson(playwright, baseURL!, world.trainer);
  const long = 'x'.repeat(20_000);
  const posts: [string, URLSearchParams, number][] = [
    [
      '/training-days/new',
      new URLSearchParams([
        ['course', attendanceCourseId],
        ['course', 'x'],
        ['date', '2027-02-30'],
        ['startTime', '25:00'],
        ['endTime', long],
        ['capacity', '1e9'],
        ['place', long],
      ]),
      400,
    ],
    [
      '/training-days/new',
      new URLSearchParams({ course: 'no-such-course', date: '2099-01-01', startTime: '09:00', endTime: '10:00', place: 'Gent', capacity: '5', language: 'nl' }),
      400,
    ],
    [
      '/training-days/new',
      new URLSearchParams({
        course: attendanceCourseId,
        date: '2099-01-01',
        startTime: '09:00',
        endTime: '10:00',
        place: 'Gent',
        capacity: '5',
        language: 'nl',
        part1Title: 'Plenair',
        part1Kind: 'keynote',
        part1Start: '08:00',
        part1End: '07:00',
      }),
      400,
    ],
    [`/training-days/${world.dayId}`, new URLSearchParams({ intent: 'register', breakout: 'not-a-uuid' }), 400],
    [`/training-days/${world.dayId}`, new URLSearchParams({ intent: 'register', breakout: '00000000-0000-4000-8000-000000000000' }), 400],
    [
      `/training-days/${world.dayId}`,
      new URLSearchParams([
        ['intent', 'register'],
        ['intent', 'cancel'],
      ]),
      400,
    ],
    [
      `/training-days/${world.dayId}/attendance`,
      new URLSearchParams([
        ['intent', 'attendance'],
        ['present', 'not-a-uuid'],
      ]),
      400,
    ],
    [`/training-days/${world.dayId}/attendance`, new URLSearchParams({ intent: 'material', materialUrl: long }), 400],
  ];
  for (const [target, form, status] of posts) {
    const response = await postForm(trainer, baseURL!, target, form);
    expect.soft(response.status(), `${target} ${form.toString().slice(0, 120)}`).toBe(status);
  }
  const json = await trainer.request.post(`/training-days/${world.dayId}`, {
    data: { intent: 'register' },
    headers: { Origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  });
  expect(json.status(), 'a JSON body').toBe(400);
  // Nothing above registered her or changed the list.
  const data = await trainer.request.get(`/training-days/${world.dayId}/attendance?_data=${encodeURIComponent('routes/training-days.$id.attendance')}`);
  const { people } = (await data.json()) as { people: { registered: { attended: boolean }[] } };
  expect(people.registered.map((p) => p.attended).sort()).toEqual([true, true]);
  await trainer.request.dispose();
});
