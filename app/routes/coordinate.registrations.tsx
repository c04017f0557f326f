import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { listPendingRegistrations, reviewRegistration } from '~/accounts/users.server';
import { FormMessage, TextAreaField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors, formText, formUuid } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'review', 'user');
  const t = await i18next.getFixedT(request);
  return json({ title: t('coordinate.registrations.title'), registrations: await listPendingRegistrations(context.db) });
}

const reviewForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), userId: formUuid }),
  z.object({ intent: z.literal('reject'), userId: formUuid, reason: formText(500) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(context, request, 'review', 'user');
  const values = await readForm(request);
  const parsed = reviewForm.safeParse(values);
  if (!parsed.success) {
    return json({ errors: fieldErrors(parsed.error), errorFor: String(values.userId ?? ''), formError: 'form.fixErrors', done: null }, { status: 400 });
  }
  const form = parsed.data;
  const reviewed = await reviewRegistration(
    context.db,
    actor.id,
    form.userId,
    form.intent === 'approve' ? { approve: true } : { approve: false, reason: form.reason },
  );
  if (!reviewed.ok) return json({ errors: {}, errorFor: '', formError: messageOf(reviewed.reason), done: null }, { status: statusOf(reviewed.reason) });
  return json({
    errors: {},
    errorFor: '',
    formError: null,
    done: form.intent === 'approve' ? 'coordinate.registrations.approved' : 'coordinate.registrations.rejected',
  });
}

export default function Registrations() {
  const { registrations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page">
      <h1>{t('coordinate.registrations.title')}</h1>
      <FormMessage error={actionData?.formError} notice={actionData?.done} />
      {registrations.length === 0 ? <p className="empty-state">{t('coordinate.registrations.empty')}</p> : null}
      <ul className="card-list">
        {registrations.map((r) => {
          const reasonError = actionData?.errorFor === r.id ? errors.reason : undefined;
          return (
            <li key={r.id} className="card">
              <h2>{r.name}</h2>
              <dl className="details">
                <dt>{t('account.fields.email')}</dt>
                <dd>{r.email}</dd>
                <dt>{t('account.fields.profession')}</dt>
                <dd>{t(`professions.${r.profession}`)}</dd>
                <dt>{t('account.overview.roles')}</dt>
                <dd>{r.roles.map((role) => t(`account.roles.${role}`)).join(', ')}</dd>
                <dt>{t('account.organisation.title')}</dt>
                <dd>
                  {r.organisation_id ? <Link to={`/coordinate/organisations/${r.organisation_id}`}>{r.organisation_name}</Link> : '—'} · {r.postal_code}{' '}
                  {r.municipality} · {r.organisation_type ? t(`organisationTypes.${r.organisation_type}`) : ''} · {r.region ? t(`regions.${r.region}`) : ''}
                </dd>
                <dt>{t('coordinate.registrations.registeredAt')}</dt>
                <dd>{new Date(r.created_at).toLocaleString(i18n.language)}</dd>
                <dt>{t('coordinate.registrations.otherMembers')}</dt>
                <dd>
                  {r.otherMembers.length === 0
                    ? t('coordinate.registrations.noOtherMembers')
                    : r.otherMembers.map((m) => `${m.name} (${t(`account.status.${m.status}`)})`).join(', ')}
                </dd>
              </dl>
              <div className="review-actions">
                <Form method="post">
                  <input type="hidden" name="userId" value={r.id} />
                  <button type="submit" name="intent" value="approve" className="button button--primary">
                    {t('coordinate.registrations.approve', { name: r.name })}
                  </button>
                </Form>
                <Form method="post" className="form">
                  <input type="hidden" name="userId" value={r.id} />
                  <TextAreaField
                    id={`reason-${r.id}`}
                    name="reason"
                    label={t('coordinate.registrations.reason')}
                    maxLength={500}
                    rows={2}
                    error={reasonError}
                  />
                  <button type="submit" name="intent" value="reject" className="button button--danger">
                    {t('coordinate.registrations.reject', { name: r.name })}
                  </button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
