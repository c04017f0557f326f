import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { demoAccount, fakeIp, newPersonContext, signIn, uniqueEmail } from './support/accounts';
import { answerQuiz, completionQuestions, courseFile, courseText, shownLocation, workThroughLessons } from './support/courses';
import { pdfText } from './support/pdf-text';
import { approve, newPerson, register, signedInPerson } from './support/people';

// Issue 13's first two journeys, in order (decision 0016): a trainer earns a certificate
// that anyone can verify and a coordinator revokes; a facilitator without the facilitator
// course is stopped at "new group session", passes the course and runs one at once.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

// Course 1 when its content is there; until then the facilitator course, which is.
const journeyCourseId = existsSync(path.join(process.cwd(), 'content/courses/tienerpooiers-herkennen/course.yaml'))
  ? 'tienerpooiers-herkennen'
  : 'weerbaar-sessies-begeleiden';
const journeyCourse = courseFile(journeyCourseId);
const journeyTitle = courseText(journeyCourseId, journeyCourse.titleKey);
const facilitatorCourse = courseFile('weerbaar-sessies-begeleiden');

const suffix = Date.now().toString(36);
const trainer = { name: `Ilse Vormer ${suffix}`, email: uniqueEmail('trainer'), password: 'een lange weg door de polder' };
let certificateCode = '';

async function registerInBrowser(page: Page, person: typeof trainer, roleLabel: RegExp) {
  await page.goto('/account/register');
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  await page.getByLabel('Zoek je organisatie').fill('linde');
  await page.getByLabel(/Demo: Jeugdhulp De Linde/).check();
  await page.getByLabel('Naam', { exact: true }).fill(person.name);
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByLabel('Nieuw wachtwoord').fill(person.password);
  await page.getByLabel('Beroep').selectOption('teacher');
  await page.getByLabel(roleLabel).check();
  await page.getByRole('button', { name: 'Registratie versturen' }).click();
  await expect(page).toHaveURL(/\/account\/registered$/);
}

test('a trainer registers as a trainer and a coordinator approves her', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await registerInBrowser(page, trainer, /de vormingen van het vormingsplan volgen/);
  await context.close();

  const coordinator = await newPersonContext(browser);
  const coordinatorPage = await coordinator.newPage();
  await signIn(coordinatorPage, demoAccount('coordinator'));
  await coordinatorPage.goto('/coordinate/registrations');
  await coordinatorPage.getByRole('button', { name: `${trainer.name} goedkeuren` }).click();
  await expect(coordinatorPage.getByRole('status')).toContainText('Goedgekeurd');
  await coordinator.close();
});

test('she enrols from the home page, fails the quiz, sees which answers were wrong, passes and downloads her certificate', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await signIn(page, trainer);
  await page.goto('/');
  await page.getByRole('link', { name: 'Naar de opleidingen' }).click();
  await expect(page).toHaveURL(/\/courses$/);
  // The catalogue says for whom, the format, the duration, the languages and what you earn.
  const catalogueCard = page.locator(`[data-course="${journeyCourseId}"]`);
  const facts = journeyCourse as unknown as { minutes: number; format: string; earnsKey: string; languages: string[] };
  await expect(catalogueCard).toContainText(`${facts.minutes} minuten`);
  await expect(catalogueCard).toContainText({ 'self-paced': 'in eigen tempo', 'training-day': 'vormingsdag', mixed: 'gemengd' }[facts.format]!);
  await expect(catalogueCard).toContainText(courseText(journeyCourseId, facts.earnsKey));
  await expect(catalogueCard).toContainText(facts.languages.map((l) => ({ nl: 'Nederlands', fr: 'Frans', en: 'Engels' })[l]).join(', '));
  await catalogueCard.getByRole('link', { name: /Bekijk de opleiding/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(journeyTitle);
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(page.getByRole('status')).toContainText('Je bent ingeschreven');
  await page.getByRole('link', { name: 'Beginnen' }).click();
  await workThroughLessons(page, journeyCourse);

  // Another device continues where she left off: at the quiz.
  const quizPath = (await shownLocation(page)).replace(/\?.*$/, '');
  const otherDevice = await newPersonContext(browser);
  const otherPage = await otherDevice.newPage();
  await signIn(otherPage, trainer);
  await otherPage.goto(`/courses/${journeyCourseId}`);
  await otherPage.getByRole('link', { name: 'Verdergaan waar je was' }).click();
  await expect.poll(() => shownLocation(otherPage)).toBe(quizPath);
  await otherDevice.close();

  const questions = completionQuestions(journeyCourse);
  await answerQuiz(page, questions, 'wrong');
  await expect(page.locator('[data-passed]')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByRole('heading', { name: /Nog niet geslaagd/ })).toBeVisible();
  for (const question of questions) {
    const review = page.locator(`.quiz-review li[data-question="${question.id}"]`);
    await expect(review).toHaveAttribute('data-right', 'false');
    const right = question.options.filter((o) => o.correct).map((o) => courseText(journeyCourseId, o.labelKey));
    await expect(review).toContainText(`Juist is: ${right.join(' · ')}`);
  }
  // Her attempt is kept; she tries again on the same page.
  await expect(page.getByText('Je deed deze toets 1 keer.')).toBeVisible();
  await answerQuiz(page, questions, 'right');
  await expect(page.locator('[data-passed]')).toHaveAttribute('data-passed', 'true');
  await expect(page.locator('[data-completed="true"]')).toContainText('Je hebt de opleiding behaald');

  await page.getByRole('link', { name: 'Naar je certificaten' }).click();
  await expect(page).toHaveURL(/\/account\/certificates$/);
  const card = page.locator('.certificate', { hasText: journeyTitle });
  certificateCode = (await card.getAttribute('data-code'))!;
  expect(certificateCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const downloading = page.waitForEvent('download');
  await card.getByRole('link', { name: /Download als pdf/ }).click();
  const download = await downloading;
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf);
  const today = new Date().toISOString().slice(0, 10);
  for (const expected of [trainer.name, journeyTitle, today, certificateCode, 'Demo: Jeugdhulp De Linde', `/verify/${certificateCode}`])
    expect(text).toContain(expected);
  expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
  expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
  expect(text).not.toContain(trainer.email);

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.goto('/verify');
  await page.getByLabel('Code van het certificaat').fill(certificateCode.toLowerCase());
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${certificateCode}$`));
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'valid');
  for (const expected of [trainer.name, journeyTitle, today, certificateCode, 'Demo: Jeugdhulp De Linde'])
    await expect(page.locator('main')).toContainText(expected);
  await expect(page.locator('main')).not.toContainText(trainer.email);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await context.close();
});

test('a coordinator revokes it and /verify says revoked; a tampered or unknown code gets the kind message', async ({ browser }) => {
  const coordinator = await newPersonContext(browser);
  const page = await coordinator.newPage();
  await signIn(page, demoAccount('coordinator'));
  await page.goto(`/coordinate/courses?q=${certificateCode}`);
  const card = page.locator(`[data-code="${certificateCode}"]`);
  await card.getByLabel('Reden van intrekken').fill('Attest op naam van de verkeerde persoon');
  await card.getByRole('button', { name: /Intrekken/ }).click();
  await expect(page.getByRole('status')).toHaveText('Het certificaat is ingetrokken.');
  await page.goto('/coordinate/audit');
  await expect(page.locator('main')).toContainText('certificaat ingetrokken');
  await coordinator.close();

  const visitor = await newPersonContext(browser);
  const verify = await visitor.newPage();
  await verify.goto(`/verify/${certificateCode}`);
  await expect(verify.locator('[data-status]')).toHaveAttribute('data-status', 'revoked');
  await expect(verify.locator('[data-status]')).toContainText('Attest op naam van de verkeerde persoon');

  // One character changed (a tampered PDF), and a code that never existed: the same kind message.
  const last = certificateCode.at(-1) === '0' ? '1' : '0';
  for (const wrong of [`${certificateCode.slice(0, -1)}${last}`, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ']) {
    const response = await verify.goto(`/verify/${wrong}`);
    expect(response?.status()).toBe(404);
    await expect(verify.getByRole('alert')).toHaveText(/We vinden geen certificaat met deze code/);
    await expect(verify.locator('[data-status]')).toHaveCount(0);
  }
  await visitor.close();
});

test('20 wrong codes a minute from one address get 429', async ({ playwright, baseURL }) => {
  const person = await newPerson(playwright, baseURL!);
  for (let i = 0; i < 20; i++) {
    const response = await person.request.get(`/verify/${'ABCD-EFGH-JKMN-'}${String(1000 + i).slice(-4)}`);
    expect(response.status(), `wrong code ${i + 1}`).toBe(404);
  }
  const blocked = await person.request.get('/verify/ABCD-EFGH-JKMN-PQRS');
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
  expect(await blocked.text()).toContain('Je hebt veel codes na elkaar geprobeerd');
  // Another address is not held up.
  const other = await newPerson(playwright, baseURL!);
  expect((await other.request.get('/verify/ABCD-EFGH-JKMN-PQRS')).status()).toBe(404);
  await person.request.dispose();
  await other.request.dispose();
});

test('a facilitator without the facilitator course cannot start a group session; after passing it she can, in the same browser session', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const account = await register(playwright, baseURL!, await lindeId(playwright, baseURL!), 'facilitator');
  const coordinator = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  await approve(coordinator, baseURL!, account.email);
  await coordinator.request.dispose();

  const context = await browser.newContext({ locale: 'nl-BE', extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
  const page = await context.newPage();
  await signIn(page, account);
  await page.goto('/facilitate/sessions/new');
  const gate = page.locator('[data-gate="course"]');
  await expect(gate).toContainText(courseText('weerbaar-sessies-begeleiden', facilitatorCourse.titleKey));
  await expect(page.locator('input[name="module"]')).toHaveCount(0);

  // A post straight to the form is refused too, and creates nothing.
  const refused = await page.request.post('/facilitate/sessions/new', {
    form: { module: 'wie-ben-ik', variant: 'standard', language: 'nl', pacing: 'together' },
    headers: { Origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);

  await gate.getByRole('link', { name: 'Naar de opleiding' }).click();
  await expect(page).toHaveURL(/\/courses\/weerbaar-sessies-begeleiden$/);
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  await page.getByRole('link', { name: 'Beginnen' }).click();
  await workThroughLessons(page, facilitatorCourse);
  await answerQuiz(page, completionQuestions(facilitatorCourse), 'right');
  await expect(page.locator('[data-completed="true"]')).toBeVisible();

  await page.goto('/facilitate/sessions/new');
  await expect(page.locator('[data-gate="course"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sessie maken' }).click();
  await expect(page).toHaveURL(/\/facilitate\/sessions\/[0-9a-f-]{36}$/);
  await context.close();
});

async function lindeId(playwright: Parameters<typeof newPerson>[0], baseURL: string): Promise<string> {
  const person = await newPerson(playwright, baseURL);
  const response = await person.request.get('/organisations/search?q=linde');
  const { results } = (await response.json()) as { results: { id: string; name: string }[] };
  await person.request.dispose();
  return results.find((r) => r.name === 'Demo: Jeugdhulp De Linde')!.id;
}
