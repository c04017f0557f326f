import { useRevalidator } from '@remix-run/react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpResource } from '~/help/resources.server';
import { type LessonEvent, applyLessonEvent, compileLessonFlow, currentStepId, progressAlongPath, replayLessonEvents } from '~/lessons/compile';
import { stepsById } from '~/lessons/graph';
import type { LessonModule, LessonTexts, LessonVariant } from '~/lessons/schema';
import { eventFromForm } from '~/play/form-event';
import { ProgressQueue, type SaveState } from '~/play/progress-queue';
import { moduleText } from '~/play/texts';
import { Feedback } from './Feedback';
import { EasyReadSwitch, useEasyReadSetting } from './ReadAloud';
import { PlayerContext } from './player-context';
import { StepScreen } from './StepScreen';

/** The steps whose answer gets a feedback screen (the server's no-JavaScript path uses the same set). */
export const feedbackStepTypes: ReadonlySet<string> = new Set(['choice', 'quiz', 'sort']);

export interface PlayerProps {
  participantId: string;
  variant: LessonVariant;
  language: string;
  preview: boolean;
  module: LessonModule;
  texts: LessonTexts;
  events: LessonEvent[];
  helpResources: HelpResource[];
  /** A step whose feedback the server shows (after a no-JavaScript answer). */
  feedback: string | null;
  formError: string | null;
}

/**
 * The tablet player. The server renders the current step as a form that works on its own;
 * once hydrated, the same lesson machine runs here: the screen changes at once and every
 * answer goes through the progress queue in the background.
 */
export function Player(props: PlayerProps) {
  const { t } = useTranslation();
  const machine = useMemo(() => compileLessonFlow(props.module), [props.module]);
  const steps = useMemo(() => stepsById(props.module), [props.module]);
  const [events, setEvents] = useState<LessonEvent[]>(props.events);
  const [feedback, setFeedback] = useState<string | null>(props.feedback);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [hydrated, setHydrated] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const queue = useRef<ProgressQueue>();
  const [easyRead, setEasyRead] = useEasyReadSetting(props.variant);
  const revalidator = useRevalidator();

  // What this screen shows, and whether the server refused one of its answers since.
  const shownEvents = useRef({ participantId: props.participantId, events: props.events });
  const refused = useRef(false);

  // The server's log is the truth; answers queued on this device go on top of it.
  useEffect(() => {
    const onOutOfStep = () => {
      refused.current = true;
      revalidator.revalidate();
    };
    const progressQueue = new ProgressQueue({ participantId: props.participantId, onState: setSaveState, onOutOfStep });
    queue.current = progressQueue;
    progressQueue.prune(props.events.length);
    // A log read before this screen's latest answers reached the server is behind, not different:
    // the screen keeps them (each is saved or still queued) unless the server refused one.
    const shown = shownEvents.current.participantId === props.participantId ? shownEvents.current.events : [];
    const behind =
      !refused.current && shown.length > props.events.length && props.events.every((event, i) => JSON.stringify(event) === JSON.stringify(shown[i]));
    refused.current = false;
    let merged: LessonEvent[] = behind ? shown : props.events;
    for (const queued of progressQueue.pending()) {
      if (queued.sequence <= merged.length) continue;
      if (queued.sequence !== merged.length + 1 || !replayLessonEvents(machine, [...merged, queued.event]).ok) break;
      merged = [...merged, queued.event];
    }
    setEvents(merged);
    // A log from the server (another tablet answered first) replaces what this screen assumed.
    if (!behind) setFeedback(props.feedback);
    setHydrated(true);
    void progressQueue.flush();
    return () => progressQueue.stop();
    // A new server log (revalidation, another tablet) starts over from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.events, props.participantId, machine]);

  shownEvents.current = { participantId: props.participantId, events };
  const state = useMemo(() => replayLessonEvents(machine, events), [machine, events]);
  // The local log always replays (each event was accepted by this machine before it was kept).
  if (!state.ok) throw new Error(`the player's log does not replay: ${state.reason}`);
  const snapshot = state.snapshot;
  const step = steps.get(currentStepId(snapshot))!;
  const progress = progressAlongPath(props.module, snapshot);
  const answeredStep = feedback ? steps.get(feedback) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter ?? undefined;
    const lessonEvent = eventFromForm(step, new FormData(event.currentTarget, submitter));
    const result = applyLessonEvent(machine, snapshot, lessonEvent);
    if (!result.ok) {
      setLocalError('player.errors.incomplete');
      return;
    }
    setLocalError(null);
    const sequence = events.length + 1;
    setEvents([...events, lessonEvent]);
    setFeedback(lessonEvent.type === 'ANSWER' && feedbackStepTypes.has(step.type) ? step.id : null);
    queue.current?.push({ sequence, event: lessonEvent });
    window.scrollTo({ top: 0 });
  }
  const error = localError ?? props.formError;

  const context = {
    texts: props.texts,
    variant: props.variant,
    language: props.language,
    hydrated,
    easyRead,
    participantId: props.participantId,
    text: (key: string | undefined) => moduleText(props.texts, key),
  };

  return (
    <PlayerContext.Provider value={context}>
      <div
        className={`player player--${props.variant}${easyRead ? ' player--easy-read' : ''}`}
        data-step={answeredStep ? `feedback-${answeredStep.id}` : step.id}
        data-step-type={step.type}
      >
        {props.preview ? <p className="player__preview">{t('player.preview')}</p> : null}
        <div className="player__bar">
          <label className="player__progress">
            <span>{t('player.progressLabel')}</span>
            <progress max={100} value={Math.round(progress.fraction * 100)} />
          </label>
          <EasyReadSwitch on={easyRead} onChange={setEasyRead} />
          <p className="player__save" role="status" data-save-state={hydrated ? saveState : 'server'}>
            {hydrated ? t(`player.save.${saveState}`) : null}
          </p>
        </div>
        {answeredStep && snapshot.context.answers[answeredStep.id] ? (
          <Feedback
            step={answeredStep}
            answer={snapshot.context.answers[answeredStep.id]!}
            continueHref={`/play/p/${props.participantId}`}
            onContinue={hydrated ? () => setFeedback(null) : undefined}
          />
        ) : (
          <StepScreen
            step={step}
            sequence={events.length + 1}
            canGoBack={props.module.allowBack && snapshot.context.path.length > 1 && snapshot.status === 'active'}
            onSubmit={hydrated ? submit : undefined}
            error={error}
            helpResources={props.helpResources}
          />
        )}
      </div>
    </PlayerContext.Provider>
  );
}
