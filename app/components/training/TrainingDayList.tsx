import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { TrainingDaySummary } from '~/training-days/training-days.server';

type Summary = TrainingDaySummary;

/** When, where, language and seats of a training day, as a definition list. */
export function TrainingDayFacts({ day, showCourse = false }: { day: Summary; showCourse?: boolean }) {
  const { t } = useTranslation(['training', 'common']);
  const where = [day.place, day.online ? t('facts.online') : null].filter(Boolean).join(' · ');
  return (
    <dl className="details">
      {showCourse ? (
        <>
          <dt>{t('facts.course')}</dt>
          <dd>{day.courseTitle}</dd>
        </>
      ) : null}
      <dt>{t('facts.when')}</dt>
      <dd>
        <time dateTime={day.startsAt}>
          {day.day}, {day.times}
        </time>
      </dd>
      <dt>{t('facts.where')}</dt>
      <dd>{where}</dd>
      <dt>{t('facts.language')}</dt>
      <dd>{t(`common:language.names.${day.language}`)}</dd>
      <dt>{t('facts.seats')}</dt>
      <dd data-seats-left={day.seatsLeft}>
        {day.seatsLeft > 0 ? t('facts.seatsLeft', { left: day.seatsLeft, capacity: day.capacity }) : t('facts.full')}
        {day.waiting > 0 ? ` · ${t('facts.waiting', { count: day.waiting })}` : null}
      </dd>
    </dl>
  );
}

/** Upcoming training days as cards, each leading to its page (register there). */
export function TrainingDayList({ days, headingLevel = 2 }: { days: Summary[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('training');
  if (!days.length) return <p className="empty-state">{t('list.empty')}</p>;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="card-list">
      {days.map((day) => (
        <li key={day.id} className="card training-day" data-training-day={day.id}>
          <Heading>
            <Link to={`/training-days/${day.id}`}>{`${day.courseTitle} — ${day.day}`}</Link>
          </Heading>
          <TrainingDayFacts day={day} />
          {day.myStatus ? <p className="training-day__status">{t(`status.${day.myStatus}`)}</p> : null}
        </li>
      ))}
    </ul>
  );
}
