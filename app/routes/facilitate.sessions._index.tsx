import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { girlsModules } from '~/play/catalogue.server';
import { listOrganisationSessions } from '~/sessions/listing.server';

export const meta = titleFromLoader;

/** Her organisation's sessions, open and past, each with its summary. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'run', 'group-session');
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  const titles = Object.fromEntries(girlsModules(context.lessons, language).map((m) => [m.id, m.title]));
  const sessions = user.organisationId ? await listOrganisationSessions(context.db, user.organisationId) : [];
  return json({ title: t('sessions.list.title'), sessions: sessions.map((s) => ({ ...s, moduleTitle: titles[s.module_id] ?? s.module_id })) });
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{t('sessions.list.title')}</h1>
      <p>
        <Link to="/facilitate/sessions/new" className="button button--primary">
          {t('sessions.new.title')}
        </Link>
      </p>
      {sessions.length === 0 ? <p className="empty-state">{t('sessions.list.empty')}</p> : null}
      {sessions.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('sessions.list.when')}</th>
              <th scope="col">{t('sessions.list.module')}</th>
              <th scope="col">{t('sessions.list.status')}</th>
              <th scope="col">{t('sessions.list.participants')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/facilitate/sessions/${s.id}`}>{new Date(s.created_at).toLocaleString(i18n.language)}</Link>
                </td>
                <td>
                  {s.moduleTitle} · {t(`play.variants.${s.variant}`)} · {t(`language.names.${s.language}`)} · {t(`sessions.pacing.${s.pacing}`)}
                </td>
                <td>{t(`sessions.status.${s.status}`)}</td>
                <td>{s.participants}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
