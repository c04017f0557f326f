import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { helpResourcesFor } from '~/help/resources.server';
import { isLanguage } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  return json({ title: t('about.title'), helpResources: helpResourcesFor(isLanguage(language) ? language : 'nl') });
}

export default function About() {
  const { helpResources } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t('about.title')}</h1>
      <p className="lead">{t('about.lead')}</p>

      <section aria-labelledby="about-help">
        <h2 id="about-help">{t('about.help.title')}</h2>
        <ul className="help-list">
          {helpResources.map((resource) => (
            <li key={resource.id} className="help-list__item">
              <h3>{resource.name}</h3>
              {resource.phone ? (
                <p className="help-list__phone">
                  <a href={`tel:${resource.phone.replace(/\s/g, '')}`}>{resource.phone}</a>
                </p>
              ) : null}
              {resource.email ? (
                <p>
                  <a href={`mailto:${resource.email}`}>{resource.email}</a>
                </p>
              ) : null}
              <p>{resource.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="about-quick-exit">
        <h2 id="about-quick-exit">{t('about.quickExit.title')}</h2>
        <p>{t('about.quickExit.what')}</p>
        <p>{t('about.quickExit.limits')}</p>
      </section>

      <section aria-labelledby="about-privacy">
        <h2 id="about-privacy">{t('about.privacy.title')}</h2>
        <p>{t('about.privacy.body')}</p>
      </section>
    </div>
  );
}
