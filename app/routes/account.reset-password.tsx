import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isResetTokenUsable, resetPassword } from '~/accounts/password-reset.server';
import { newPasswordField } from '~/accounts/passwords.server';
import { FormMessage, NewPasswordField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

const tokenSchema = z.string().min(20).max(100);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  const token = tokenSchema.safeParse(new URL(request.url).searchParams.get('token'));
  const usable = token.success && (await isResetTokenUsable(context.db, token.data));
  return json({ title: t('account.reset.title'), token: usable ? token.data : null }, { status: usable ? 200 : statusOf('resetLinkUnusable') });
}

const resetForm = z.object({ token: tokenSchema, password: newPasswordField });

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = resetForm.safeParse(await readForm(request));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return json({ errors, formError: errors.token ? messageOf('resetLinkUnusable') : 'form.fixErrors' }, { status: 400 });
  }
  const reset = await resetPassword(context.db, parsed.data.token, parsed.data.password);
  if (!reset.ok) return json({ errors: {}, formError: messageOf(reset.reason) }, { status: statusOf(reset.reason) });
  return redirect('/account/sign-in?notice=passwordReset');
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{t('account.reset.title')}</h1>
      <FormMessage error={actionData?.formError ?? (token ? null : 'account.reset.invalid')} />
      {token ? (
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="token" value={token} />
          <NewPasswordField name="password" error={errors.password} />
          <button type="submit" className="button button--primary">
            {t('account.reset.submit')}
          </button>
        </Form>
      ) : (
        <p>
          <Link to="/account/forgot-password">{t('account.reset.again')}</Link>
        </p>
      )}
    </div>
  );
}
