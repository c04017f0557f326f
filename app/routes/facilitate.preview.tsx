import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { ModuleStartList } from '~/components/ModuleStartList';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { girlsModules } from '~/play/catalogue.server';

export const meta = titleFromLoader;

/** A facilitator plays any module in any variant and language to prepare; it is never counted. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'preview', 'module');
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  return json({ title: t('facilitate.preview.title'), language, modules: girlsModules(context.lessons, language) });
}

export default function Preview() {
  const { language, modules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('facilitate.preview.title')}</h1>
      <p className="lead">{t('facilitate.preview.lead')}</p>
      <ModuleStartList modules={modules} language={language} preview />
    </div>
  );
}
