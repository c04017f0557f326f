import { useFetcher } from '@remix-run/react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepsById } from '~/lessons/graph';
import type { LessonModule, LessonTexts } from '~/lessons/schema';
import { moduleText, stepLabel } from '~/play/texts';
import { mostChosenOption } from '~/sessions/aggregate';
import type { FacilitatorView } from '~/sessions/session-views';
import { Icon } from '../icons';
import { StepOverview } from './StepOverview';
import { useLiveState } from './useLiveState';

/** How long "undo" stays before a removal is posted. */
const UNDO_MS = 5000;

interface Props {
  session: { id: string; variant: string; language: string; pacing: string };
  joinUrl: string;
  joinOnLocalNetwork: boolean;
  otherJoinUrls: string[];
  module: LessonModule;
  texts: LessonTexts;
  view: FacilitatorView;
}

/** The facilitator's screen: who joined, the step on the projector, the controls and her guide notes. */
export function FacilitatorConsole({ session, joinUrl, joinOnLocalNetwork, otherJoinUrls, module, texts, view: initial }: Props) {
  const { t, i18n } = useTranslation();
  const base = `/facilitate/sessions/${session.id}`;
  const { view, connection } = useLiveState<FacilitatorView>(`${base}/events`, `${base}/state`, initial);
  // A refused control answers `{ reason, message }` (decision 0022): the message is shown.
  const fetcher = useFetcher<{ reason?: string; message?: string }>();
  const steps = stepsById(module);
  const step = view.step ? steps.get(view.step) : undefined;
  const text = (key: string | undefined) => moduleText(texts, key);
  const control = (intent: string, label: string, extra?: ReactNode, className = 'button') => (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {extra}
      <button type="submit" className={className} disabled={fetcher.state !== 'idle'}>
        {label}
      </button>
    </fetcher.Form>
  );
  const currentAggregate = step ? view.aggregates[step.id] : undefined;
  // Removing a girl waits a few seconds with an undo (issue 12: a click by mistake); without JavaScript the confirm posts at once.
  const [pendingRemoval, setPendingRemoval] = useState<{ handle: string; name: string } | null>(null);
  const removalTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(removalTimer.current), []);
  const confirmRemoval = (event: FormEvent<HTMLFormElement>, participant: { handle: string; name: string }) => {
    event.preventDefault();
    event.currentTarget.closest('details')?.removeAttribute('open');
    clearTimeout(removalTimer.current);
    setPendingRemoval(participant);
    removalTimer.current = setTimeout(() => {
      setPendingRemoval(null);
      fetcher.submit({ intent: 'remove', participant: participant.handle }, { method: 'post' });
    }, UNDO_MS);
  };

  return (
    <div className="console" data-version={view.version} data-status={view.status}>
      <header className="console__header">
        <h1>{text(module.titleKey)}</h1>
        <p className="muted">
          {t(`play.variants.${session.variant}`)} · {t(`language.names.${session.language}`)} · {t(`sessions.pacing.${session.pacing}`)} ·{' '}
          <strong>{t(`sessions.status.${view.status}`)}</strong> · <span data-connection={connection}>{t(`sessions.connection.${connection}`)}</span>
        </p>
        <p className="console__projector">
          <a className="button" href={`${base}/projector`} target="_blank" rel="noopener noreferrer" aria-describedby="projector-hint">
            {t('sessions.projector.open')}
          </a>{' '}
          <span id="projector-hint" className="muted">
            {t('sessions.projector.openHint')}
          </span>{' '}
          <a
            className="button button--quiet"
            href={`/facilitate/modules/${module.id}/guide?variant=${session.variant}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('sessions.console.openGuide')}
          </a>
        </p>
      </header>
      {fetcher.data?.message ? (
        <p className="form-message form-message--error" role="alert">
          {t(fetcher.data.message)}
        </p>
      ) : null}

      {/* A girl's private care signal: here only, never on the projector or in a count (decision 0015). */}
      <section className="care-alerts" aria-live="polite" aria-label={t('sessions.care.consoleTitle')} data-testid="care-alerts">
        {view.careSignals.length > 0 ? (
          <>
            <p className="care-alerts__hint">
              <Icon name="care" /> {t('sessions.care.consoleHint')}
            </p>
            <ul className="care-alerts__list">
              {view.careSignals.map((signal) => {
                const name = signal.nickname ?? t('sessions.care.nameless');
                return (
                  <li key={signal.id} className="care-alerts__item" data-care-signal={signal.id}>
                    {signal.avatar ? <img src={`/avatars/${signal.avatar}.svg`} alt="" width={40} height={40} /> : null}
                    <span>
                      <strong>{name}</strong>: {t('sessions.care.consoleTitle').toLocaleLowerCase(i18n.language)}{' '}
                      <time dateTime={signal.at}>
                        {t('sessions.care.at', { time: new Date(signal.at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })}
                      </time>
                    </span>
                    {control(
                      'careSeen',
                      t('sessions.care.markSeen', { name }),
                      <input type="hidden" name="signalId" value={signal.id} />,
                      'button button--quiet',
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card console__join" aria-labelledby="join-title">
        <h2 id="join-title">{t('sessions.console.join')}</h2>
        <p className="join-code" aria-label={t('sessions.console.codeLabel', { code: view.joinCode.split('').join(' ') })}>
          {view.joinCode}
        </p>
        <img className="join-qr" src={`${base}/qr.svg`} alt={t('sessions.console.qrAlt')} width={220} height={220} />
        <p className="join-url" data-testid="join-url">
          {joinUrl}
        </p>
        {joinOnLocalNetwork ? (
          <p className="muted" data-testid="join-lan-note">
            {t('sessions.console.lanNote')}
          </p>
        ) : null}
        {otherJoinUrls.length > 0 ? (
          <details className="muted">
            <summary>{t('sessions.console.lanOther')}</summary>
            <ul>
              {otherJoinUrls.map((url) => (
                <li key={url}>{url}</li>
              ))}
            </ul>
          </details>
        ) : null}
        <p>
          <strong data-testid="joined-count">{t('sessions.console.joined', { count: view.participants.length })}</strong>
        </p>
        {view.participants.length === 0 ? <p className="empty-state">{t('sessions.console.nobodyYet')}</p> : null}
        <div role="status" className="console__undo">
          {pendingRemoval ? (
            <p className="form-message form-message--notice">
              {t('sessions.console.removing', { name: pendingRemoval.name })}{' '}
              <button
                type="button"
                className="button"
                onClick={() => {
                  clearTimeout(removalTimer.current);
                  setPendingRemoval(null);
                }}
              >
                {t('sessions.console.undo')}
              </button>
            </p>
          ) : null}
        </div>
        <ul className="participant-list">
          {view.participants.map((p) => {
            const name = p.nickname ?? '';
            const handle = p.handle ?? '';
            return (
              <li
                key={handle || name}
                className="participant-list__item"
                data-pending-removal={pendingRemoval?.handle === handle && handle !== '' ? 'true' : undefined}
              >
                {p.avatar ? <img src={`/avatars/${p.avatar}.svg`} alt="" width={40} height={40} /> : null}
                <span>{p.nickname}</span>
                {/* One menu per girl: removing asks first (works without JavaScript as a plain disclosure and form). */}
                <details className="participant-menu">
                  <summary
                    className="participant-menu__toggle"
                    aria-label={t('sessions.console.menuFor', { name })}
                    title={t('sessions.console.menuFor', { name })}
                  >
                    <Icon name="menu" />
                  </summary>
                  <fetcher.Form method="post" className="participant-menu__panel" onSubmit={(event) => confirmRemoval(event, { handle, name })}>
                    <p>{t('sessions.console.removeQuestion', { name })}</p>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="participant" value={handle} />
                    <button type="submit" className="button button--danger" disabled={pendingRemoval !== null}>
                      {t('sessions.console.remove', { name })}
                    </button>
                  </fetcher.Form>
                </details>
              </li>
            );
          })}
        </ul>
        {view.locked ? control('unlock', t('sessions.console.unlock')) : control('lock', t('sessions.console.lock'))}
      </section>

      <section className="console__stage" aria-labelledby="stage-title">
        <h2 id="stage-title">{t(view.pacing === 'together' ? 'sessions.console.projector' : 'sessions.console.ownPace')}</h2>
        {view.status === 'lobby' ? (
          <>
            <p className="lead">{t('sessions.console.lobby')}</p>
            {control('start', t('sessions.console.start'), null, 'button button--primary button--large')}
          </>
        ) : null}
        {view.status === 'paused' ? <p className="form-message form-message--notice">{t('sessions.console.pausedNote')}</p> : null}

        {view.pacing === 'together' && step && view.status !== 'lobby' ? (
          <div className="projector" data-step={step.id}>
            <StepOverview step={step} texts={texts} aggregate={view.revealed ? view.revealed : null} large />
            <p className="muted" data-testid="answered-count">
              {t('sessions.console.answered', { count: currentAggregate?.answered ?? 0, total: view.participants.length })}
            </p>
            <div className="console__controls">
              {control('back', t('player.back'))}
              {view.revealed ? control('hide', t('sessions.console.hide')) : control('reveal', t('sessions.console.reveal'))}
              {step.type === 'choice'
                ? control(
                    'next',
                    t('sessions.console.nextBranch'),
                    <label className="inline-form">
                      <span>{t('sessions.console.branch')}</span>
                      <select
                        name="option"
                        className="input"
                        defaultValue={mostChosenOption(step, currentAggregate)}
                        key={`${step.id}-${currentAggregate?.answered ?? 0}`}
                      >
                        {step.options.map((o) => (
                          <option key={o.id} value={o.id}>
                            {text(o.labelKey)} ({currentAggregate?.counts[o.id] ?? 0})
                          </option>
                        ))}
                      </select>
                    </label>,
                    'button button--primary',
                  )
                : step.type !== 'end'
                  ? control('next', t('player.next'), null, 'button button--primary button--large')
                  : null}
            </div>
          </div>
        ) : null}

        {view.pacing === 'own_pace' && view.status !== 'lobby' ? (
          <table className="table step-counts">
            <caption>{t('sessions.console.finished', { count: view.finished, total: view.participants.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.console.step')}</th>
                <th scope="col">{t('sessions.console.here')}</th>
                <th scope="col">{t('sessions.console.results')}</th>
              </tr>
            </thead>
            <tbody>
              {module.steps.map((s, index) => (
                <tr key={s.id} data-step={s.id}>
                  <td>
                    {index + 1}. {t(`sessions.stepTypes.${s.type}`)}: {stepLabel(s, texts, 50)}
                    {s.minutes ? <span className="muted"> · {t('sessions.console.plannedMinutes', { minutes: s.minutes })}</span> : null}
                  </td>
                  <td data-testid={`at-${s.id}`}>{view.stepCounts[s.id] ?? 0}</td>
                  <td>
                    {view.aggregates[s.id] ? (
                      <details>
                        <summary>{t('sessions.console.answeredShort', { count: view.aggregates[s.id]!.answered })}</summary>
                        <StepOverview step={s} texts={texts} aggregate={view.aggregates[s.id]} />
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        {view.status === 'running' ? control('pause', t('sessions.console.pause')) : null}
        {view.status === 'paused' ? control('resume', t('sessions.console.resume'), null, 'button button--primary') : null}
        <details className="console__end">
          <summary>{t('sessions.console.end')}</summary>
          <p>{t('sessions.console.endExplained')}</p>
          {control('end', t('sessions.console.endConfirm'), null, 'button button--danger')}
        </details>
      </section>

      {step?.guideKey || view.pacing === 'own_pace' ? (
        <aside className="card console__guide" aria-labelledby="guide-title">
          <h2 id="guide-title">{t('sessions.console.guide')}</h2>
          {view.pacing === 'together' && step ? (
            <>
              {step.minutes ? (
                <p className="muted" data-planned-minutes={step.minutes}>
                  {t('sessions.console.plannedMinutes', { minutes: step.minutes })}
                </p>
              ) : null}
              <p>{text(step.guideKey)}</p>
            </>
          ) : (
            <ol>
              {module.steps
                .filter((s) => s.guideKey)
                .map((s) => (
                  <li key={s.id}>
                    {s.minutes ? <span className="muted">{t('sessions.console.plannedMinutes', { minutes: s.minutes })}: </span> : null}
                    {text(s.guideKey)}
                  </li>
                ))}
            </ol>
          )}
        </aside>
      ) : null}
    </div>
  );
}
