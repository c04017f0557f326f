import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect } from '@playwright/test';
import { parse } from 'yaml';

/**
 * Courses in the browser: the content is read from the files the writers edit
 * (content/courses/<id>/course.yaml and locales/<lng>.json), so the tests derive the right
 * and wrong quiz answers from the course itself, never from hard-coded text.
 */

export interface QuizQuestion {
  id: string;
  multiple?: boolean;
  questionKey: string;
  options: { id: string; labelKey: string; correct: boolean }[];
}
interface CourseStep {
  id: string;
  type: string;
  questions?: QuizQuestion[];
}
export interface CourseFile {
  id: string;
  titleKey: string;
  completion: { quiz: string };
  lessons: { id: string; titleKey: string; steps: CourseStep[] }[];
}

type Texts = { [key: string]: Texts | string };
const folder = (id: string) => path.join(process.cwd(), 'content', 'courses', id);

export function courseFile(id: string): CourseFile {
  return parse(readFileSync(path.join(folder(id), 'course.yaml'), 'utf8')) as CourseFile;
}

/** A text of the course in a language. */
export function courseText(id: string, key: string, language = 'nl'): string {
  let node: Texts | string | undefined = JSON.parse(readFileSync(path.join(folder(id), 'locales', `${language}.json`), 'utf8')) as Texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no text ${key} in ${id}/${language}`);
  return node;
}

export function completionQuestions(course: CourseFile): QuizQuestion[] {
  const step = course.lessons.flatMap((lesson) => lesson.steps).find((candidate) => candidate.id === course.completion.quiz);
  expect(step?.type, `the completion quiz of ${course.id}`).toBe('quiz');
  return step!.questions!;
}

/**
 * Works through every lesson from where the page stands until the completion quiz: reads,
 * picks the first option of a case, submits any practice quiz as it comes, and moves on.
 */
export async function workThroughLessons(page: Page, course: CourseFile, language = 'nl'): Promise<void> {
  const next = new RegExp(`^(${['Verder', 'Les afronden', 'Continuer', 'Terminer la leçon', 'Continue', 'Finish the lesson'].join('|')})$`);
  const quizPath = new RegExp(`/lessons/${course.lessons.at(-1)!.id}/${course.completion.quiz}(\\?|$)`);
  for (let guard = 0; guard < 200; guard++) {
    // Without JavaScript a step is a new document that streams in: its player is parsed before
    // the form under it, so count the form's fields only once the document is whole.
    await page.waitForLoadState('domcontentloaded');
    const here = await shownLocation(page);
    if (quizPath.test(here)) return;
    if (await page.locator('form input[name="choice"][type="radio"]').count()) {
      await page.locator('form input[name="choice"][type="radio"]').first().check();
      await page.locator('button[name="intent"][value="choose"]').click();
      await expect.poll(() => shownLocation(page)).not.toBe(here);
      await expect(page.locator('.course-feedback')).toBeVisible();
      continue;
    }
    if ((await page.locator('button[name="intent"][value="submit"]').count()) && !(await page.locator('[data-passed]').count())) {
      await page.locator('button[name="intent"][value="submit"]').click();
      await expect.poll(() => shownLocation(page)).not.toBe(here);
      continue;
    }
    await page.getByRole('button', { name: next }).click();
    await expect.poll(() => shownLocation(page)).not.toBe(here);
  }
  expect(await shownLocation(page), `the completion quiz of ${course.id} (in ${language})`).toMatch(quizPath);
}

/**
 * The page a course step shows, as its server rendered it (path and query). After a
 * client-side navigation the address bar and the page do not change at the same instant:
 * the page is the truth.
 */
export async function shownLocation(page: Page): Promise<string> {
  // A ceiling, so that a page that is no course step (say, the course's page for someone not
  // enrolled) fails here with its address rather than use up the test's time.
  const player = page.locator('.course-player');
  await expect(player, `a course step at ${page.url()}`).toBeAttached({ timeout: 15_000 });
  return (await player.getAttribute('data-location')) ?? '';
}

/** Fills the quiz form: the right options, or for every question a wrong one. */
export async function answerQuiz(page: Page, questions: QuizQuestion[], mode: 'right' | 'wrong'): Promise<void> {
  for (const question of questions) {
    const group = page.locator(`fieldset[data-question="${question.id}"]`);
    const chosen = mode === 'right' ? question.options.filter((o) => o.correct) : [question.options.find((o) => !o.correct)!];
    // Exactly the chosen options: a question with several right answers has checkboxes, which
    // may still hold the previous attempt's choices.
    for (const option of question.options) {
      const input = group.locator(`input[value="${option.id}"]`);
      const pick = chosen.includes(option);
      if ((await input.getAttribute('type')) === 'checkbox') await input.setChecked(pick);
      else if (pick) await input.check();
    }
  }
  const before = await shownLocation(page);
  await page.locator('button[name="intent"][value="submit"]').click();
  await expect.poll(() => shownLocation(page)).not.toBe(before);
  await expect(page.locator('[data-passed]')).toBeVisible();
}
