import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { countOrganisations } from '~/organisations/directory.server';
import { programmeOf } from '~/programme/programme';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  const programme = programmeOf(context.lessons.modules, language).map(({ id, order, title, durationMinutes, solo }) => ({
    id,
    order,
    title,
    durationMinutes,
    solo,
  }));
  return json({ title: t('home.title'), organisationCount: await countOrganisations(context.db), programme });
}

export default function Home() {
  const { organisationCount, programme } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
      </section>
      <div className="cards">
        <AudienceCard id="girls" className="card--girls" action={{ to: '/join', primary: true }}>
          <Link to="/play">{t('home.playAlone')}</Link>
        </AudienceCard>
        <AudienceCard id="professionals" action={{ to: '/account/register' }}>
          <Link to="/account/sign-in">{t('shell.nav.signIn')}</Link>
        </AudienceCard>
        <AudienceCard id="courses" action={{ to: '/courses' }} />
        <AudienceCard id="help" className="card--help" action={{ to: '/about' }} />
      </div>
      {programme.length ? (
        <section className="card programme-overview" aria-labelledby="home-programme">
          <h2 id="home-programme">{t('programme.title')}</h2>
          <p>{t('programme.lead')}</p>
          <ol className="programme-overview__list">
            {programme.map((module) => (
              <li key={module.id} data-module={module.id}>
                <strong>{module.title}</strong> · {t('play.duration', { minutes: module.durationMinutes })}
                {module.solo ? null : <span className="muted"> · {t('programme.togetherOnly')}</span>}
              </li>
            ))}
          </ol>
          <Link to="/play">{t('home.playAlone')}</Link>
        </section>
      ) : null}
      <p className="muted">{t('home.organisations', { count: organisationCount })}</p>
    </div>
  );
}

/** One audience of the platform: a title, what it finds here and, where it exists, a way in. */
function AudienceCard({
  id,
  className = '',
  action,
  children,
}: {
  id: string;
  className?: string;
  action?: { to: string; primary?: boolean };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className={`card ${className}`} aria-labelledby={`home-${id}`}>
      <h2 id={`home-${id}`}>{t(`home.${id}.title`)}</h2>
      <p>{t(`home.${id}.body`)}</p>
      {action ? (
        <Link to={action.to} className={action.primary ? 'button button--primary' : 'button'}>
          {t(`home.${id}.action`)}
        </Link>
      ) : null}
      {children ? <p>{children}</p> : null}
    </section>
  );
}
