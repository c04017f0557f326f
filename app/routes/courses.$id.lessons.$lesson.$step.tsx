import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { FormMessage } from '~/components/Field';
import { ProgressBar } from '~/components/courses/CourseFacts';
import { CaseStep, LessonFinished, MaterialStep, QuizStep, TextStep, VideoStep } from '~/components/courses/StepContent';
import { attemptCount, findAttempt, submitQuizAttempt } from '~/courses/completion.server';
import { advance, courseProgress, isEnrolled, lessonsMissingBeforeQuiz, visitStep } from '~/courses/enrolment.server';
import { findStep } from '~/courses/flow';
import { courseText } from '~/courses/load.server';
import { quizAnswersFromForm, scoreQuiz } from '~/courses/quiz';
import { courseFromParams } from '~/courses/route-helpers.server';
import { readerLanguage } from '~/i18n/i18next.server';
import { courseLanguage, lessonHeader, stepView } from '~/courses/views.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

async function stepFromParams({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'take', 'course');
  const loaded = courseFromParams(context.courses, params.id);
  const found = findStep(loaded.course, params.lesson ?? '', params.step ?? '');
  if (!found) throw json({ reason: 'notFound' }, { status: 404 });
  if (!(await isEnrolled(context.db, user.id, loaded.course.id))) throw redirect(`/courses/${loaded.course.id}`);
  return { user, loaded, ...found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded, lesson, step } = await stepFromParams({ request, params, context });
  const database = context.db;
  const language = await readerLanguage(request);
  const url = new URL(request.url);
  await visitStep(database, user.id, loaded.course.id, lesson.id, step.id);
  const progress = await courseProgress(database, user.id, loaded);
  let result;
  let quiz = null;
  if (step.type === 'quiz') {
    const attempt = await findAttempt(database, user.id, url.searchParams.get('attempt') ?? '');
    if (attempt && attempt.quizId === step.id) result = scoreQuiz(step, attempt.answers);
    const isCompletion = step.id === loaded.course.completion.quiz;
    const t = courseText(loaded, courseLanguage(loaded, language));
    const missing = isCompletion ? await lessonsMissingBeforeQuiz(database, user.id, loaded) : [];
    quiz = {
      isCompletion,
      attempts: await attemptCount(database, user.id, loaded.course.id, step.id),
      missingLessons: loaded.course.lessons.filter((l) => missing.includes(l.id)).map((l) => ({ id: l.id, title: t(l.titleKey), firstStep: l.steps[0]!.id })),
      completed: progress.completion !== null,
      awaitingAttendance: isCompletion && result?.passed === true && progress.completion === null && loaded.course.completion.attendanceRequired,
    };
  }
  const view = stepView(loaded, language, step, { choice: url.searchParams.get('choice') ?? undefined, result });
  const header = lessonHeader(loaded, language, lesson, step.id);
  const courseTitle = courseText(loaded, courseLanguage(loaded, language))(loaded.course.titleKey);
  const lessonProgress = progress.lessons.find((entry) => entry.id === lesson.id)!;
  const endsLesson = step.type !== 'case' && step.next === undefined && lesson.steps.at(-1)!.id === step.id;
  return json({
    title: `${header.lessonTitle} · ${courseTitle}`,
    courseId: loaded.course.id,
    stepId: step.id,
    // Which page the HTML shows (tests wait for it after a client-side navigation).
    location: url.pathname + url.search,
    courseTitle,
    header,
    view,
    quiz,
    endsLesson,
    finished: url.searchParams.has('finished'),
    coursePercent: progress.percent,
    lessonPercent: lessonProgress.percent,
  });
}

const stepForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('next'), choice: z.string().max(100).optional() }),
  z.object({ intent: z.literal('choose'), choice: z.string().max(100) }),
  z.object({ intent: z.literal('submit') }).passthrough(),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, loaded, lesson, step } = await stepFromParams({ request, params, context });
  const database = context.db;
  const form = await readForm(request);
  const parsed = stepForm.safeParse(form);
  const here = `/courses/${loaded.course.id}/lessons/${lesson.id}/${step.id}`;
  if (!parsed.success) return json({ error: step.type === 'case' ? 'courses:player.caseChooseFirst' : 'courses:errors.invalid' }, { status: 400 });
  const intent = parsed.data;
  if (intent.intent === 'choose') {
    if (step.type !== 'case' || !step.options.some((option) => option.id === intent.choice))
      return json({ error: 'courses:player.caseChooseFirst' }, { status: 400 });
    return redirect(`${here}?choice=${encodeURIComponent(intent.choice)}`);
  }
  if (intent.intent === 'submit') {
    if (step.type !== 'quiz') return json({ error: 'courses:errors.invalid' }, { status: 400 });
    const isCompletion = step.id === loaded.course.completion.quiz;
    if (isCompletion && (await courseProgress(database, user.id, loaded)).completion) return redirect(here);
    if (isCompletion && (await lessonsMissingBeforeQuiz(database, user.id, loaded)).length)
      return json({ error: 'courses:player.quizLessonsFirst' }, { status: 409 });
    const outcome = await submitQuizAttempt(database, {
      userId: user.id,
      loaded,
      quiz: step,
      answers: quizAnswersFromForm(step, form),
      language: await readerLanguage(request),
    });
    return redirect(`${here}?attempt=${outcome.attemptId}`);
  }
  // `next`: a case moves on only after a choice, along that choice's branch.
  if (step.type === 'case' && !step.options.some((option) => option.id === intent.choice))
    return json({ error: 'courses:player.caseChooseFirst' }, { status: 400 });
  if (step.id === loaded.course.completion.quiz) return redirect(here);
  const moved = await advance(database, user.id, loaded, lesson, step.id, intent.choice);
  if (moved.kind === 'step') return redirect(`/courses/${loaded.course.id}/lessons/${moved.lessonId}/${moved.stepId}`);
  return redirect(moved.next ? `/courses/${loaded.course.id}/lessons/${moved.next.lessonId}/${moved.next.stepId}?finished=1` : `/courses/${loaded.course.id}`);
}

export default function CourseStepPage() {
  const { courseId, stepId, location, courseTitle, header, view, quiz, endsLesson, finished, coursePercent, lessonPercent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('courses');
  const canMoveOn = view.type !== 'quiz' ? view.type !== 'case' || view.chosen !== undefined : !quiz?.isCompletion;
  const canSubmit = quiz !== null && !(quiz.isCompletion && (quiz.completed || quiz.missingLessons.length > 0 || quiz.awaitingAttendance));
  return (
    <div className="page page--narrow course-player" data-location={location}>
      <p>
        <Link to={`/courses/${courseId}`}>{courseTitle}</Link>
      </p>
      {finished ? <LessonFinished courseId={courseId} /> : null}
      <div className="course-player__bars">
        <ProgressBar label={t('course.progress')} percent={coursePercent} text={t('course.percentDone', { percent: coursePercent })} />
        <ProgressBar label={t('course.lessonProgress')} percent={lessonPercent} text={t('player.stepOf', { n: header.stepNumber, total: header.stepCount })} />
      </div>
      <h1>{t('player.lessonOf', { n: header.lessonNumber, total: header.lessonCount, title: header.lessonTitle })}</h1>
      <FormMessage error={actionData?.error} />
      {view.type === 'text' ? <TextStep step={view} /> : null}
      {view.type === 'video' ? <VideoStep step={view} /> : null}
      {view.type === 'case' ? <CaseStep step={view} /> : null}
      {view.type === 'material' ? <MaterialStep step={view} href={`/courses/${courseId}/materials/${encodeURIComponent(stepId)}`} /> : null}
      {view.type === 'quiz' && quiz ? (
        <>
          {quiz.missingLessons.length ? (
            <div className="form-message form-message--warning">
              <p>{t('player.quizLessonsFirst')}</p>
              <ul>
                {quiz.missingLessons.map((lesson) => (
                  <li key={lesson.id}>
                    <Link to={`/courses/${courseId}/lessons/${lesson.id}/${lesson.firstStep}`}>{lesson.title}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {quiz.isCompletion && quiz.completed ? (
            <p className="form-message form-message--notice" role="status" data-completed="true">
              {view.result?.passed ? t('player.quizCompleted') : t('player.quizAlreadyCompleted')}{' '}
              <Link to="/account/certificates">{t('course.certificate')}</Link>
            </p>
          ) : null}
          {quiz.awaitingAttendance ? <p className="form-message form-message--notice">{t('player.quizAwaitingAttendance')}</p> : null}
          <QuizStep step={view} canSubmit={canSubmit} />
          {quiz.attempts ? <p className="muted">{t('player.quizAttempts', { count: quiz.attempts })}</p> : null}
        </>
      ) : null}
      {canMoveOn ? (
        <Form method="post" className="course-player__next">
          {view.type === 'case' && view.chosen ? <input type="hidden" name="choice" value={view.chosen.id} /> : null}
          <button type="submit" name="intent" value="next" className="button button--primary">
            {endsLesson ? t('player.finishLesson') : t('player.next')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
