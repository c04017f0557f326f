import { useTranslation } from 'react-i18next';

export interface CourseFactsData {
  audience: 'all' | string[];
  format: string;
  minutes: number;
  languages: string[];
  earns: string;
}

/** The catalogue's facts about a course: for whom, format, duration, languages, what you earn. */
export function CourseFacts({ course }: { course: CourseFactsData }) {
  const { t } = useTranslation('courses');
  return (
    <dl className="course-facts">
      <div>
        <dt>{t('catalogue.forWhom')}</dt>
        <dd>{course.audience === 'all' ? t('catalogue.everyone') : course.audience.map((profession) => t(`common:professions.${profession}`)).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('catalogue.format')}</dt>
        <dd>{t(`formats.${course.format}`)}</dd>
      </div>
      <div>
        <dt>{t('catalogue.duration')}</dt>
        <dd>{t('catalogue.minutes', { minutes: course.minutes })}</dd>
      </div>
      <div>
        <dt>{t('catalogue.languages')}</dt>
        <dd>{course.languages.map((language) => t(`languageNames.${language}`)).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('catalogue.earns')}</dt>
        <dd>{course.earns}</dd>
      </div>
    </dl>
  );
}

/** A labelled progress bar (a native <progress>: read out by screen readers, no style attribute). */
export function ProgressBar({ label, percent, text }: { label: string; percent: number; text: string }) {
  return (
    <div className="course-progress">
      <span className="course-progress__label">{label}</span>
      <progress max={100} value={percent} aria-label={label}>
        {text}
      </progress>
      <span className="course-progress__text">{text}</span>
    </div>
  );
}
