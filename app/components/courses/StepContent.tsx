import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { StepView } from '~/courses/views.server';

type Jsonified<T> = T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/** Paragraphs: a blank line in the content starts a new one. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        <p key={index}>{paragraph.trim()}</p>
      ))}
    </>
  );
}

export function TextStep({ step }: { step: Jsonified<Extract<StepView, { type: 'text' }>> }) {
  return (
    <>
      {step.title ? <h2>{step.title}</h2> : null}
      {step.sections.map((section, index) => (
        <section key={index} className="course-section">
          {section.heading ? <h3>{section.heading}</h3> : null}
          <Paragraphs text={section.body} />
        </section>
      ))}
    </>
  );
}

export function VideoStep({ step }: { step: Jsonified<Extract<StepView, { type: 'video' }>> }) {
  const { t, i18n } = useTranslation('courses');
  return (
    <>
      {step.title ? <h2>{step.title}</h2> : null}
      {step.src ? (
        // Captions in every language of the course; the transcript below says everything too.
        // eslint-disable-next-line jsx-a11y/media-has-caption -- the <track>s are mapped below
        <video controls preload="metadata" className="course-video" src={step.src}>
          {step.captions.map((caption) => (
            <track
              key={caption.language}
              kind="captions"
              src={caption.src}
              srcLang={caption.language}
              label={t(`languageNames.${caption.language}`)}
              default={caption.language === i18n.language}
            />
          ))}
        </video>
      ) : (
        <p className="muted">{t('player.noVideo')}</p>
      )}
      {step.signLanguage ? (
        <details>
          <summary>{t('player.signLanguage')}</summary>
          {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a sign-language video is itself the accessible version; the transcript follows */}
          <video controls preload="none" className="course-video" src={step.signLanguage} />
        </details>
      ) : null}
      <section className="course-section">
        <h3>{t('player.transcript')}</h3>
        <Paragraphs text={step.transcript} />
      </section>
    </>
  );
}

export function CaseStep({ step }: { step: Jsonified<Extract<StepView, { type: 'case' }>> }) {
  const { t } = useTranslation('courses');
  return (
    <>
      {step.title ? <h2>{step.title}</h2> : null}
      <div className="course-case">
        <Paragraphs text={step.situation} />
      </div>
      {step.chosen ? (
        <div className="course-feedback" role="status">
          <p>
            <strong>{t('player.caseYourChoice', { choice: step.chosen.label })}</strong>
          </p>
          <p>{step.chosen.feedback}</p>
        </div>
      ) : (
        <Form method="post" className="form">
          <fieldset className="choice-group">
            <legend>{step.prompt}</legend>
            {step.options.map((option) => (
              <label key={option.id} className="choice">
                <input type="radio" name="choice" value={option.id} required />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="choose" className="button button--primary">
            {t('player.caseSubmit')}
          </button>
        </Form>
      )}
    </>
  );
}

export function MaterialStep({ step, href }: { step: Jsonified<Extract<StepView, { type: 'material' }>>; href: string }) {
  const { t } = useTranslation('courses');
  return (
    <>
      <h2>{step.title}</h2>
      {step.description ? <p>{step.description}</p> : null}
      <p>
        <a href={href} className="button" download>
          {step.kind === 'pdf' ? t('player.materialPdf') : t('player.materialFile')}
        </a>
      </p>
    </>
  );
}

export function QuizStep({ step, canSubmit }: { step: Jsonified<Extract<StepView, { type: 'quiz' }>>; canSubmit: boolean }) {
  const { t } = useTranslation('courses');
  const result = step.result;
  const labelOf = (questionId: string, ids: string[]) => {
    const question = step.questions.find((q) => q.id === questionId)!;
    const labels = question.options.filter((option) => ids.includes(option.id)).map((option) => option.label);
    return labels.length ? labels.join(' · ') : t('player.quizNoAnswer');
  };
  return (
    <>
      {step.title ? <h2>{step.title}</h2> : null}
      {step.intro ? <p>{step.intro}</p> : null}
      <p>{t('player.quizPassMark', { mark: step.passMark })}</p>
      {result ? (
        <section className="course-feedback" aria-labelledby="quiz-result" data-passed={result.passed ? 'true' : 'false'}>
          <h3 id="quiz-result">
            {result.passed ? t('player.quizPassed') : t('player.quizFailed')}{' '}
            {t('player.quizResult', { score: result.score, correct: result.correct, total: result.total })}
          </h3>
          <ol className="quiz-review">
            {result.questions.map((question) => (
              <li
                key={question.id}
                data-question={question.id}
                data-right={question.right ? 'true' : 'false'}
                className={question.right ? 'quiz-review__right' : 'quiz-review__wrong'}
              >
                <p>
                  <strong>{question.right ? t('player.quizRight') : t('player.quizWrong')}</strong> —{' '}
                  {step.questions.find((q) => q.id === question.id)?.question}
                </p>
                <p>{t('player.quizYourAnswer', { answer: labelOf(question.id, question.chosen) })}</p>
                {question.right ? null : <p>{t('player.quizCorrectAnswer', { answer: labelOf(question.id, question.correctOptions) })}</p>}
                <p className="muted">{result.feedback[question.id]}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {canSubmit ? (
        <Form method="post" className="form">
          {result ? <h3>{t('player.quizAgain')}</h3> : null}
          {step.questions.map((question, index) => (
            <fieldset key={question.id} className="choice-group" data-question={question.id}>
              <legend>
                {index + 1}. {question.question} {question.multiple ? <span className="muted">{t('player.quizMultiple')}</span> : null}
              </legend>
              {question.options.map((option) => (
                <label key={option.id} className="choice">
                  <input type={question.multiple ? 'checkbox' : 'radio'} name={`q.${question.id}`} value={option.id} />
                  <span>{option.label}</span>
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" name="intent" value="submit" className="button button--primary">
            {t('player.quizSubmit')}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function LessonFinished({ courseId }: { courseId: string }) {
  const { t } = useTranslation('courses');
  return (
    <p className="form-message form-message--notice" role="status">
      {t('player.lessonFinished')} <Link to={`/courses/${courseId}`}>{t('player.toCourse')}</Link>
    </p>
  );
}
