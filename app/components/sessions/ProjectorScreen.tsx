import { useTranslation } from 'react-i18next';
import type { HelpResource } from '~/help/resources.server';
import { stepsById } from '~/lessons/graph';
import type { LessonModule, LessonTexts } from '~/lessons/schema';
import { moduleText } from '~/play/texts';
import type { FacilitatorView } from '~/sessions/session-views';
import { HelpResourceList } from '../HelpResourceList';
import { StepOverview } from './StepOverview';
import { useLiveState } from './useLiveState';

interface Props {
  sessionId: string;
  joinUrl: string;
  module: LessonModule;
  texts: LessonTexts;
  view: FacilitatorView;
  helpResources: HelpResource[];
}

/**
 * What the group sees on the big screen: the code and who joined, then the group's step,
 * its counts only once revealed, the pause and the closing help. Never the facilitator's
 * notes, her controls or the counts before she shows them.
 */
export function ProjectorScreen({ sessionId, joinUrl, module, texts, view: initial, helpResources }: Props) {
  const { t } = useTranslation();
  const base = `/facilitate/sessions/${sessionId}`;
  const { view } = useLiveState<FacilitatorView>(`${base}/events`, `${base}/state`, initial);
  const step = view.step ? stepsById(module).get(view.step) : undefined;
  const title = moduleText(texts, module.titleKey);
  const joinPanel = (
    <div className="projector-screen__join">
      <p className="join-code" aria-label={t('sessions.console.codeLabel', { code: view.joinCode.split('').join(' ') })}>
        {view.joinCode}
      </p>
      <img className="join-qr" src={`${base}/qr.svg`} alt={t('sessions.console.qrAlt')} width={240} height={240} />
      <p className="join-url">{joinUrl}</p>
    </div>
  );

  let content;
  if (view.status === 'ended') {
    content = (
      <>
        <h1>{t('sessions.tablet.endedTitle')}</h1>
        <p className="lead">{t('sessions.tablet.endedLead')}</p>
        <HelpResourceList resources={helpResources} />
      </>
    );
  } else if (view.status === 'paused') {
    content = (
      <>
        <h1>{t('sessions.tablet.pausedTitle')}</h1>
        <p className="lead">{t('sessions.tablet.pausedLead')}</p>
      </>
    );
  } else if (view.status === 'lobby') {
    content = (
      <>
        <h1>{title}</h1>
        <p className="lead">{t('sessions.projector.joinAt')}</p>
        {view.locked ? <p className="form-message form-message--notice">{t('sessions.projector.locked')}</p> : joinPanel}
        <p data-testid="projector-joined">
          <strong>{t('sessions.console.joined', { count: view.participants.length })}</strong>
        </p>
        <ul className="participant-list participant-list--large">
          {view.participants.map((p, index) => (
            <li key={p.handle ?? index} className="participant-list__item">
              {p.avatar ? <img src={`/avatars/${p.avatar}.svg`} alt="" width={64} height={64} /> : null}
              <span>{p.nickname}</span>
            </li>
          ))}
        </ul>
      </>
    );
  } else if (view.pacing === 'own_pace') {
    content = (
      <>
        <h1>{title}</h1>
        <p className="lead">{t('sessions.projector.ownPace')}</p>
        <p>
          <strong>{t('sessions.console.finished', { count: view.finished, total: view.participants.length })}</strong>
        </p>
        {view.locked ? null : joinPanel}
      </>
    );
  } else if (step) {
    content = (
      <div className="projector" data-step={step.id}>
        <StepOverview step={step} texts={texts} aggregate={view.revealed} large forGroup />
      </div>
    );
  }

  return (
    <div className="projector-screen" data-status={view.status} data-version={view.version}>
      {content}
    </div>
  );
}
