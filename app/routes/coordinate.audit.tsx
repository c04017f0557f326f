import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listAudit } from '~/accounts/audit.server';
import { requirePermission } from '~/accounts/guard.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'read', 'audit');
  const t = await i18next.getFixedT(request);
  return json({ title: t('coordinate.audit.title'), entries: await listAudit(context.db) });
}

export default function Audit() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{t('coordinate.audit.title')}</h1>
      {entries.length === 0 ? <p className="empty-state">{t('coordinate.audit.empty')}</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('coordinate.audit.when')}</th>
            <th scope="col">{t('coordinate.audit.who')}</th>
            <th scope="col">{t('coordinate.audit.what')}</th>
            <th scope="col">{t('coordinate.audit.target')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{new Date(entry.created_at).toLocaleString(i18n.language)}</td>
              <td>{entry.actor_name ?? t('coordinate.audit.deletedActor')}</td>
              <td>{t(`coordinate.audit.actions.${entry.action}`)}</td>
              <td>
                <code>
                  {entry.target_type} {entry.target_id.slice(0, 8)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
