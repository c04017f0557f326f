import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { FormMessage, SelectField, TextField } from '~/components/Field';
import { courseText } from '~/courses/load.server';
import { supportedLanguages } from '~/i18n/config';
import { i18next, readerLanguage } from '~/i18n/i18next.server';
import type { FieldErrors } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';
import { formValues, maxParts, parseTrainingDayForm, partKinds } from '~/training-days/forms';
import { coursesWithTrainingDays, createTrainingDay } from '~/training-days/training-days.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'training'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'create', 'training-day');
  const language = await readerLanguage(request);
  const t = await i18next.getFixedT(language, 'training');
  const courses = coursesWithTrainingDays(context.courses).map((loaded) => ({
    value: loaded.course.id,
    label: courseText(loaded, language)(loaded.course.titleKey),
  }));
  const preselected = new URL(request.url).searchParams.get('course');
  return json({ title: t('new.title'), courses, language, preselected: courses.some((c) => c.value === preselected) ? preselected : null });
}

/** Which field of the form a refusal of the new day belongs to. */
const refusedField = { trainingDayCourse: 'course', trainingDayInPast: 'date' } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(context, request, 'create', 'training-day');
  const form = await readForm(request);
  const values = formValues(form);
  const parsed = parseTrainingDayForm(form);
  if ('errors' in parsed) return json({ error: 'form.fixErrors', errors: parsed.errors, values }, { status: 400 });
  const created = await createTrainingDay(context.db, context.courses, { createdBy: user.id, day: parsed.data });
  if (!created.ok) {
    const errors: FieldErrors = { [refusedField[created.reason]]: messageOf(created.reason) };
    return json({ error: 'form.fixErrors', errors, values }, { status: statusOf(created.reason) });
  }
  return redirect(`/training-days/${created.value.id}?created=1`);
}

export default function NewTrainingDay() {
  const { courses, language, preselected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(['training', 'common']);
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const partsOpen =
    Object.keys(errors).some((key) => key.startsWith('part')) || Object.entries(values).some(([key, value]) => /^part\d+Title$/.test(key) && value);
  if (!courses.length) {
    return (
      <div className="page page--narrow">
        <h1>{t('new.title')}</h1>
        <p className="empty-state">{t('new.noCourses')}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/training-days">{t('detail.back')}</Link>
      </p>
      <h1>{t('new.title')}</h1>
      <p className="lead">{t('new.lead')}</p>
      <FormMessage error={actionData?.error} />
      <Form method="post" className="form" noValidate>
        <SelectField
          name="course"
          label={t('fields.course')}
          options={courses}
          defaultValue={values.course ?? preselected ?? courses[0]!.value}
          error={errors.course}
          required
        />
        <TextField name="date" type="date" label={t('fields.date')} defaultValue={values.date} error={errors.date} required />
        <div className="field-row">
          <TextField name="startTime" type="time" label={t('fields.startTime')} defaultValue={values.startTime ?? '09:30'} error={errors.startTime} required />
          <TextField name="endTime" type="time" label={t('fields.endTime')} defaultValue={values.endTime ?? '16:30'} error={errors.endTime} required />
        </div>
        <TextField name="place" label={t('fields.place')} hint={t('fields.placeHint')} defaultValue={values.place} error={errors.place} maxLength={300} />
        <TextField
          name="onlineUrl"
          type="url"
          label={t('fields.onlineUrl')}
          hint={t('fields.onlineUrlHint')}
          defaultValue={values.onlineUrl}
          error={errors.onlineUrl}
          maxLength={500}
        />
        <div className="field-row">
          <TextField
            name="capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            label={t('fields.capacity')}
            defaultValue={values.capacity ?? '20'}
            error={errors.capacity}
            required
          />
          <SelectField
            name="language"
            label={t('fields.language')}
            options={supportedLanguages.map((lng) => ({ value: lng, label: t(`common:language.names.${lng}`) }))}
            defaultValue={values.language ?? language}
            error={errors.language}
          />
        </div>
        <TextField name="notes" label={t('fields.notes')} defaultValue={values.notes} error={errors.notes} maxLength={1000} />
        <details open={partsOpen}>
          <summary>{t('new.programme')}</summary>
          <p className="muted">{t('new.programmeHint')}</p>
          <div className="training-parts">
            {Array.from({ length: maxParts }, (_, i) => i + 1).map((n) => (
              <fieldset key={n} className="training-part">
                <legend>{t('new.part', { number: n })}</legend>
                <SelectField
                  name={`part${n}Kind`}
                  label={t('fields.kind')}
                  options={partKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
                  defaultValue={values[`part${n}Kind`] ?? 'plenary'}
                  error={errors[`part${n}Kind`]}
                />
                <TextField
                  name={`part${n}Title`}
                  label={t('fields.title')}
                  defaultValue={values[`part${n}Title`]}
                  error={errors[`part${n}Title`]}
                  maxLength={200}
                />
                <TextField
                  name={`part${n}Start`}
                  type="time"
                  label={t('fields.start')}
                  defaultValue={values[`part${n}Start`]}
                  error={errors[`part${n}Start`]}
                />
                <TextField name={`part${n}End`} type="time" label={t('fields.end')} defaultValue={values[`part${n}End`]} error={errors[`part${n}End`]} />
                <TextField
                  name={`part${n}Room`}
                  label={t('fields.room')}
                  defaultValue={values[`part${n}Room`]}
                  error={errors[`part${n}Room`]}
                  maxLength={100}
                />
              </fieldset>
            ))}
          </div>
        </details>
        <button type="submit" className="button button--primary">
          {t('new.submit')}
        </button>
      </Form>
    </div>
  );
}
