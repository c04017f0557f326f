import { useRevalidator } from '@remix-run/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpResource } from '~/help/resources.server';
import type { LessonEvent } from '~/lessons/compile';
import { stepsById } from '~/lessons/graph';
import type { LessonModule, LessonTexts, LessonVariant } from '~/lessons/schema';
import { eventFromForm } from '~/play/form-event';
import { moduleText } from '~/play/texts';
import type { TabletView } from '~/sessions/session-views';
import { HelpResourceList } from '~/components/HelpResourceList';
import { isAnswerStep } from '~/lessons/schema';
import { Player } from '../player/Player';
import { PlayerContext } from '../player/player-context';
import { EasyReadSwitch, useEasyReadSetting } from '../player/ReadAloud';
import { StepScreen } from '../player/StepScreen';
import { Icon } from '../icons';
import { StepOverview } from './StepOverview';
import { useLiveState } from './useLiveState';
import { CareButton } from './CareButton';

interface Props {
  sessionId: string;
  participantId: string;
  nickname: string | null;
  avatar: string | null;
  removed: boolean;
  variant: LessonVariant;
  language: string;
  module: LessonModule;
  texts: LessonTexts;
  view: TabletView;
  answered: string[];
  /** A step she skipped without JavaScript (from the URL): nothing of it was posted. */
  skipped: string | null;
  events: LessonEvent[];
  helpResources: HelpResource[];
  problem: string | null;
  /** Her care signal waits for the facilitator (or was just sent without JavaScript). */
  careSent: boolean;
}

/**
 * On a screen where she waits for the group: without JavaScript the page reloads itself every
 * four seconds (no script needed), and a visible link reloads it by hand, for a tablet whose
 * live stream dropped.
 */
function FollowTheGroup({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <>
      <noscript>
        <meta httpEquiv="refresh" content={`4;url=${href}`} />
      </noscript>
      <p className="tablet__reload">
        <a href={href} className="button button--quiet" data-reload="true">
          <Icon name="reload" /> {t('sessions.tablet.reload')}
        </a>
      </p>
    </>
  );
}

/** What a girl's tablet shows in a group session, following the session live. */
export function TabletSession(props: Props) {
  const { t } = useTranslation();
  const live = `/live/${props.sessionId}`;
  const { view } = useLiveState<TabletView>(`${live}/events`, `${live}/state`, props.view);
  const [answered, setAnswered] = useState<string[]>(props.answered);
  // Skips stay on this tablet: in "together" mode a skip is simply not posting an answer.
  const [skipped, setSkipped] = useState<string[]>(props.skipped ? [props.skipped] : []);
  const [error, setError] = useState<string | null>(props.problem);
  const [hydrated, setHydrated] = useState(false);
  const [easyRead, setEasyRead] = useEasyReadSetting(props.variant);
  useEffect(() => setHydrated(true), []);
  // A new step of the group: an old message no longer applies.
  useEffect(() => setError(null), [view.step]);
  // Own pace: the player is gone while paused and starts again from the loader's log, which
  // is as old as the page; read her log again whenever the session's status changes, so
  // that after a pause she is back at her own step (answers not yet sent wait in her queue).
  const revalidator = useRevalidator();
  const shownStatus = useRef(view.status);
  useEffect(() => {
    const before = shownStatus.current;
    shownStatus.current = view.status;
    if (view.pacing === 'own_pace' && before !== view.status && view.status !== 'ended') revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.status, view.pacing]);
  // Someone was removed: her own page knows whether it was her (the shared view names nobody).
  const shownRemovals = useRef(view.removals);
  useEffect(() => {
    if (shownRemovals.current === view.removals) return;
    shownRemovals.current = view.removals;
    if (!props.removed) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.removals]);
  const text = (key: string | undefined) => moduleText(props.texts, key);
  const here = `/s/${props.participantId}`;
  const me = (
    <div className="tablet__top">
      {props.nickname ? (
        <p className="tablet__me">
          {props.avatar ? <img src={`/avatars/${props.avatar}.svg`} alt="" width={40} height={40} /> : null} {props.nickname}
        </p>
      ) : null}
      <CareButton mode="signal" action={`${live}/care`} sent={props.careSent} hydrated={hydrated} />
    </div>
  );

  if (view.status === 'ended') {
    return (
      <div className="tablet tablet--ended" data-tablet-status="ended">
        <h1>{t('sessions.tablet.endedTitle')}</h1>
        <p className="lead">{t('sessions.tablet.endedLead')}</p>
        <HelpResourceList resources={props.helpResources} />
      </div>
    );
  }
  if (props.removed) {
    return (
      <div className="tablet" data-tablet-status="removed">
        <p className="form-message form-message--notice">{t('join.errors.removed')}</p>
      </div>
    );
  }
  if (view.status === 'lobby') {
    return (
      <div className="tablet tablet--waiting" data-tablet-status="lobby">
        {me}
        <h1>{t('sessions.tablet.waitingTitle')}</h1>
        <p className="lead">{t('sessions.tablet.waitingLead')}</p>
        <FollowTheGroup href={here} />
      </div>
    );
  }
  if (view.status === 'paused') {
    return (
      <div className="tablet tablet--paused" data-tablet-status="paused">
        {me}
        <h1>{t('sessions.tablet.pausedTitle')}</h1>
        <p className="lead">{t('sessions.tablet.pausedLead')}</p>
        <FollowTheGroup href={here} />
      </div>
    );
  }
  if (view.pacing === 'own_pace') {
    return (
      <div className="tablet" data-tablet-status="running">
        {me}
        <Player
          participantId={props.participantId}
          variant={props.variant}
          language={props.language}
          preview={false}
          module={props.module}
          texts={props.texts}
          events={props.events}
          helpResources={props.helpResources}
          feedback={null}
          formError={null}
        />
      </div>
    );
  }

  const step = view.step ? stepsById(props.module).get(view.step) : undefined;
  if (!step) return null;
  const hasAnswered = answered.includes(step.id);
  const hasSkipped = !hasAnswered && skipped.includes(step.id);
  // She waits for the group once she answered or skipped, and on a step with nothing to answer.
  const waiting = hasAnswered || hasSkipped || !isAnswerStep(step);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter ?? undefined;
    const lessonEvent = eventFromForm(step!, new FormData(event.currentTarget, submitter));
    if (lessonEvent.type === 'SKIP') {
      setSkipped((list) => [...list, step!.id]);
      setError(null);
      return;
    }
    if (lessonEvent.type !== 'ANSWER') return;
    try {
      const response = await fetch(`${live}/answer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ step: step!.id, answer: lessonEvent.answer }),
      });
      if (response.ok) {
        setAnswered((list) => [...list, step!.id]);
        setError(null);
      } else {
        // A refusal names its message (decision 0022): an old step, an answer not complete, the session closed.
        const refusal = (await response.json().catch(() => null)) as { message?: unknown } | null;
        setError(typeof refusal?.message === 'string' ? refusal.message : 'player.errors.notSaved');
      }
    } catch {
      setError('player.errors.notSaved');
    }
  }

  return (
    <PlayerContext.Provider
      value={{ texts: props.texts, variant: props.variant, language: props.language, hydrated, easyRead, text, participantId: props.participantId }}
    >
      <div
        className={`tablet player player--${props.variant}${easyRead ? ' player--easy-read' : ''}`}
        data-tablet-status="running"
        data-step={step.id}
        data-step-type={step.type}
      >
        {me}
        <EasyReadSwitch on={easyRead} onChange={setEasyRead} />
        {hasAnswered ? (
          <section className="feedback" data-answered="true">
            <h1>{t('sessions.tablet.answeredTitle')}</h1>
            <p className="lead">{t('sessions.tablet.answeredLead')}</p>
          </section>
        ) : hasSkipped ? (
          <section className="feedback" data-skipped="true">
            <h1>{t('sessions.tablet.skippedTitle')}</h1>
            <p className="lead">{t('sessions.tablet.skippedLead')}</p>
          </section>
        ) : (
          <StepScreen
            step={step}
            sequence={0}
            canGoBack={false}
            onSubmit={hydrated ? submit : undefined}
            error={error}
            helpResources={props.helpResources}
            follow={{ action: `${live}/answer` }}
          />
        )}
        {view.revealed && view.revealed.stepId === step.id ? (
          <section className="card" aria-labelledby="results-title">
            <h2 id="results-title">{t('sessions.tablet.results')}</h2>
            <StepOverview step={step} texts={props.texts} aggregate={view.revealed} />
          </section>
        ) : null}
        {waiting ? <FollowTheGroup href={hasSkipped ? `${here}?skipped=${encodeURIComponent(step.id)}` : here} /> : null}
      </div>
    </PlayerContext.Provider>
  );
}
