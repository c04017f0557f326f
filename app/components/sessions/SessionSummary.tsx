import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { LessonModule, LessonTexts } from '~/lessons/schema';
import { moduleText, stepLabel } from '~/play/texts';
import type { FacilitatorView } from '~/sessions/session-views';
import { StepOverview } from './StepOverview';

interface Props {
  session: { id: string; pacing: string; createdAt: string; endedAt: string | null };
  module: LessonModule;
  texts: LessonTexts;
  view: FacilitatorView;
  evaluation: { howItWent: number; usefulness: Record<string, number>; comments: string | null } | null;
  saved: boolean;
}

/** After the session: what the group answered (counts only, printable) and the evaluation. */
export function SessionSummary({ session, module, texts, view, evaluation, saved }: Props) {
  const { t, i18n } = useTranslation();
  const answerSteps = module.steps.filter((s) => view.aggregates[s.id]);
  return (
    <div className="page summary">
      <h1>{t('sessions.summary.title', { module: moduleText(texts, module.titleKey) })}</h1>
      <p className="lead">
        {new Date(session.createdAt).toLocaleString(i18n.language)} · {t('sessions.summary.participants', { count: view.participants.length })} ·{' '}
        {t('sessions.summary.finished', { count: view.finished })}
      </p>
      {/* All that stays of the girls' care signals: how many there were (decision 0015). */}
      {view.careSignalCount > 0 ? <p data-testid="care-signal-count">{t('sessions.summary.careSignals', { count: view.careSignalCount })}</p> : null}
      <p className="no-print">
        <button type="button" className="button print-button" onClick={() => window.print()}>
          {t('sessions.summary.print')}
        </button>
      </p>
      <h2>{t('sessions.summary.answers')}</h2>
      {answerSteps.length === 0 ? <p className="empty-state">{t('sessions.summary.noAnswers')}</p> : null}
      {answerSteps.map((step) => (
        <section key={step.id} className="card summary__step">
          <StepOverview step={step} texts={texts} aggregate={view.aggregates[step.id]} />
        </section>
      ))}
      <section className="card no-print" aria-labelledby="evaluation-title">
        <h2 id="evaluation-title">{t('sessions.evaluation.title')}</h2>
        {saved ? (
          <p className="form-message form-message--notice" role="status">
            {t('sessions.evaluation.saved')}
          </p>
        ) : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="evaluate" />
          <fieldset className="choice-group choice-group--inline">
            <legend>{t('sessions.evaluation.howItWent')}</legend>
            {[1, 2, 3, 4, 5].map((score) => (
              <label key={score} className="pill">
                <input type="radio" name="howItWent" value={score} defaultChecked={(evaluation?.howItWent ?? 4) === score} required />
                <span>{t(`sessions.evaluation.scores.${score}`)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="choice-group">
            <legend>{t('sessions.evaluation.usefulness')}</legend>
            {module.steps
              .filter((s) => s.type !== 'end')
              .map((s, index) => (
                // Each step's radios are a group named by the step (issue 12: not "Weinig/Wat/Heel" alone).
                <fieldset key={s.id} className="usefulness-row">
                  <legend>
                    {index + 1}. {t(`sessions.stepTypes.${s.type}`)}: {stepLabel(s, texts)}
                  </legend>
                  {[1, 2, 3].map((score) => (
                    <label key={score} className="pill">
                      <input type="radio" name={`useful-${s.id}`} value={score} defaultChecked={evaluation?.usefulness[s.id] === score} />
                      <span>{t(`sessions.evaluation.useful.${score}`)}</span>
                    </label>
                  ))}
                </fieldset>
              ))}
          </fieldset>
          <div className="field">
            <label htmlFor="evaluation-comments">{t('sessions.evaluation.comments')}</label>
            <textarea id="evaluation-comments" name="comments" className="input" rows={4} maxLength={2000} defaultValue={evaluation?.comments ?? ''} />
          </div>
          <button type="submit" className="button button--primary">
            {t('sessions.evaluation.submit')}
          </button>
        </Form>
      </section>
    </div>
  );
}
