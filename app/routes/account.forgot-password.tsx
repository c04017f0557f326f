import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requestPasswordResetWithinLimits } from '~/accounts/password-reset.server';
import { FormMessage, TextField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors, formEmail } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { keepRetryAfter } from '~/lib/retry-after';
import { mailOrigin } from '~/lib/site-origin.server';
import { messageOf, statusOf } from '~/reasons';
import { retryAfterHeaders } from '~/security/rate-limit.server';

export const meta = titleFromLoader;
// A 429's Retry-After reaches forms posted without JavaScript too.
export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('account.forgot.title') });
}

const forgotForm = z.object({ email: formEmail });

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = forgotForm.safeParse(await readForm(request));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: 'form.fixErrors', sent: false }, { status: 400 });
  const result = await requestPasswordResetWithinLimits(context.db, { email: parsed.data.email, clientIp: context.clientIp, origin: mailOrigin() });
  if (!result.ok) {
    return json({ errors: {}, formError: messageOf(result.reason), sent: false }, { status: statusOf(result.reason), headers: retryAfterHeaders(result) });
  }
  return json({ errors: {}, formError: null, sent: true });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{t('account.forgot.title')}</h1>
      <p className="lead">{t('account.forgot.lead')}</p>
      <FormMessage error={actionData?.formError} notice={actionData?.sent ? 'account.forgot.sent' : null} />
      <Form method="post" className="form" noValidate>
        <TextField name="email" type="email" label={t('account.fields.email')} autoComplete="email" required maxLength={254} error={errors.email} />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('account.forgot.submit')}
        </button>
      </Form>
      <p>
        <Link to="/account/sign-in">{t('account.signIn.title')}</Link>
      </p>
    </div>
  );
}
