import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { TextField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { refusal } from '~/lib/refusal.server';
import { keepRetryAfter } from '~/lib/retry-after';
import { lookUpJoinCode, retryAfterHeaders } from '~/sessions/joining.server';

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
  const found = await lookUpJoinCode(context.db, context.clientIp, parsed.success ? parsed.data.code : '');
  // A wrong code, or too many from this network: said on the form (with its Retry-After).
  if (!found.ok) return refusal(found.reason, { headers: retryAfterHeaders(found) });
  return redirect(`/join/${found.value.join_code}`);
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
        <TextField
          id="join-code"
          name="code"
          label={t('join.codeLabel')}
          hint={t('join.codeHint')}
          error={actionData?.message}
          alert
          className="input input--code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={12}
          defaultValue={code}
          required
        />
        <button type="submit" className="button button--primary">
          {t('join.submit')}
        </button>
      </Form>
    </div>
  );
}
