import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { i18next } from '~/i18n/i18next.server';
import { JOIN_CODE_PATTERN, normaliseJoinCode } from '~/sessions/join-code';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('join.title') });
}

const joinForm = z.object({ code: z.string().max(100).transform(normaliseJoinCode).pipe(z.string().regex(JOIN_CODE_PATTERN)) });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = joinForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: 'join.errors.format' as const }, { status: 400 });
  // No group session is open with this code (group sessions arrive with the live-session work).
  return json({ error: 'join.errors.unknown' as const }, { status: 404 });
}

export default function Join() {
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
