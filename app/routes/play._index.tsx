import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ModuleStartList } from '~/components/ModuleStartList';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { girlsModules } from '~/play/catalogue.server';
import { participantCookie, participantPath } from '~/play/participant.server';
import { findParticipant } from '~/progress/progress.server';
import { db } from '~/runtime.server';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  const cookieId = await (await participantCookie()).parse(request.headers.get('Cookie'));
  const current = typeof cookieId === 'string' && cookieId.length < 40 ? await findParticipant(await db(), cookieId) : undefined;
  return json({ title: t('play.title'), language, modules: await girlsModules(language), resume: current ? participantPath(current.id) : null });
}

export default function PlayIndex() {
  const { language, modules, resume } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('play.title')}</h1>
      <p className="lead">{t('play.lead')}</p>
      {resume ? (
        <p>
          <Link to={resume} className="button">
            {t('play.resume')}
          </Link>
        </p>
      ) : null}
      <ModuleStartList modules={modules} language={language} preview={false} />
    </div>
  );
}
