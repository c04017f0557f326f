import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getSignedInUser } from '~/accounts/auth-session.server';
import { can } from '~/accounts/permissions';
import { CourseFacts } from '~/components/courses/CourseFacts';
import { catalogue } from '~/courses/enrolment.server';
import { i18next, readerLanguage } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

/** The catalogue: public (what the courses are, for whom); her own status when she is signed in. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await readerLanguage(request);
  const t = await i18next.getFixedT(language, 'courses');
  const user = await getSignedInUser(context.db, request);
  const learner = user && user.status === 'approved' && can(user, 'take', 'course') ? user : null;
  const courses = await catalogue(context.db, context.courses, { learnerId: learner?.id ?? null, language });
  return json({ title: t('catalogue.title'), courses, signedIn: user !== null, learner: learner !== null });
}

export default function Catalogue() {
  const { courses, signedIn, learner } = useLoaderData<typeof loader>();
  const { t } = useTranslation('courses');
  return (
    <div className="page">
      <h1>{t('catalogue.title')}</h1>
      <p className="lead">{t('catalogue.lead')}</p>
      {learner ? (
        <p>
          <Link to="/account/certificates">{t('catalogue.myCertificates')}</Link>
        </p>
      ) : signedIn ? null : (
        <p>
          <Link to="/account/sign-in?redirectTo=%2Fcourses">{t('catalogue.signInToEnrol')}</Link>{' '}
          <Link to="/account/register">{t('catalogue.registerToEnrol')}</Link>
        </p>
      )}
      {courses.length === 0 ? <p className="empty-state">{t('catalogue.empty')}</p> : null}
      <ul className="course-list">
        {courses.map((course) => (
          <li key={course.id} className="card course-card" data-course={course.id}>
            <h2>{course.title}</h2>
            <p>{course.summary}</p>
            <CourseFacts course={course} />
            {learner ? (
              <p className="course-card__status">
                {course.status === 'enrolled' ? t('catalogue.status.enrolled', { percent: course.percent }) : t(`catalogue.status.${course.status}`)}
              </p>
            ) : null}
            <Link to={`/courses/${course.id}`} className="button">
              {t('catalogue.view')}
              <span className="visually-hidden">: {course.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
