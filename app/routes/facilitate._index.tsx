import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { findOrganisation } from '~/organisations/directory.server';

export const meta = titleFromLoader;

/** The facilitator's start page: her organisation, and what she can do from here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'run', 'group-session');
  const t = await i18next.getFixedT(request);
  const organisation = user.organisationId ? await findOrganisation(context.db, user.organisationId) : undefined;
  return json({ title: t('facilitate.title'), name: user.name, organisation: organisation ? { id: organisation.id, name: organisation.name } : null });
}

export default function FacilitateHome() {
  const { name, organisation } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('facilitate.title')}</h1>
      <p className="lead">{t('facilitate.welcome', { name })}</p>
      {organisation ? (
        <p>
          {t('facilitate.yourOrganisation')} <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/facilitate/sessions" className="button button--primary">
          {t('facilitate.sessions')}
        </Link>{' '}
        <Link to="/facilitate/preview" className="button">
          {t('facilitate.preview.link')}
        </Link>
      </p>
    </div>
  );
}
