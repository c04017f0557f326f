import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormMessage, TextField } from '~/components/Field';
import { TrainingDayFacts } from '~/components/training/TrainingDayList';
import { refusedForm } from '~/lib/refusal.server';
import { i18next, readerLanguage } from '~/i18n/i18next.server';
import { fieldErrors } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { attendancePageForm } from '~/training-days/forms';
import { managedDay } from '~/training-days/route-helpers.server';
import { markAttendance, setMaterialUrl, trainingDayDetail, trainingDayPeople } from '~/training-days/training-days.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'training'] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, day } = await managedDay(context, request, params);
  const language = await readerLanguage(request);
  const t = await i18next.getFixedT(language, 'training');
  const [detail, people] = await Promise.all([
    trainingDayDetail(context.db, context.courses, { day, userId: user.id, language, manager: true }),
    trainingDayPeople(context.db, day.id),
  ]);
  return json({ title: `${t('attendance.title')} — ${detail.courseTitle}`, day: detail, people });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, day } = await managedDay(context, request, params);
  const parsed = attendancePageForm.safeParse(await readForm(request));
  if (!parsed.success) {
    const { materialUrl } = fieldErrors(parsed.error);
    if (materialUrl) return json({ error: 'form.fixErrors', errors: { materialUrl } }, { status: 400 });
    return refusedForm('badRequest', { errors: {} });
  }
  if (parsed.data.intent === 'material') {
    await setMaterialUrl(context.db, day.id, parsed.data.materialUrl);
    return redirect(`/training-days/${day.id}/attendance?material=1`);
  }
  const outcome = await markAttendance(context.db, context.courses, { trainingDayId: day.id, presentUserIds: parsed.data.present, markedBy: user.id });
  if (!outcome.ok) return refusedForm(outcome.reason, { errors: {} });
  return redirect(`/training-days/${day.id}/attendance?saved=1&completed=${outcome.value.completed.length}`);
}

export default function Attendance() {
  const { day, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation('training');
  const completed = Number(search.get('completed') ?? 0);
  const notice = search.has('saved') ? 'training:notice.attendance' : search.has('material') ? 'training:notice.material' : undefined;
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <p>
        <Link to={`/training-days/${day.id}`}>{t('attendance.view')}</Link>
      </p>
      <h1>
        {t('attendance.title')} — {day.courseTitle}
      </h1>
      <FormMessage error={actionData?.error && !Object.keys(errors).length ? actionData.error : undefined} notice={notice} />
      {search.has('saved') && completed > 0 ? <p className="form-message form-message--notice">{t('attendance.completed', { count: completed })}</p> : null}
      <TrainingDayFacts day={day} />
      <section aria-labelledby="attendance-heading" className="page">
        <h2 id="attendance-heading">{t('attendance.title')}</h2>
        {!day.attendanceOpen ? <p className="muted">{t('attendance.tooEarly')}</p> : null}
        {people.registered.length === 0 ? (
          <p className="empty-state">{t('attendance.none')}</p>
        ) : (
          <Form method="post" className="form">
            {day.attendanceOpen ? <p>{t('attendance.lead')}</p> : null}
            <fieldset className="choice-group">
              <legend>{t('attendance.present')}</legend>
              <ul className="attendance-list">
                {people.registered.map((person) => (
                  <li key={person.userId} className="attendance-list__item">
                    <label>
                      <input type="checkbox" name="present" value={person.userId} defaultChecked={person.attended} disabled={!day.attendanceOpen} />
                      <span className="attendance-list__who">
                        <strong>{person.name}</strong>
                        {person.organisation || person.breakout ? (
                          <span className="muted">{[person.organisation, person.breakout].filter(Boolean).join(' · ')}</span>
                        ) : null}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <p>
              <button type="submit" name="intent" value="attendance" className="button button--primary button--large" disabled={!day.attendanceOpen}>
                {t('attendance.save')}
              </button>
            </p>
          </Form>
        )}
        <h3>{t('attendance.waitingList')}</h3>
        {people.waiting.length ? (
          <ol>
            {people.waiting.map((person, index) => (
              <li key={index}>{person.name}</li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('attendance.waitingEmpty')}</p>
        )}
      </section>
      <section aria-labelledby="material-heading" className="page">
        <h2 id="material-heading">{t('material.title')}</h2>
        <p>{t('material.lead')}</p>
        <Form method="post" className="form">
          <TextField
            name="materialUrl"
            type="url"
            label={t('material.url')}
            hint={t('material.urlHint')}
            defaultValue={day.materialUrl ?? ''}
            error={errors.materialUrl}
            maxLength={500}
          />
          <p>
            <button type="submit" name="intent" value="material" className="button">
              {t('material.save')}
            </button>
          </p>
        </Form>
      </section>
    </div>
  );
}
