import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ModuleStartList } from '~/components/ModuleStartList';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { girlsModules } from '~/play/catalogue.server';
import { participantOfCookie, participantPath } from '~/play/participant.server';
import { findParticipant } from '~/progress/progress.server';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  const cookieId = await participantOfCookie(request);
  const current = cookieId ? await findParticipant(context.db, cookieId) : undefined;
  const all = girlsModules(context.lessons, language);
  // The whole programme in order: a module played only with the group and care worker is listed
  // with that note and no start form (ModuleStartList). A direct link (`/play?module=<id>`): that
  // module only, or a kind word when it is played with a care worker.
  const asked = new URL(request.url).searchParams.get('module');
  const linked = asked ? all.find((module) => module.id === asked) : undefined;
  const modules = linked ? (linked.solo ? [linked] : []) : all;
  const together = linked && !linked.solo ? linked.title : null;
  return json({ title: t('play.title'), language, modules, together, resume: current ? participantPath(current.id) : null });
}

export default function PlayIndex() {
  const { language, modules, together, resume } = useLoaderData<typeof loader>();
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
      {together ? (
        <div className="card" role="status" data-facilitated-only>
          <h2>{t('play.together.title', { title: together })}</h2>
          <p>{t('play.together.body')}</p>
          <p>
            <Link to="/play">{t('play.together.others')}</Link>
          </p>
        </div>
      ) : (
        <ModuleStartList modules={modules} language={language} preview={false} />
      )}
    </div>
  );
}
