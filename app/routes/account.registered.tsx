import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('account.registered.title') });
}

export default function Registered() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t('account.registered.title')}</h1>
      <p className="lead">{t('account.registered.lead')}</p>
      <p>{t('account.registered.next')}</p>
      <p>
        <Link to="/account/sign-in" className="button">
          {t('account.signIn.title')}
        </Link>
      </p>
    </div>
  );
}
