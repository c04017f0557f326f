import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpResource } from '~/help/resources.server';
import { type LessonStep, type StepOf, isAnswerStep, skipTarget } from '~/lessons/schema';
import { HelpResourceList } from '~/components/HelpResourceList';
import { BodyMapActivity, SortActivity } from './Activities';
import { Pictogram } from './Pictogram';
import { usePlayer } from './player-context';
import { ReadAloud, ReadScreen, Spoken } from './ReadAloud';

interface StepScreenProps {
  step: LessonStep;
  /** The number this answer gets in her progress log (the server checks it). */
  sequence: number;
  canGoBack: boolean;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  error: string | null;
  helpResources: HelpResource[];
  /** Group session, "together": the facilitator moves on, so only answers are posted, to this URL. */
  follow?: { action: string };
}

/** One step, one screen, one form: it posts to the server without JavaScript, and runs here with it. */
export function StepScreen({ step, sequence, canGoBack, onSubmit, error, helpResources, follow }: StepScreenProps) {
  const { t } = useTranslation();
  const { variant } = usePlayer();
  const signLanguage = variant === 'slechthorend' && step.signLanguage;
  return (
    <div className={signLanguage ? 'step step--with-sign-language' : 'step'}>
      <ReadScreen />
      <form method="post" action={follow?.action} className="step__form" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="sequence" value={sequence} />
        {follow ? <input type="hidden" name="step" value={step.id} /> : null}
        {error ? (
          <p className="form-message form-message--error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <StepBody step={step} helpResources={helpResources} />
        {/* The answer's button comes first: Enter in a field submits the form's first button, never "back". */}
        <div className="step__actions">
          {follow && !isAnswerStep(step) ? null : <StepSubmit step={step} />}
          {canGoBack && !follow ? (
            <button type="submit" name="intent" value="back" className="button button--quiet">
              {t('player.back')}
            </button>
          ) : null}
        </div>
        {skipTarget(step) !== undefined ? (
          // Secondary, after the answer in the form (Enter never skips), but always in view.
          <div className="step__skip">
            <button type="submit" name="intent" value="skip" className="button button--quiet" formNoValidate>
              {t('player.skip')}
            </button>
          </div>
        ) : null}
      </form>
      {signLanguage ? (
        <aside className="step__sign-language" aria-label={t('player.signLanguage')}>
          <video src={step.signLanguage} controls muted playsInline preload="metadata" />
        </aside>
      ) : null}
    </div>
  );
}

function StepSubmit({ step }: { step: LessonStep }) {
  const { t } = useTranslation();
  switch (step.type) {
    case 'choice':
      return null; // each option is its own button
    case 'poll':
      return step.multiple ? <PrimaryButton>{t('player.done')}</PrimaryButton> : null;
    case 'quiz':
      return step.multiple ? <PrimaryButton>{t('player.check')}</PrimaryButton> : null;
    case 'sort':
    case 'body-map':
      return <PrimaryButton>{t('player.done')}</PrimaryButton>;
    case 'end':
      return null;
    default:
      return <PrimaryButton>{t('player.next')}</PrimaryButton>;
  }
}

function PrimaryButton({ children }: { children: ReactNode }) {
  return (
    <button type="submit" name="intent" value="next" className="button button--primary button--large">
      {children}
    </button>
  );
}

function StepBody({ step, helpResources }: { step: LessonStep; helpResources: HelpResource[] }) {
  switch (step.type) {
    case 'story':
      return <StoryStep step={step} />;
    case 'choice':
      return <ChoiceStep step={step} />;
    case 'quiz':
      return <QuizStep step={step} />;
    case 'poll':
      return <PollStep step={step} />;
    case 'sort':
      return <SortActivity step={step} />;
    case 'body-map':
      return <BodyMapActivity step={step} />;
    case 'reflection':
      return <ReflectionStep step={step} />;
    case 'video':
      return <VideoStep step={step} />;
    case 'offline':
      return <OfflineStep step={step} />;
    case 'help':
      return <HelpStep step={step} resources={helpResources} />;
    case 'end':
      return <EndStep step={step} />;
  }
}

function Illustration({ src, altKey }: { src?: string; altKey?: string }) {
  const { text } = usePlayer();
  if (!src) return null;
  return <img className="step__illustration" src={src} alt={text(altKey)} />;
}

function StoryStep({ step }: { step: StepOf<'story'> }) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  if (step.mode === 'chat') {
    const characters = new Map((step.characters ?? []).map((c) => [c.id, c]));
    return (
      <section className="story story--chat" aria-label={text(step.altKey) || undefined}>
        {/* Every screen has a heading (issue 12): a story names what it is. */}
        <h1 className="step__question story__title">{t('player.chatTitle')}</h1>
        <Illustration src={step.illustration} altKey={step.altKey} />
        <ol className="chat">
          {(step.messages ?? []).map((message, index) => {
            const character = characters.get(message.from);
            return (
              <li key={index} className="chat__message">
                {character?.avatar ? <img className="chat__avatar" src={character.avatar} alt="" width={40} height={40} /> : null}
                <div className="chat__bubble">
                  <p className="chat__meta">
                    <strong>{text(character?.nameKey)}</strong> <time>{message.time}</time>
                  </p>
                  <Spoken text={text(message.textKey)} say={`${text(character?.nameKey)}: ${text(message.textKey)}`} />
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    );
  }
  return (
    <section className="story">
      <h1 className="step__question story__title">{t('player.storyTitle')}</h1>
      <Illustration src={step.illustration} altKey={step.altKey} />
      {(step.panels ?? []).map((panel, index) => (
        <div key={index} className="story__panel">
          <Illustration src={panel.illustration} altKey={panel.altKey} />
          <Spoken text={text(panel.textKey)} className={index === 0 ? 'story__lead' : undefined} />
        </div>
      ))}
    </section>
  );
}

function OptionButtons({ name, options }: { name: string; options: { id: string; labelKey: string; pictogram?: string }[] }) {
  const { text } = usePlayer();
  return (
    <div className="options">
      {options.map((option) => (
        <div key={option.id} className="options__item">
          <button type="submit" name={name} value={option.id} className="option-button">
            <Pictogram name={option.pictogram} />
            <span>{text(option.labelKey)}</span>
          </button>
          <ReadAloud text={text(option.labelKey)} />
        </div>
      ))}
    </div>
  );
}

function ChoiceStep({ step }: { step: StepOf<'choice'> }) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  return (
    <section className="choice-step">
      {step.framing === 'squad-advice' ? <Spoken text={t('player.squadAdvice')} className="squad-badge" /> : null}
      {step.contextKey ? <Spoken text={text(step.contextKey)} /> : null}
      <Spoken as="h1" text={text(step.promptKey)} className="step__question" />
      <OptionButtons name="option" options={step.options} />
    </section>
  );
}

function QuizStep({ step }: { step: StepOf<'quiz'> }) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  if (!step.multiple) {
    return (
      <section>
        <Spoken as="h1" text={text(step.questionKey)} className="step__question" />
        <OptionButtons name="option" options={step.options} />
      </section>
    );
  }
  return (
    <fieldset className="quiz">
      <legend className="step__question">{text(step.questionKey)}</legend>
      <Spoken text={t('player.chooseAll')} className="field__hint" />
      {step.options.map((option) => (
        <div key={option.id} className="options__item">
          <label className="check-option">
            <input type="checkbox" name="option" value={option.id} />
            <Pictogram name={option.pictogram} />
            <span>{text(option.labelKey)}</span>
          </label>
          <ReadAloud text={text(option.labelKey)} />
        </div>
      ))}
    </fieldset>
  );
}

function PollStep({ step }: { step: StepOf<'poll'> }) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  if (step.multiple) {
    return (
      <fieldset className={`poll poll--${step.kind}`}>
        <legend className="step__question">{text(step.questionKey)}</legend>
        <Spoken text={t('player.anonymous')} className="field__hint" />
        {step.options.map((option) => (
          <div key={option.id} className="options__item">
            <label className="check-option">
              <input type="checkbox" name="option" value={option.id} />
              <Pictogram name={option.pictogram} />
              <span>{text(option.labelKey)}</span>
            </label>
            <ReadAloud text={text(option.labelKey)} />
          </div>
        ))}
      </fieldset>
    );
  }
  return (
    <section className={`poll poll--${step.kind}`}>
      <Spoken as="h1" text={text(step.questionKey)} className="step__question" />
      <Spoken text={t('player.anonymous')} className="field__hint" />
      <OptionButtons name="option" options={step.options} />
    </section>
  );
}

function ReflectionStep({ step }: { step: StepOf<'reflection'> }) {
  const { t } = useTranslation();
  const { text, hydrated, participantId } = usePlayer();
  return (
    <section className="reflection">
      <Spoken text={t('player.together')} className="squad-badge" />
      <Spoken as="h1" text={text(step.questionKey)} className="reflection__question" />
      {step.privateAnswer && hydrated ? <PrivateNote stepId={step.id} participantId={participantId} /> : null}
    </section>
  );
}

/**
 * Her own words stay on this device: never in the form, never posted. Kept under her own
 * participant id, so the next girl on a shared tablet does not find them.
 */
function PrivateNote({ stepId, participantId }: { stepId: string; participantId: string }) {
  const { t } = useTranslation();
  const key = `weerbaar.note.${participantId}.${stepId}`;
  return (
    <div className="field">
      <label htmlFor={`note-${stepId}`}>{t('player.privateNote')}</label>
      <textarea
        id={`note-${stepId}`}
        className="input"
        form="__never-posted"
        rows={3}
        maxLength={1000}
        defaultValue={typeof window === 'undefined' ? '' : (window.sessionStorage.getItem(key) ?? '')}
        onChange={(event) => window.sessionStorage.setItem(key, event.currentTarget.value)}
        aria-describedby={`note-${stepId}-hint`}
      />
      <p id={`note-${stepId}-hint`} className="field__hint">
        {t('player.privateNoteHint')}
      </p>
    </div>
  );
}

function VideoStep({ step }: { step: StepOf<'video'> }) {
  const { t } = useTranslation();
  const { text, language } = usePlayer();
  return (
    <section className="video-step">
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the <track>s are mapped below */}
      <video className="video-step__video" src={step.src} controls playsInline preload="metadata">
        {Object.entries(step.captions).map(([lng, src]) => (
          <track key={lng} kind="captions" src={src} srcLang={lng} label={t(`language.names.${lng}`)} default={lng === language} />
        ))}
      </video>
      <details className="video-step__transcript">
        <summary>{t('player.transcript')}</summary>
        <Spoken text={text(step.transcriptKey)} />
      </details>
    </section>
  );
}

function OfflineStep({ step }: { step: StepOf<'offline'> }) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  return (
    <section className="offline-step">
      <Spoken text={t('player.offline', { minutes: step.minutes })} className="squad-badge" />
      <Spoken as="h1" text={text(step.titleKey)} className="step__question" />
      <details className="offline-step__instructions">
        <summary>{t('player.forFacilitator')}</summary>
        <Spoken text={text(step.instructionsKey)} />
      </details>
    </section>
  );
}

function HelpStep({ step, resources }: { step: StepOf<'help'>; resources: HelpResource[] }) {
  const { text } = usePlayer();
  return (
    <section className="help-step">
      <Spoken as="h1" text={text(step.introKey)} className="step__question" />
      <HelpResourceList
        resources={resources}
        name={(resource) => <Spoken as="h2" text={resource.name} say={[resource.name, resource.phone, resource.email].filter(Boolean).join('. ')} />}
        describe={(description) => <Spoken text={description} />}
        detail={(line, className) => <Spoken text={line} className={className} />}
      />
    </section>
  );
}

function EndStep({ step }: { step: StepOf<'end'> }) {
  const { t } = useTranslation();
  const { text } = usePlayer();
  return (
    <section className="end-step">
      <Spoken as="h1" text={t('player.endTitle')} />
      {step.summaryKeys.map((key) => (
        <Spoken key={key} text={text(key)} className="end-step__summary" />
      ))}
      <Spoken text={t('player.endDone')} className="end-step__done" />
    </section>
  );
}
