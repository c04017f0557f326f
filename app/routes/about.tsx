import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { helpResourcesFor } from '~/help/resources.server';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { HelpResourceList } from '~/components/HelpResourceList';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  return json({ title: t('about.title'), helpResources: helpResourcesFor(languageOr(language)) });
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
        <HelpResourceList resources={helpResources} heading="h3" />
      </section>

      <section aria-labelledby="about-quick-exit">
        <h2 id="about-quick-exit">{t('about.quickExit.title')}</h2>
        <p>{t('about.quickExit.what')}</p>
        <p>{t('about.quickExit.limits')}</p>
      </section>

      <section aria-labelledby="about-privacy">
        <h2 id="about-privacy">{t('about.privacy.title')}</h2>
        <p>{t('about.privacy.body')}</p>
        <p>{t('about.privacy.erasure')}</p>
      </section>
    </div>
  );
}
