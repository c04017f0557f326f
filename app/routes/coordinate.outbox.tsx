import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { outboxView } from '~/mail/outbox.server';

export const meta = titleFromLoader;

/**
 * Without SMTP the outbox is the only place mail goes, so coordinators read it here. With
 * SMTP the bodies stay hidden: they hold reset links meant for one person only.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const reader = await requirePermission(context, request, 'read', 'outbox');
  const t = await i18next.getFixedT(request);
  return json({ title: t('coordinate.outbox.title'), ...(await outboxView(context.db, reader)) });
}

export default function Outbox() {
  const { messages, showBodies } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{t('coordinate.outbox.title')}</h1>
      <p className="lead">{t(showBodies ? 'coordinate.outbox.leadLog' : 'coordinate.outbox.leadSmtp')}</p>
      {messages.length === 0 ? <p className="empty-state">{t('coordinate.outbox.empty')}</p> : null}
      <ul className="card-list">
        {messages.map((m) => (
          <li key={m.id} className="card outbox-message">
            <h2>{m.subject}</h2>
            <p>
              {t('coordinate.outbox.to')} {m.recipient} · {new Date(m.createdAt).toLocaleString(i18n.language)} ·{' '}
              {m.lastError
                ? t('coordinate.outbox.failed')
                : m.sentAt
                  ? t(showBodies ? 'coordinate.outbox.logged' : 'coordinate.outbox.sent')
                  : t('coordinate.outbox.waiting')}
            </p>
            {m.body ? <pre className="outbox-message__body">{m.body}</pre> : null}
            {m.hidden ? <p className="muted">{t('coordinate.outbox.hidden')}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
