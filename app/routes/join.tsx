import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { i18next } from '~/i18n/i18next.server';
import { readForm } from '~/lib/forms';
import { titleFromLoader } from '~/lib/meta';
import { keepRetryAfter } from '~/lib/retry-after';
import { db } from '~/runtime.server';
import { consumeRate, peekRate, rateRules } from '~/security/rate-limit.server';
import { findJoinableSession } from '~/sessions/group-sessions.server';
import { JOIN_CODE_PATTERN, normaliseJoinCode } from '~/sessions/join-code';

export const meta = titleFromLoader;
// A 429's Retry-After reaches the code form posted without JavaScript too.
export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('join.title'), code: (new URL(request.url).searchParams.get('code') ?? '').slice(0, 12) });
}

const joinForm = z.object({ code: z.string().max(100).transform(normaliseJoinCode).pipe(z.string().regex(JOIN_CODE_PATTERN)) });

export async function action({ request, context }: ActionFunctionArgs) {
  const database = await db();
  // Wrong codes count, per network: a group's tablets share one address, and the right code
  // must keep working for all twelve of them; guessing codes must not.
  const rateKey = `join-wrong-ip:${(context as { clientIp?: string }).clientIp ?? 'unknown'}`;
  const rate = await peekRate(database, rateKey, rateRules.joinPerIp);
  if (!rate.allowed) return json({ error: 'join.errors.tooMany' as const }, { status: 429, headers: { 'Retry-After': String(rate.retryAfterSeconds) } });
  const parsed = joinForm.safeParse(await readForm(request));
  const session = parsed.success ? await findJoinableSession(database, parsed.data.code) : undefined;
  if (!parsed.success || !session) {
    await consumeRate(database, rateKey, rateRules.joinPerIp);
    return parsed.success ? json({ error: 'join.errors.unknown' as const }, { status: 404 }) : json({ error: 'join.errors.format' as const }, { status: 400 });
  }
  return redirect(`/join/${session.join_code}`);
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
