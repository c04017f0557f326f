import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { endAuthSession } from '~/accounts/auth-session.server';
import { requireSignedIn } from '~/accounts/guard.server';
import { deleteAccount } from '~/accounts/users.server';
import { CurrentPasswordField, FormMessage } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSignedIn(context, request);
  const t = await i18next.getFixedT(request);
  return json({ title: t('account.delete.title') });
}

const deleteForm = z.object({ password: z.string().min(1, 'form.required').max(1000, 'form.tooLong') });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireSignedIn(context, request);
  const parsed = deleteForm.safeParse(await readForm(request));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: 'form.fixErrors' }, { status: 400 });
  const deleted = await deleteAccount(context.db, user.id, parsed.data.password);
  if (!deleted.ok) return json({ errors: { password: messageOf(deleted.reason) }, formError: 'form.fixErrors' }, { status: statusOf(deleted.reason) });
  const clear = await endAuthSession(context.db, request);
  return redirect('/account/sign-in?notice=deleted', { headers: { 'Set-Cookie': clear } });
}

export default function DeleteAccount() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{t('account.delete.title')}</h1>
      <p className="lead">{t('account.delete.lead')}</p>
      <ul>
        <li>{t('account.delete.goes')}</li>
        <li>{t('account.delete.stays')}</li>
      </ul>
      <FormMessage error={actionData?.formError} />
      <Form method="post" className="form" noValidate>
        <CurrentPasswordField name="password" error={errors.password} />
        <button type="submit" className="button button--danger">
          {t('account.delete.submit')}
        </button>
      </Form>
      <p>
        <Link to="/account/export" reloadDocument>
          {t('account.overview.download')}
        </Link>
      </p>
    </div>
  );
}
