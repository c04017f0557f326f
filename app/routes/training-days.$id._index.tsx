import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormMessage } from '~/components/Field';
import { TrainingDayFacts } from '~/components/training/TrainingDayList';
import { refusedForm } from '~/lib/refusal.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { mailOrigin } from '~/lib/site-origin.server';
import { registrationForm } from '~/training-days/forms';
import { visitedDay } from '~/training-days/route-helpers.server';
import { readerLanguage } from '~/i18n/i18next.server';
import { cancelRegistration, mayManage, registerForTrainingDay, trainingDayDetail } from '~/training-days/training-days.server';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'training'] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, day } = await visitedDay(context, request, params);
  const language = await readerLanguage(request);
  const manager = mayManage(user, day);
  const detail = await trainingDayDetail(context.db, context.courses, { day, userId: user.id, language, manager });
  return json({ title: `${detail.courseTitle} — ${detail.day}`, day: detail, manager });
}

const notices = {
  registered: 'training:notice.registered',
  waiting: 'training:notice.waiting',
  cancelled: 'training:notice.cancelled',
  breakout: 'training:notice.breakout',
  created: 'training:notice.created',
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, day } = await visitedDay(context, request, params);
  const parsed = registrationForm.safeParse(await readForm(request));
  if (!parsed.success) return refusedForm(parsed.error.issues.some((issue) => issue.path[0] === 'breakout') ? 'chooseBreakout' : 'badRequest');
  if (parsed.data.intent === 'register') {
    const outcome = await registerForTrainingDay(context.db, { trainingDayId: day.id, userId: user.id, breakoutPartId: parsed.data.breakout });
    if (!outcome.ok) return refusedForm(outcome.reason);
    return redirect(`/training-days/${day.id}?${outcome.value.already ? 'breakout' : outcome.value.status}=1`);
  }
  const outcome = await cancelRegistration(context.db, context.courses, { trainingDayId: day.id, userId: user.id, origin: mailOrigin() });
  if (!outcome.ok) return refusedForm(outcome.reason);
  return redirect(`/training-days/${day.id}?cancelled=1`);
}

export default function TrainingDayPage() {
  const { day, manager } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation('training');
  const notice = (Object.keys(notices) as (keyof typeof notices)[]).find((key) => search.has(key));
  const breakouts = day.parts.filter((part) => part.kind === 'breakout');
  const holdsPlace = day.myStatus !== null;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/training-days">{t('detail.back')}</Link>
      </p>
      <h1>{day.courseTitle}</h1>
      <FormMessage error={actionData?.error} notice={notice ? notices[notice] : undefined} />
      <TrainingDayFacts day={day} />
      <p>
        <Link to={`/courses/${day.courseId}`}>{t('detail.aboutCourse')}</Link>
      </p>
      {day.notes ? (
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t('detail.notes')}</h2>
          <p>{day.notes}</p>
        </section>
      ) : null}
      {day.parts.length ? (
        <section aria-labelledby="programme-heading">
          <h2 id="programme-heading">{t('detail.programme')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('fields.start')}</th>
                <th scope="col">{t('fields.title')}</th>
                <th scope="col">{t('detail.room')}</th>
              </tr>
            </thead>
            <tbody>
              {day.parts.map((part) => (
                <tr key={part.id}>
                  <td>{part.times}</td>
                  <td>
                    <strong>{part.title}</strong> <span className="muted">({t(`kinds.${part.kind}`)})</span>
                  </td>
                  <td>{part.room ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {day.online ? (
        day.onlineUrl ? (
          <p>
            <a href={day.onlineUrl} rel="noopener noreferrer">
              {t('detail.onlineLink')}
            </a>
          </p>
        ) : (
          <p className="muted">{t('detail.onlineAfterRegistering')}</p>
        )
      ) : null}
      {day.materialUrl ? (
        <section aria-labelledby="material-heading">
          <h2 id="material-heading">{t('detail.material')}</h2>
          <p>
            <a href={day.materialUrl} rel="noopener noreferrer">
              {t('detail.materialLink')}
            </a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="registration-heading" className="page">
        <h2 id="registration-heading">{day.myStatus ? t(`status.${day.myStatus}`) : t('detail.register')}</h2>
        {day.attended ? <p className="training-day__status">{t('detail.attended')}</p> : null}
        {day.myStatus === 'registered' && !day.over ? <p>{t('detail.registeredNote')}</p> : null}
        {day.myStatus === 'waiting' && day.myQueuePosition ? (
          <p data-queue-position={day.myQueuePosition}>{t('detail.queuePosition', { position: day.myQueuePosition })}</p>
        ) : null}
        {day.over ? (
          <p className="muted">{t('detail.over')}</p>
        ) : (
          <>
            {!holdsPlace || breakouts.length ? (
              <Form method="post" className="form">
                {breakouts.length ? (
                  <fieldset className="choice-group">
                    <legend>{t('detail.chooseBreakout')}</legend>
                    {breakouts.map((part, index) => (
                      <label key={part.id} className="choice">
                        <input type="radio" name="breakout" value={part.id} defaultChecked={day.myBreakout ? day.myBreakout === part.id : index === 0} />
                        <span>
                          {part.title}{' '}
                          <span className="muted">
                            ({part.times}
                            {part.room ? `, ${part.room}` : ''})
                          </span>
                        </span>
                      </label>
                    ))}
                  </fieldset>
                ) : null}
                <p>
                  <button type="submit" name="intent" value="register" className="button button--primary">
                    {holdsPlace ? t('detail.saveBreakout') : day.seatsLeft > 0 ? t('detail.register') : t('detail.joinWaitingList')}
                  </button>
                </p>
              </Form>
            ) : null}
            {holdsPlace ? (
              <Form method="post">
                <button type="submit" name="intent" value="cancel" className="button button--danger">
                  {day.myStatus === 'waiting' ? t('detail.leaveWaitingList') : t('detail.cancel')}
                </button>
              </Form>
            ) : null}
          </>
        )}
      </section>
      {manager ? (
        <p>
          <Link to={`/training-days/${day.id}/attendance`} className="button">
            {t('list.manage')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
