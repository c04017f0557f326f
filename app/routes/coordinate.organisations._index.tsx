import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { SearchForm } from '~/components/SearchForm';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { listOrganisations } from '~/organisations/directory.server';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'update', 'organisation');
  const t = await i18next.getFixedT(request);
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  return json({ title: t('coordinate.organisations.title'), query, organisations: await listOrganisations(context.db, query) });
}

export default function Organisations() {
  const { query, organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('coordinate.organisations.title')}</h1>
      <SearchForm name="q" label={t('account.organisation.searchLabel')} submitLabel={t('account.organisation.search')} defaultValue={query} />
      {organisations.length === 0 ? <p className="empty-state">{t('coordinate.organisations.empty')}</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('account.organisation.name')}</th>
            <th scope="col">{t('account.organisation.type')}</th>
            <th scope="col">{t('account.organisation.municipality')}</th>
            <th scope="col">{t('account.organisation.region')}</th>
            <th scope="col">{t('coordinate.organisations.members')}</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/coordinate/organisations/${o.id}`}>{o.name}</Link>
              </td>
              <td>{t(`organisationTypes.${o.type}`)}</td>
              <td>
                {o.postal_code} {o.municipality}
              </td>
              <td>{t(`regions.${o.region}`)}</td>
              <td>{o.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
