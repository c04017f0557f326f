import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requireUser } from '~/accounts/guard.server';
import { changeEmail } from '~/accounts/users.server';
import { CurrentPasswordField, FormMessage, TextField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors, formEmail } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const t = await i18next.getFixedT(request);
  return json({ title: t('account.email.title'), email: user.email });
}

const emailForm = z.object({ email: formEmail, password: z.string().min(1, 'form.required').max(1000, 'form.tooLong') });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(context, request);
  const parsed = emailForm.safeParse(await readForm(request));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: 'form.fixErrors' }, { status: 400 });
  const changed = await changeEmail(context.db, user.id, parsed.data.password, parsed.data.email);
  if (!changed.ok) {
    // The field the refusal is about: the password, or the address she asked for.
    const field = changed.reason === 'wrongPassword' ? 'password' : 'email';
    return json({ errors: { [field]: messageOf(changed.reason) }, formError: 'form.fixErrors' }, { status: statusOf(changed.reason) });
  }
  return redirect('/account?notice=emailChanged');
}

export default function ChangeEmail() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{t('account.email.title')}</h1>
      <p className="lead">{t('account.email.lead', { email })}</p>
      <FormMessage error={actionData?.formError} />
      <Form method="post" className="form" noValidate>
        <TextField name="email" type="email" label={t('account.fields.newEmail')} autoComplete="email" required maxLength={254} error={errors.email} />
        <CurrentPasswordField name="password" error={errors.password} />
        <button type="submit" className="button button--primary">
          {t('account.email.submit')}
        </button>
      </Form>
    </div>
  );
}
