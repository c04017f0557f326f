import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { countOrganisations } from '~/organisations/directory.server';
import { db } from '~/runtime.server';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('home.title'), organisationCount: await countOrganisations(await db()) });
}

export default function Home() {
  const { organisationCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
      </section>
      <div className="cards">
        <section className="card card--girls" aria-labelledby="home-girls">
          <h2 id="home-girls">{t('home.girls.title')}</h2>
          <p>{t('home.girls.body')}</p>
          <Link to="/join" className="button button--primary">
            {t('home.girls.action')}
          </Link>
        </section>
        <section className="card" aria-labelledby="home-professionals">
          <h2 id="home-professionals">{t('home.professionals.title')}</h2>
          <p>{t('home.professionals.body')}</p>
        </section>
        <section className="card" aria-labelledby="home-courses">
          <h2 id="home-courses">{t('home.courses.title')}</h2>
          <p>{t('home.courses.body')}</p>
        </section>
        <section className="card card--help" aria-labelledby="home-help">
          <h2 id="home-help">{t('home.help.title')}</h2>
          <p>{t('home.help.body')}</p>
          <Link to="/about" className="button">
            {t('home.help.action')}
          </Link>
        </section>
      </div>
      <p className="muted">{t('home.organisations', { count: organisationCount })}</p>
    </div>
  );
}
