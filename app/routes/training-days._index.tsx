import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/accounts/guard.server';
import { TrainingDayList } from '~/components/training/TrainingDayList';
import { i18next, readerLanguage } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { listManagedTrainingDays, listUpcomingTrainingDays, mayPublish } from '~/training-days/training-days.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'training'] };

/** Upcoming training days for every approved professional; her own published ones for a trainer. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const language = await readerLanguage(request);
  const t = await i18next.getFixedT(language, 'training');
  const courses = context.courses;
  const publishes = mayPublish(user);
  const [upcoming, managed] = await Promise.all([
    listUpcomingTrainingDays(context.db, courses, { userId: user.id, language }),
    publishes ? listManagedTrainingDays(context.db, courses, { user, language }) : Promise.resolve([]),
  ]);
  return json({ title: t('list.title'), upcoming, managed, publishes });
}

export default function TrainingDays() {
  const { upcoming, managed, publishes } = useLoaderData<typeof loader>();
  const { t } = useTranslation('training');
  return (
    <div className="page">
      <h1>{t('list.title')}</h1>
      <p className="lead">{t('list.lead')}</p>
      {publishes ? (
        <p>
          <Link to="/training-days/new" className="button button--primary">
            {t('list.new')}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="upcoming-heading" className="page">
        <h2 id="upcoming-heading">{t('list.upcoming')}</h2>
        <TrainingDayList days={upcoming} headingLevel={3} />
      </section>
      {publishes ? (
        <section aria-labelledby="managed-heading" className="page">
          <h2 id="managed-heading">{t('list.managed')}</h2>
          {managed.length ? (
            <ul className="link-list">
              {managed.map((day) => (
                <li key={day.id} data-managed-day={day.id}>
                  <Link to={`/training-days/${day.id}/attendance`}>{`${day.courseTitle} — ${day.day}, ${day.times}`}</Link>{' '}
                  <span className="muted">({t('list.manage')})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty-state">{t('list.managedEmpty')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
