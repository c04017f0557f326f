import { type AppLoadContext, type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { FormMessage } from '~/components/Field';
import { VariantAndLanguage } from '~/components/ModuleStartList';
import { ProgrammeChoice } from '~/components/ProgrammeChoice';
import { pacingModes } from '~/db/vocabulary';
import { supportedLanguages, languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { lessonVariants } from '~/lessons/schema';
import { readForm } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { titleFromLoader } from '~/lib/meta';
import { programmeForOrganisation } from '~/programme/programme.server';
import { groupSessionUnlock, unlockingCourseIds } from '~/courses/unlock.server';
import { courseSummary } from '~/courses/views.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

/** Decision 0016: the facilitator course (or a coordinator's exception) comes first; read at every request, so passing unlocks at once. */
async function missingCourse({ db, courses }: AppLoadContext, userId: string, language: string) {
  const unlock = await groupSessionUnlock(db, courses, userId);
  if (unlock.ok) return null;
  const loaded = courses.course(unlockingCourseIds(courses)[0]!)!;
  return { id: loaded.course.id, title: courseSummary(loaded, languageOr(language)).title };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'run', 'group-session');
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  const { modules } = await programmeForOrganisation(context.db, context.lessons, user.organisationId, language);
  return json({ title: t('sessions.new.title'), language, modules, missingCourse: await missingCourse(context, user.id, language) });
}

const newSessionForm = z.object({
  module: z.string().max(100),
  variant: z.enum(lessonVariants),
  language: z.enum(supportedLanguages),
  pacing: z.enum(pacingModes),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context, request, 'run', 'group-session');
  const parsed = newSessionForm.safeParse(await readForm(request));
  const lesson = parsed.success ? context.lessons.lesson(parsed.data.module, parsed.data.variant) : undefined;
  if (!parsed.success || !lesson) return refusal('sessionFormInvalid');
  if (!user.organisationId) return refusal('sessionNeedsOrganisation');
  if (await missingCourse(context, user.id, parsed.data.language)) return refusal('facilitatorCourseMissing');
  const { id } = await context.groupSessions.create({
    organisationId: user.organisationId,
    facilitatorId: user.id,
    lesson,
    language: parsed.data.language,
    pacing: parsed.data.pacing,
  });
  return redirect(`/facilitate/sessions/${id}`);
}

export default function NewSession() {
  const { modules, language, missingCourse } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  if (missingCourse) {
    return (
      <div className="page page--narrow">
        <h1>{t('sessions.new.title')}</h1>
        <FormMessage error={actionData?.message} />
        <section className="card" aria-labelledby="course-gate" data-gate="course">
          <h2 id="course-gate">{t('courses:gate.title')}</h2>
          <p>{t('courses:gate.body', { course: missingCourse.title })}</p>
          <Link to={`/courses/${missingCourse.id}`} className="button button--primary">
            {t('courses:gate.link')}
          </Link>
        </section>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t('sessions.new.title')}</h1>
      <p className="lead">{t('sessions.new.lead')}</p>
      <FormMessage error={actionData?.message} />
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
