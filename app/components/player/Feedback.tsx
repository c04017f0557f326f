import { useTranslation } from 'react-i18next';
import type { LessonAnswer } from '~/lessons/answers';
import type { LessonStep } from '~/lessons/schema';
import { usePlayer } from './player-context';
import { Spoken } from './ReadAloud';

interface FeedbackProps {
  step: LessonStep;
  answer: LessonAnswer;
  /** Without JavaScript "continue" is a link to the current step; with it, a button. */
  continueHref: string;
  onContinue?: () => void;
}

/** What a choice leads to, or why a quiz answer is right: warm, never blaming. */
export function Feedback({ step, answer, continueHref, onContinue }: FeedbackProps) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  let body: JSX.Element | null = null;
  if (step.type === 'choice' && 'option' in answer) {
    const option = step.options.find((o) => o.id === answer.option);
    body = (
      <>
        <p className="feedback__choice">
          {t('player.youChose')} <strong>{text(option?.labelKey)}</strong>
        </p>
        <Spoken text={text(option?.feedbackKey)} className="feedback__text" />
      </>
    );
  } else if (step.type === 'quiz' && 'options' in answer) {
    const correct = step.options.filter((o) => o.correct).map((o) => o.id);
    const allRight = correct.length === answer.options.length && correct.every((id) => answer.options.includes(id));
    body = (
      <>
        <p className="feedback__verdict">{t(allRight ? 'player.quizRight' : 'player.quizAlmost')}</p>
        <p>
          {t('player.rightAnswer')} <strong>{step.options.filter((o) => o.correct).map((o) => text(o.labelKey)).join(' · ')}</strong>
        </p>
        <Spoken text={text(step.explanationKey)} className="feedback__text" />
      </>
    );
  }
  return (
    <section className="feedback" aria-labelledby="feedback-title">
      <h1 id="feedback-title">{t('player.feedbackTitle')}</h1>
      {body}
      <p>
        {onContinue ? (
          <button type="button" className="button button--primary button--large" onClick={onContinue}>
            {t('player.next')}
          </button>
        ) : (
          <a href={continueHref} className="button button--primary button--large">
            {t('player.next')}
          </a>
        )}
      </p>
    </section>
  );
}
