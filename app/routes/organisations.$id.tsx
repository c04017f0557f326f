import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { can } from '~/accounts/permissions';
import { titleFromLoader } from '~/lib/meta';
import { refusal } from '~/lib/refusal.server';
import { approvedMembers, findOrganisation } from '~/organisations/directory.server';

export const meta = titleFromLoader;

/** An organisation's page: its own members see it, coordinators see every one; others get a 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = z.string().uuid().safeParse(params.id).success ? params.id! : null;
  const user = await requirePermission(context, request, 'read', 'organisation', id);
  const organisation = id ? await findOrganisation(context.db, id) : undefined;
  if (!organisation) throw refusal('notFound');
  const members = await approvedMembers(context.db, organisation.id);
  return json({
    title: organisation.name,
    organisation: {
      name: organisation.name,
      type: organisation.type,
      postal_code: organisation.postal_code,
      municipality: organisation.municipality,
      region: organisation.region,
    },
    members,
    canEdit: can(user, 'update', 'organisation', organisation.id),
    id: organisation.id,
  });
}

export default function OrganisationPage() {
  const { organisation, members, canEdit, id } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{organisation.name}</h1>
      <p className="lead">
        {t(`organisationTypes.${organisation.type}`)} · {organisation.postal_code} {organisation.municipality} · {t(`regions.${organisation.region}`)}
      </p>
      <h2>{t('coordinate.organisations.members')}</h2>
      {members.length === 0 ? <p className="empty-state">{t('coordinate.organisations.noMembers')}</p> : null}
      <ul>
        {members.map((m) => (
          <li key={m.id}>
            {m.name} · {t(`professions.${m.profession}`)}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <p>
          <Link to={`/coordinate/organisations/${id}`} className="button">
            {t('coordinate.organisations.edit')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
