import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { getSignedInUser, sessionSetCookie, sessionTokenOf } from '~/accounts/auth-session.server';
import { homeFor } from '~/accounts/home';
import { knownDeviceFor, knownDeviceSetCookie } from '~/accounts/known-device.server';
import { signIn } from '~/accounts/sign-in.server';
import { FormMessage, TextField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors, formText } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { keepRetryAfter } from '~/lib/retry-after';
import { safeRedirectPath } from '~/lib/safe-redirect';
import { messageOf, statusOf } from '~/reasons';
import { servedOverPlainHttp } from '~/security/cookie-policy.server';
import { retryAfterHeaders } from '~/security/rate-limit.server';

export const meta = titleFromLoader;
// A 429's Retry-After reaches forms posted without JavaScript too.
export const headers = keepRetryAfter;

const notices = ['passwordReset', 'signedOut', 'signedOutEverywhere', 'deleted'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSignedInUser(context.db, request);
  if (user) throw redirect(homeFor(user));
  const t = await i18next.getFixedT(request);
  const notice = new URL(request.url).searchParams.get('notice');
  // Never silently: over plain HTTP the page says so, and what it means (decision 0014).
  const { plainHttp, secureRequired } = servedOverPlainHttp(request);
  const transport = !plainHttp ? null : secureRequired ? 'secureRequired' : 'plainHttp';
  return json({ title: t('account.signIn.title'), notice: notices.find((n) => n === notice) ?? null, transport });
}

const signInForm = z.object({
  email: formText(254),
  password: z.string().min(1, 'form.required').max(1000, 'form.tooLong'),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = signInForm.safeParse(await readForm(request));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: 'form.fixErrors' }, { status: 400 });
  // Where she goes next is decided before anything is written: a bad target is never a 500 after a session was made.
  const target = safeRedirectPath(parsed.data.redirectTo, '/account/home');
  const knownDevice = await knownDeviceFor(request, parsed.data.email);
  const result = await signIn(context.db, {
    ...parsed.data,
    clientIp: context.clientIp,
    knownDevice,
    previousSession: await sessionTokenOf(request),
  });
  if (!result.ok) {
    const headers = result.reason === 'tooMany' ? retryAfterHeaders(result) : {};
    return json({ errors: {}, formError: messageOf(result.reason) }, { status: statusOf(result.reason), headers });
  }
  const headers = new Headers();
  headers.append('Set-Cookie', await sessionSetCookie(request, result.value.sessionToken));
  headers.append('Set-Cookie', await knownDeviceSetCookie(request, parsed.data.email, knownDevice));
  return redirect(target, { headers });
}

export default function SignIn() {
  const { notice, transport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{t('account.signIn.title')}</h1>
      {transport ? (
        <p className={`form-message ${transport === 'secureRequired' ? 'form-message--error' : 'form-message--notice'}`} data-transport={transport}>
          {t(`account.signIn.transport.${transport}`)}
        </p>
      ) : null}
      <FormMessage error={actionData?.formError} notice={notice ? `account.signIn.notices.${notice}` : null} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <TextField name="email" type="email" label={t('account.fields.email')} autoComplete="email" required maxLength={254} error={errors.email} />
        <TextField name="password" type="password" label={t('account.fields.password')} autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('account.signIn.submit')}
        </button>
      </Form>
      <p>
        <Link to="/account/forgot-password">{t('account.signIn.forgot')}</Link>
      </p>
      <p>
        {t('account.signIn.noAccount')} <Link to="/account/register">{t('account.register.title')}</Link>
      </p>
    </div>
  );
}
