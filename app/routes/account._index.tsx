import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/accounts/guard.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { findOrganisation } from '~/organisations/directory.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const t = await i18next.getFixedT(request);
  const organisation = user.organisationId ? await findOrganisation(context.db, user.organisationId) : undefined;
  const notice = new URL(request.url).searchParams.get('notice');
  return json({
    title: t('account.overview.title'),
    user: { name: user.name, email: user.email, roles: user.roles },
    organisation: organisation ? { id: organisation.id, name: organisation.name, municipality: organisation.municipality } : null,
    notice: notice === 'passwordChanged' || notice === 'emailChanged' ? notice : null,
  });
}

export default function AccountOverview() {
  const { user, organisation, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t('account.overview.title')}</h1>
      {notice ? (
        <p className="form-message form-message--notice" role="status">
          {t(`account.overview.notices.${notice}`)}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t('account.fields.name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('account.fields.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('account.overview.roles')}</dt>
        <dd>{user.roles.map((role) => t(`account.roles.${role}`)).join(', ')}</dd>
        {organisation ? (
          <>
            <dt>{t('account.organisation.title')}</dt>
            <dd>
              <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link> · {organisation.municipality}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('courses:catalogue.title')}</h2>
      <ul className="link-list">
        <li>
          <Link to="/courses">{t('courses:course.back')}</Link>
        </li>
        <li>
          <Link to="/account/certificates">{t('courses:certificates.title')}</Link>
        </li>
      </ul>
      <h2>{t('account.overview.security')}</h2>
      <ul className="link-list">
        <li>
          <Link to="/account/password">{t('account.password.title')}</Link>
        </li>
        <li>
          <Link to="/account/email">{t('account.email.title')}</Link>
        </li>
      </ul>
      <Form method="post" action="/account/sign-out">
        <input type="hidden" name="everywhere" value="yes" />
        <button type="submit" className="button">
          {t('account.overview.signOutEverywhere')}
        </button>
      </Form>
      <h2>{t('account.overview.yourData')}</h2>
      <p>{t('account.overview.yourDataLead')}</p>
      <ul className="link-list">
        <li>
          <a href="/account/export" download>
            {t('account.overview.download')}
          </a>
        </li>
        <li>
          <Link to="/account/delete">{t('account.delete.title')}</Link>
        </li>
      </ul>
    </div>
  );
}
