import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormMessage } from '~/components/Field';
import { CourseFacts, ProgressBar } from '~/components/courses/CourseFacts';
import { courseProgress, enrol, unenrol } from '~/courses/enrolment.server';
import { learnerCourse } from '~/courses/route-helpers.server';
import { refusedForm } from '~/lib/refusal.server';
import { readerLanguage } from '~/i18n/i18next.server';
import { courseSummary } from '~/courses/views.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { TrainingDayList } from '~/components/training/TrainingDayList';
import { hasTrainingDays, listUpcomingTrainingDays, mayPublish } from '~/training-days/training-days.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses', 'training'] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await learnerCourse(context, request, params);
  const language = await readerLanguage(request);
  const course = courseSummary(loaded, language);
  const progress = await courseProgress(context.db, user.id, loaded);
  // A course taught (partly) on a training day lists its upcoming ones (decision 0018).
  const trainingDays = hasTrainingDays(loaded)
    ? await listUpcomingTrainingDays(context.db, context.courses, { userId: user.id, language, courseId: loaded.course.id })
    : null;
  return json({
    title: course.title,
    course,
    trainingDays,
    publishes: mayPublish(user),
    progress: {
      ...progress,
      completion: progress.completion && { ...progress.completion, completedAt: progress.completion.completedAt.toISOString().slice(0, 10) },
    },
  });
}

const courseForm = z.object({ intent: z.enum(['enrol', 'unenrol']) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, loaded } = await learnerCourse(context, request, params);
  const parsed = courseForm.safeParse(await readForm(request));
  if (!parsed.success) return refusedForm('badRequest');
  if (parsed.data.intent === 'enrol') await enrol(context.db, user.id, loaded);
  else await unenrol(context.db, user.id, loaded.course.id);
  return redirect(`/courses/${loaded.course.id}?${parsed.data.intent === 'enrol' ? 'enrolled' : 'unenrolled'}=1`);
}

export default function CoursePage() {
  const { course, progress, trainingDays, publishes } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation('courses');
  const notice = search.has('enrolled') ? 'courses:course.enrolled' : search.has('unenrolled') ? 'courses:course.unenrolled' : undefined;
  const resume = `/courses/${course.id}/lessons/${progress.resume.lessonId}/${progress.resume.stepId}`;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/courses">{t('course.back')}</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="lead">{course.summary}</p>
      <FormMessage notice={notice} />
      {course.unlocksSessions ? <p className="form-message form-message--notice">{t('course.unlocksSessions')}</p> : null}
      {course.attendanceRequired ? <p>{t('course.attendanceRequired')}</p> : null}
      <CourseFacts course={course} />
      {progress.completion ? (
        <p className="form-message form-message--notice" data-completed="true">
          {t('course.completed', { date: progress.completion.completedAt, version: progress.completion.courseVersion })}{' '}
          <Link to="/account/certificates">{t('course.certificate')}</Link>
        </p>
      ) : null}
      {progress.enrolled ? (
        <>
          <ProgressBar label={t('course.progress')} percent={progress.percent} text={t('course.percentDone', { percent: progress.percent })} />
          <p>
            <Link to={resume} className="button button--primary">
              {progress.percent === 0 ? t('course.start') : t('course.continue')}
            </Link>
          </p>
        </>
      ) : (
        <Form method="post" className="inline-form">
          <p>{t('course.notEnrolled')}</p>
          <button type="submit" name="intent" value="enrol" className="button button--primary">
            {t('course.enrol')}
          </button>
        </Form>
      )}
      {trainingDays ? <CourseTrainingDays courseId={course.id} days={trainingDays} publishes={publishes} /> : null}
      <h2>{t('course.lessons')}</h2>
      <ol className="course-lessons">
        {course.lessons.map((lesson) => {
          const own = progress.lessons.find((entry) => entry.id === lesson.id)!;
          return (
            <li key={lesson.id} data-lesson={lesson.id}>
              {progress.enrolled ? (
                <Link to={`/courses/${course.id}/lessons/${lesson.id}/${own.stepId}`}>{lesson.title}</Link>
              ) : (
                <strong>{lesson.title}</strong>
              )}
              {lesson.minutes ? <span className="muted"> · {t('catalogue.minutes', { minutes: lesson.minutes })}</span> : null}
              {progress.enrolled ? (
                <ProgressBar
                  label={`${t('course.lessonProgress')}: ${lesson.title}`}
                  percent={own.percent}
                  text={own.done ? t('course.lessonDone') : t('course.lessonSteps', { seen: own.seen, total: own.total })}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
      {progress.enrolled ? (
        <Form method="post">
          <button type="submit" name="intent" value="unenrol" className="button">
            {t('course.unenrol')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** The course's upcoming training days; a trainer may publish one for it. */
function CourseTrainingDays({ courseId, days, publishes }: { courseId: string; days: Parameters<typeof TrainingDayList>[0]['days']; publishes: boolean }) {
  const { t } = useTranslation('training');
  return (
    <section aria-labelledby="training-days-heading" className="page">
      <h2 id="training-days-heading">{t('list.title')}</h2>
      <TrainingDayList days={days} headingLevel={3} />
      {publishes ? (
        <p>
          <Link to={`/training-days/new?course=${courseId}`}>{t('list.new')}</Link>
        </p>
      ) : null}
    </section>
  );
}
