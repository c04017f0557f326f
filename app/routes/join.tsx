import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { i18next } from '~/i18n/i18next.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { keepRetryAfter } from '~/lib/retry-after';
import { lookUpJoinCode } from '~/sessions/joining.server';

export const meta = titleFromLoader;
// A 429's Retry-After reaches the code form posted without JavaScript too.
export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('join.title'), code: (new URL(request.url).searchParams.get('code') ?? '').slice(0, 12) });
}

const joinForm = z.object({ code: z.string().max(100) });

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = joinForm.safeParse(await readForm(request));
  let found;
  try {
    found = await lookUpJoinCode(parsed.success ? parsed.data.code : '', context.clientIp);
  } catch (error) {
    // Too many wrong codes from this network: said on the form, with its Retry-After.
    if (error instanceof Response && error.status === 429)
      return json({ error: 'join.errors.tooMany' as const }, { status: 429, headers: { 'Retry-After': error.headers.get('Retry-After') ?? '60' } });
    throw error;
  }
  if (!found.ok)
    return found.reason === 'unknown'
      ? json({ error: 'join.errors.unknown' as const }, { status: 404 })
      : json({ error: 'join.errors.format' as const }, { status: 400 });
  return redirect(`/join/${found.session.join_code}`);
}

export default function Join() {
  const { code } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t('join.title')}</h1>
      <p className="lead">{t('join.lead')}</p>
      <Form method="post" className="form" noValidate>
        <div className="field">
          <label htmlFor="join-code">{t('join.codeLabel')}</label>
          <input
            id="join-code"
            name="code"
            className="input input--code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            maxLength={12}
            defaultValue={code}
            required
            aria-describedby={actionData?.error ? 'join-code-error join-code-hint' : 'join-code-hint'}
            aria-invalid={actionData?.error ? true : undefined}
          />
          <p id="join-code-hint" className="field__hint">
            {t('join.codeHint')}
          </p>
          {actionData?.error ? (
            <p id="join-code-error" className="field__error" role="alert">
              {t(actionData.error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary">
          {t('join.submit')}
        </button>
      </Form>
    </div>
  );
}
