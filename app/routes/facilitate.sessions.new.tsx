import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { FormMessage } from '~/components/Field';
import { VariantAndLanguage } from '~/components/ModuleStartList';
import { ProgrammeChoice } from '~/components/ProgrammeChoice';
import { pacingModes } from '~/db/vocabulary';
import { supportedLanguages } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { lessonVariants } from '~/lessons/schema';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { programmeForOrganisation } from '~/programme/programme.server';
import { db, lessonLibrary } from '~/runtime.server';
import { createGroupSession } from '~/sessions/group-sessions.server';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'run', 'group-session');
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  const { modules } = await programmeForOrganisation(await db(), await lessonLibrary(), user.organisationId, language);
  return json({ title: t('sessions.new.title'), language, modules });
}

const newSessionForm = z.object({
  module: z.string().max(100),
  variant: z.enum(lessonVariants),
  language: z.enum(supportedLanguages),
  pacing: z.enum(pacingModes),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'run', 'group-session');
  const parsed = newSessionForm.safeParse(await readForm(request));
  const lesson = parsed.success ? (await lessonLibrary()).lesson(parsed.data.module, parsed.data.variant) : undefined;
  if (!parsed.success || !lesson) return json({ error: 'sessions.new.invalid' }, { status: 400 });
  if (!user.organisationId) return json({ error: 'sessions.new.noOrganisation' }, { status: 409 });
  const { id } = await createGroupSession(await db(), { organisationId: user.organisationId, facilitatorId: user.id, lesson, language: parsed.data.language, pacing: parsed.data.pacing });
  return redirect(`/facilitate/sessions/${id}`);
}

export default function NewSession() {
  const { modules, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t('sessions.new.title')}</h1>
      <p className="lead">{t('sessions.new.lead')}</p>
      <FormMessage error={actionData?.error} />
      {modules.length === 0 ? (
        <p className="empty-state">{t('play.noModules')}</p>
      ) : (
        <Form method="post" className="form">
          <fieldset className="choice-group">
            <legend>{t('sessions.new.module')}</legend>
            {modules.map((module, index) => (
              <ProgrammeChoice key={module.id} module={module} checked={index === 0} />
            ))}
          </fieldset>
          <VariantAndLanguage variants={lessonVariants} language={language} />
          <fieldset className="choice-group">
            <legend>{t('sessions.new.pacing')}</legend>
            {pacingModes.map((pacing) => (
              <label key={pacing} className="choice">
                <input type="radio" name="pacing" value={pacing} defaultChecked={pacing === 'together'} />
                <span>
                  <strong>{t(`sessions.pacing.${pacing}`)}</strong> — {t(`sessions.pacing.${pacing}Explained`)}
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button--primary">
            {t('sessions.new.submit')}
          </button>
        </Form>
      )}
    </div>
  );
}
