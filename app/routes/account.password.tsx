import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { sessionTokenOf } from '~/accounts/auth-session.server';
import { requireUser } from '~/accounts/guard.server';
import { newPasswordField } from '~/accounts/passwords.server';
import { changePassword } from '~/accounts/users.server';
import { CurrentPasswordField, FormMessage, NewPasswordField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(context, request);
  const t = await i18next.getFixedT(request);
  return json({ title: t('account.password.title') });
}

const passwordForm = z.object({
  currentPassword: z.string().min(1, 'form.required').max(1000, 'form.tooLong'),
  newPassword: newPasswordField,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(context, request);
  const parsed = passwordForm.safeParse(await readForm(request));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: 'form.fixErrors' }, { status: 400 });
  // The session she changes it from stays; her other devices are signed out.
  const changed = await changePassword(context.db, user.id, parsed.data.currentPassword, parsed.data.newPassword, await sessionTokenOf(request));
  if (!changed.ok) return json({ errors: { currentPassword: messageOf(changed.reason) }, formError: 'form.fixErrors' }, { status: statusOf(changed.reason) });
  return redirect('/account?notice=passwordChanged');
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{t('account.password.title')}</h1>
      <p className="lead">{t('account.password.lead')}</p>
      <FormMessage error={actionData?.formError} />
      <Form method="post" className="form" noValidate>
        <CurrentPasswordField name="currentPassword" error={errors.currentPassword} />
        <NewPasswordField name="newPassword" error={errors.newPassword} />
        <button type="submit" className="button button--primary">
          {t('account.password.submit')}
        </button>
      </Form>
    </div>
  );
}
