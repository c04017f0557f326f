import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormMessage } from '~/components/Field';
import { ProgressBar } from '~/components/courses/CourseFacts';
import { CaseStep, LessonFinished, MaterialStep, QuizStep, TextStep, VideoStep } from '~/components/courses/StepContent';
import { openStep, postOnStep } from '~/courses/player.server';
import { learnerStep } from '~/courses/route-helpers.server';
import { refusedForm } from '~/lib/refusal.server';
import { readerLanguage } from '~/i18n/i18next.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded, lesson, step } = await learnerStep(context, request, params);
  const url = new URL(request.url);
  const page = await openStep(context.db, {
    userId: user.id,
    loaded,
    lesson,
    step,
    language: await readerLanguage(request),
    attemptId: url.searchParams.get('attempt') ?? undefined,
    choice: url.searchParams.get('choice') ?? undefined,
  });
  return json({
    ...page,
    title: `${page.header.lessonTitle} · ${page.courseTitle}`,
    courseId: loaded.course.id,
    stepId: step.id,
    // Which page the HTML shows (tests wait for it after a client-side navigation).
    location: url.pathname + url.search,
    finished: url.searchParams.has('finished'),
  });
}

const stepForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('next'), choice: z.string().max(100).optional() }),
  z.object({ intent: z.literal('choose'), choice: z.string().max(100) }),
  z.object({ intent: z.literal('submit') }).passthrough(),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, loaded, lesson, step } = await learnerStep(context, request, params);
  const form = await readForm(request);
  const parsed = stepForm.safeParse(form);
  if (!parsed.success) return refusedForm(step.type === 'case' ? 'chooseAnswer' : 'badRequest');
  const post = parsed.data.intent === 'submit' ? { intent: 'submit' as const, form } : parsed.data;
  const moved = await postOnStep(context.db, { userId: user.id, loaded, lesson, step, post, language: await readerLanguage(request) });
  const course = `/courses/${loaded.course.id}`;
  const here = `${course}/lessons/${lesson.id}/${step.id}`;
  // Completed already: the page says so.
  if (!moved.ok) return moved.reason === 'courseCompleted' ? redirect(here) : refusedForm(moved.reason);
  const to = moved.value;
  switch (to.kind) {
    case 'choice':
      return redirect(`${here}?choice=${encodeURIComponent(to.choice)}`);
    case 'attempt':
      return redirect(`${here}?attempt=${to.attemptId}`);
    case 'stay':
      return redirect(here);
    case 'step':
      return redirect(`${course}/lessons/${to.lessonId}/${to.stepId}`);
    case 'lesson-finished':
      return redirect(to.next ? `${course}/lessons/${to.next.lessonId}/${to.next.stepId}?finished=1` : course);
  }
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
