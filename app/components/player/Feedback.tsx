import { useTranslation } from 'react-i18next';
import type { LessonAnswer } from '~/lessons/answers';
import type { LessonStep } from '~/lessons/schema';
import { usePlayer } from './player-context';
import { ReadAloud, ReadScreen, Spoken } from './ReadAloud';

interface FeedbackProps {
  step: LessonStep;
  answer: LessonAnswer;
  /** Without JavaScript "continue" is a link to the current step; with it, a button. */
  continueHref: string;
  onContinue?: () => void;
}

/** What a choice leads to, why a quiz answer is right, or where each sorted card belongs: warm, never blaming. */
export function Feedback({ step, answer, continueHref, onContinue }: FeedbackProps) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  let body: JSX.Element | null = null;
  if (step.type === 'choice' && 'option' in answer) {
    const option = step.options.find((o) => o.id === answer.option);
    body = (
      <>
        <div className="spoken">
          <p className="feedback__choice">
            {t('player.youChose')} <strong>{text(option?.labelKey)}</strong>
          </p>
        </div>
        <Spoken text={text(option?.feedbackKey)} className="feedback__text" />
      </>
    );
  } else if (step.type === 'quiz' && 'options' in answer) {
    const correct = step.options.filter((o) => o.correct).map((o) => o.id);
    const allRight = correct.length === answer.options.length && correct.every((id) => answer.options.includes(id));
    const rightLabels = step.options.filter((o) => o.correct).map((o) => text(o.labelKey));
    body = (
      <>
        <Spoken text={t(allRight ? 'player.quizRight' : 'player.quizAlmost')} className="feedback__verdict" />
        <div className="spoken">
          <p>
            {t('player.rightAnswer')} <strong>{rightLabels.join(', ')}</strong>
          </p>
        </div>
        <Spoken text={text(step.explanationKey)} className="feedback__text" />
      </>
    );
  } else if (step.type === 'sort' && 'placements' in answer) {
    // Decision 0010: every card put elsewhere is named, with where it belongs and why.
    const misplaced = step.items.filter((item) => answer.placements[item.id] !== item.category);
    const categoryLabel = (id: string) => text(step.categories.find((category) => category.id === id)?.labelKey);
    body = (
      <>
        <Spoken text={t(misplaced.length ? 'player.sortLookAgain' : 'player.sortAllRight')} className="feedback__verdict" />
        {misplaced.length ? (
          <ul className="feedback__cards">
            {misplaced.map((item) => {
              const belongs = t('player.sortBelongs', { category: categoryLabel(item.category) });
              return (
                <li key={item.id} className="feedback__card" data-item={item.id}>
                  <div className="spoken">
                    <p>
                      <strong>{text(item.labelKey)}</strong> {belongs}
                    </p>
                    <ReadAloud text={`${text(item.labelKey)} ${belongs}`} />
                  </div>
                  {item.explanationKey ? <Spoken text={text(item.explanationKey)} /> : null}
                </li>
              );
            })}
          </ul>
        ) : null}
        <Spoken text={text(step.explanationKey)} className="feedback__text" />
      </>
    );
  }
  return (
    <section className="feedback" aria-labelledby="feedback-title">
      <ReadScreen />
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
