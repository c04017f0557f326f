import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { countUsersByStatus } from '~/accounts/users.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { countOrganisations } from '~/organisations/directory.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'review', 'user');
  const t = await i18next.getFixedT(request);
  const [users, organisations] = await Promise.all([countUsersByStatus(context.db), countOrganisations(context.db)]);
  return json({ title: t('coordinate.title'), pending: users.pending, approved: users.approved, organisations });
}

export default function CoordinateHome() {
  const { pending, approved, organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('coordinate.title')}</h1>
      <ul className="stat-list">
        <li className="card">
          <Link to="/coordinate/registrations">
            <strong className="stat">{pending}</strong> {t('coordinate.home.pending', { count: pending })}
          </Link>
        </li>
        <li className="card">
          <Link to="/coordinate/users">
            <strong className="stat">{approved}</strong> {t('coordinate.home.approved', { count: approved })}
          </Link>
        </li>
        <li className="card">
          <Link to="/coordinate/organisations">
            <strong className="stat">{organisations}</strong> {t('coordinate.home.organisations', { count: organisations })}
          </Link>
        </li>
      </ul>
      <ul className="link-list">
        <li>
          <Link to="/coordinate/dashboard">{t('coordinate.home.dashboard')}</Link>
        </li>
        <li>
          <Link to="/coordinate/courses">{t('courses:coordinate.title')}</Link>
        </li>
        <li>
          <Link to="/coordinate/outbox">{t('coordinate.outbox.title')}</Link>
        </li>
        <li>
          <Link to="/coordinate/audit">{t('coordinate.audit.title')}</Link>
        </li>
      </ul>
    </div>
  );
}
