import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpResource } from '~/help/resources.server';
import { HelpResourceList } from '../HelpResourceList';
import { Icon } from '../icons';

/**
 * "I want to stop / ask something", on every tablet screen (decision 0015). In a group session
 * it sends a private signal to her facilitator's console (a plain form without JavaScript);
 * a solo player has no facilitator, so it opens the help lines instead.
 */
export function CareButton(props: { mode: 'signal'; action: string; sent: boolean; hydrated: boolean } | { mode: 'help'; helpResources: HelpResource[] }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(props.mode === 'signal' && props.sent);
  const [failed, setFailed] = useState(false);
  const label = (
    <>
      <Icon name="care" /> <span>{t('sessions.care.button')}</span>
    </>
  );
  if (props.mode === 'help') {
    return (
      <details className="care care--help" data-care="help">
        <summary className="care__button">{label}</summary>
        <div className="care__panel">
          <h2>{t('sessions.care.soloTitle')}</h2>
          <p>{t('sessions.care.soloLead')}</p>
          <HelpResourceList resources={props.helpResources} heading="h3" />
        </div>
      </details>
    );
  }
  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const response = await fetch(props.mode === 'signal' ? props.action : '', { method: 'POST', headers: { Accept: 'application/json' } });
      setFailed(!response.ok);
      setSent(response.ok);
    } catch {
      setFailed(true);
    }
  }
  return (
    <div className="care" data-care="signal">
      <form method="post" action={props.action} onSubmit={props.hydrated ? send : undefined}>
        <button type="submit" className="care__button">
          {label}
        </button>
      </form>
      <div role="status" className="care__status">
        {sent ? (
          <p className="form-message form-message--notice" data-care-sent="true">
            <strong>{t('sessions.care.sentTitle')}</strong> {t('sessions.care.sentLead')}
          </p>
        ) : failed ? (
          <p className="form-message form-message--error">{t('sessions.care.failed')}</p>
        ) : null}
      </div>
    </div>
  );
}
