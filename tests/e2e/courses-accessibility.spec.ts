import { type BrowserContext, type Page, expect, test } from '@playwright/test';
import { demoAccount, fakeIp, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { answerQuiz, completionQuestions, courseFile, workThroughLessons } from './support/courses';
import { approve, newPerson, register, signedInPerson } from './support/people';

// Every page the courses added, axe-clean in nl, fr and en (decision 0016), and the whole
// course journey with JavaScript switched off: every form is a plain form. A language's pass
// opens some forty pages with an axe scan each: a ceiling, not a budget (about 3.5 minutes on
// a busy two-core machine).
test.describe.configure({ mode: 'serial', timeout: 360_000 });

const courseId = 'weerbaar-sessies-begeleiden';
const course = courseFile(courseId);
const lessonPages = course.lessons.flatMap((lesson) => lesson.steps.map((step) => `/courses/${courseId}/lessons/${lesson.id}/${step.id}`));
const caseStep = course.lessons.flatMap((lesson) => lesson.steps.map((step) => ({ lesson: lesson.id, step }))).find(({ step }) => step.type === 'case');

async function expectClean(page: Page, path: string, language: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} in ${language}`).toBe(status);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  expect(await axeViolations(page), `${path} in ${language}`).toEqual([]);
}

async function context(browser: import('@playwright/test').Browser, language: string, javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({ locale: language, javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
}

let facilitatorCode = '';
let gatedFacilitator: { email: string; password: string };
let learner: { email: string; password: string };

test.beforeAll(async ({ playwright, baseURL }) => {
  const coordinator = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  const facilitator = await signedInPerson(playwright, baseURL!, demoAccount('facilitator'));
  const mine = await facilitator.request.get(`/account/certificates?_data=${encodeURIComponent('routes/account.certificates._index')}`);
  facilitatorCode = ((await mine.json()) as { certificates: { code: string }[] }).certificates[0]!.code;
  const anonymous = await newPerson(playwright, baseURL!);
  const linde = ((await (await anonymous.request.get('/organisations/search?q=linde')).json()) as { results: { id: string; name: string }[] }).results.find(
    (r) => r.name === 'Demo: Jeugdhulp De Linde',
  )!.id;
  gatedFacilitator = await register(playwright, baseURL!, linde, 'facilitator');
  learner = await register(playwright, baseURL!, linde, 'trainer');
  await approve(coordinator, baseURL!, gatedFacilitator.email);
  await approve(coordinator, baseURL!, learner.email);
  for (const person of [coordinator, facilitator, anonymous]) await person.request.dispose();
});

for (const language of ['nl', 'fr', 'en']) {
  test(`the course pages in ${language} have no axe violations`, async ({ browser }) => {
    const visitor = await context(browser, language);
    const page = await visitor.newPage();
    await expectClean(page, '/courses', language);
    await expectClean(page, '/verify', language);
    await expectClean(page, `/verify/${facilitatorCode}`, language);
    await expectClean(page, '/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ', language, 404);
    await expect(page.getByRole('alert')).toBeVisible();
    await visitor.close();

    // A learner: the catalogue, the course, every step (a case with its feedback), the quiz with its review.
    const learnerContext = await context(browser, language);
    const learnerPage = await learnerContext.newPage();
    await signIn(learnerPage, learner);
    await learnerPage.goto(`/courses/${courseId}`);
    // Enrolled once (by the first language's pass); wait for the enrolment to land before the
    // next page, or that navigation cancels the form's and her lesson pages lead to the course page.
    const enrol = learnerPage.locator('button[name="intent"][value="enrol"]');
    if (await enrol.count()) {
      await enrol.click();
      await expect(learnerPage.locator('button[name="intent"][value="unenrol"]')).toBeVisible();
    }
    await expectClean(learnerPage, '/courses', language);
    await expectClean(learnerPage, `/courses/${courseId}`, language);
    for (const path of lessonPages) await expectClean(learnerPage, path, language);
    if (caseStep) {
      const option = (caseStep.step as unknown as { options: { id: string }[] }).options[0]!.id;
      await expectClean(learnerPage, `/courses/${courseId}/lessons/${caseStep.lesson}/${caseStep.step.id}?choice=${option}`, language);
    }
    await learnerPage.goto(lessonPages[0]!);
    await workThroughLessons(learnerPage, course, language);
    await answerQuiz(learnerPage, completionQuestions(course), 'wrong');
    expect(await axeViolations(learnerPage), `the quiz review in ${language}`).toEqual([]);
    await expectClean(learnerPage, '/account/certificates', language);
    await learnerContext.close();

    const facilitatorContext = await context(browser, language);
    const facilitatorPage = await facilitatorContext.newPage();
    await signIn(facilitatorPage, demoAccount('facilitator'));
    await expectClean(facilitatorPage, '/account/certificates', language);
    await expectClean(facilitatorPage, `/courses/${courseId}/lessons/${course.lessons.at(-1)!.id}/${course.completion.quiz}`, language);
    await facilitatorContext.close();

    const gatedContext = await context(browser, language);
    const gatedPage = await gatedContext.newPage();
    await signIn(gatedPage, gatedFacilitator);
    await expectClean(gatedPage, '/facilitate/sessions/new', language);
    await expect(gatedPage.locator('[data-gate="course"]')).toBeVisible();
    await gatedContext.close();

    const coordinatorContext = await context(browser, language);
    const coordinatorPage = await coordinatorContext.newPage();
    await signIn(coordinatorPage, demoAccount('coordinator'));
    await expectClean(coordinatorPage, '/coordinate/courses', language);
    await coordinatorContext.close();
  });
}

test('without JavaScript: enrol, read, choose in a case, fail and pass the quiz, verify, revoke and grant an exception', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const coordinatorHttp = await signedInPerson(playwright, baseURL!, demoAccount('coordinator'));
  const anonymous = await newPerson(playwright, baseURL!);
  const linde = ((await (await anonymous.request.get('/organisations/search?q=linde')).json()) as { results: { id: string; name: string }[] }).results.find(
    (r) => r.name === 'Demo: Jeugdhulp De Linde',
  )!.id;
  const account = await register(playwright, baseURL!, linde, 'trainer');
  await approve(coordinatorHttp, baseURL!, account.email);
  await anonymous.request.dispose();
  await coordinatorHttp.request.dispose();

  const noScript = await context(browser, 'nl', false);
  const page = await noScript.newPage();
  await page.goto('/account/sign-in');
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(page.getByRole('status')).toContainText('Je bent ingeschreven');
  await page.getByRole('link', { name: 'Beginnen' }).click();
  await workThroughLessons(page, course);
  await answerQuiz(page, completionQuestions(course), 'wrong');
  await expect(page.locator('[data-passed]')).toHaveAttribute('data-passed', 'false');
  await answerQuiz(page, completionQuestions(course), 'right');
  await expect(page.locator('[data-completed="true"]')).toBeVisible();
  await page.goto('/account/certificates');
  const code = (await page.locator('.certificate').first().getAttribute('data-code'))!;
  await page.goto('/verify');
  await page.getByLabel('Code van het certificaat').fill(code);
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'valid');
  await page.goto(`/courses/${courseId}`);
  await page.getByRole('button', { name: 'Uitschrijven' }).click();
  await expect(page.getByRole('status').first()).toContainText('Je bent uitgeschreven');
  await noScript.close();

  const coordinator = await context(browser, 'nl', false);
  const coordinatorPage = await coordinator.newPage();
  await coordinatorPage.goto('/account/sign-in');
  await coordinatorPage.getByLabel('E-mailadres').fill(demoAccount('coordinator').email);
  await coordinatorPage.getByLabel('Wachtwoord').fill(demoAccount('coordinator').password);
  await coordinatorPage.getByRole('button', { name: 'Aanmelden' }).click();
  await coordinatorPage.goto(`/coordinate/courses?q=${code}`);
  await coordinatorPage.locator(`[data-code="${code}"]`).getByLabel('Reden van intrekken').fill('Test zonder JavaScript');
  await coordinatorPage
    .locator(`[data-code="${code}"]`)
    .getByRole('button', { name: /Intrekken/ })
    .click();
  await expect(coordinatorPage.getByRole('status')).toHaveText('Het certificaat is ingetrokken.');
  await coordinatorPage.getByLabel('E-mailadres van de begeleider').fill(gatedFacilitator.email);
  await coordinatorPage.getByLabel('Reden', { exact: true }).fill('Opgeleid bij Child Focus');
  await coordinatorPage.getByRole('button', { name: 'Uitzondering toestaan' }).click();
  await expect(coordinatorPage.getByRole('status')).toHaveText('De uitzondering is toegestaan.');
  await expect(coordinatorPage.locator(`[data-exception="${gatedFacilitator.email}"]`)).toContainText('Opgeleid bij Child Focus');
  await coordinator.close();

  // The exception unlocks at once: the facilitator sees the new-session form.
  const facilitator = await context(browser, 'nl', false);
  const facilitatorPage = await facilitator.newPage();
  await facilitatorPage.goto('/account/sign-in');
  await facilitatorPage.getByLabel('E-mailadres').fill(gatedFacilitator.email);
  await facilitatorPage.getByLabel('Wachtwoord').fill(gatedFacilitator.password);
  await facilitatorPage.getByRole('button', { name: 'Aanmelden' }).click();
  await facilitatorPage.goto('/facilitate/sessions/new');
  await expect(facilitatorPage.locator('[data-gate="course"]')).toHaveCount(0);
  await expect(facilitatorPage.getByRole('button', { name: 'Sessie maken' })).toBeVisible();
  await facilitator.close();
});
