// The course player (decision 0016): what a step's page shows, and where a post on a step
// leads. Plain forms: every move is a post answered with a redirect, so the player works
// without JavaScript; the route only reads, validates and answers.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { type Result, ok, refused } from '~/lib/result';
import { type AttemptRefusal, attemptCount, findAttempt, submitQuizAttempt } from './completion.server';
import { type Advance, advance, courseProgress, lessonsMissingBeforeQuiz, visitStep } from './enrolment.server';
import { courseText, type LoadedCourse } from './load.server';
import { quizAnswersFromForm, scoreQuiz } from './quiz';
import type { CourseLesson, CourseStep } from './schema';
import { courseLanguage, lessonHeader, stepView } from './views.server';

interface StepInput {
  userId: string;
  loaded: LoadedCourse;
  lesson: CourseLesson;
  step: CourseStep;
}

/** Is this one of the case's options? (A case moves on only along a chosen option.) */
function isCaseOption(step: CourseStep, choice: string | undefined): choice is string {
  return step.type === 'case' && step.options.some((option) => option.id === choice);
}

/**
 * She opens a step: it becomes her place in the lesson, and the page gets the step in her
 * language, her progress and, on a quiz, its state (a submitted attempt's result included).
 */
export async function openStep(db: Kysely<Database>, input: StepInput & { language: Language; attemptId?: string; choice?: string }) {
  const { userId, loaded, lesson, step, language } = input;
  const { course } = loaded;
  await visitStep(db, userId, course.id, lesson.id, step.id);
  const progress = await courseProgress(db, userId, loaded);
  const t = courseText(loaded, courseLanguage(loaded, language));
  let result;
  let quiz = null;
  if (step.type === 'quiz') {
    const attempt = input.attemptId ? await findAttempt(db, userId, input.attemptId) : undefined;
    if (attempt && attempt.quizId === step.id) result = scoreQuiz(step, attempt.answers);
    const isCompletion = step.id === course.completion.quiz;
    const missing = isCompletion ? await lessonsMissingBeforeQuiz(db, userId, loaded) : [];
    quiz = {
      isCompletion,
      attempts: await attemptCount(db, userId, course.id, step.id),
      missingLessons: course.lessons.filter((l) => missing.includes(l.id)).map((l) => ({ id: l.id, title: t(l.titleKey), firstStep: l.steps[0]!.id })),
      completed: progress.completion !== null,
      awaitingAttendance: isCompletion && result?.passed === true && progress.completion === null && course.completion.attendanceRequired,
    };
  }
  return {
    courseTitle: t(course.titleKey),
    header: lessonHeader(loaded, language, lesson, step.id),
    view: stepView(loaded, language, step, { choice: input.choice, result }),
    quiz,
    endsLesson: step.type !== 'case' && step.next === undefined && lesson.steps.at(-1)!.id === step.id,
    coursePercent: progress.percent,
    lessonPercent: progress.lessons.find((entry) => entry.id === lesson.id)!.percent,
  };
}

/** What she posted on a step: move on (with a case's choice), choose in a case, or submit a quiz (the whole form). */
export type StepPost =
  { intent: 'next'; choice?: string } | { intent: 'choose'; choice: string } | { intent: 'submit'; form: Record<string, string | string[]> };

/** Where a post leads: the case's feedback, the attempt's result, the same step, or on. */
export type StepMove = { kind: 'choice'; choice: string } | { kind: 'attempt'; attemptId: string } | { kind: 'stay' } | Advance;

export type StepRefusal = 'chooseAnswer' | 'badRequest' | AttemptRefusal;

export async function postOnStep(db: Kysely<Database>, input: StepInput & { post: StepPost; language: Language }): Promise<Result<StepMove, StepRefusal>> {
  const { userId, loaded, lesson, step, post } = input;
  switch (post.intent) {
    case 'choose':
      return isCaseOption(step, post.choice) ? ok({ kind: 'choice', choice: post.choice }) : refused('chooseAnswer');
    case 'submit': {
      if (step.type !== 'quiz') return refused('badRequest');
      const attempt = await submitQuizAttempt(db, { userId, loaded, quiz: step, answers: quizAnswersFromForm(step, post.form), language: input.language });
      return attempt.ok ? ok({ kind: 'attempt', attemptId: attempt.value.attemptId }) : attempt;
    }
    case 'next':
      // A case moves on only after a choice, along that choice's branch.
      if (step.type === 'case' && !isCaseOption(step, post.choice)) return refused('chooseAnswer');
      // The completion quiz is left by passing it, not by moving on.
      if (step.id === loaded.course.completion.quiz) return ok({ kind: 'stay' });
      return ok(await advance(db, userId, loaded, lesson, step.id, post.choice));
  }
}
