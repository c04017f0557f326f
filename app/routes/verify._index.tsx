import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatCertificateCode, normaliseCertificateCode } from '~/courses/certificate-code';
import { verifyCertificate } from '~/courses/verify.server';
import { i18next } from '~/i18n/i18next.server';
import { keepRetryAfter } from '~/lib/retry-after';

export const handle = { i18n: ['common', 'courses'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? ''} · Weerbaar` }, { name: 'robots', content: 'noindex, nofollow' }];
export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set('X-Robots-Tag', 'noindex, nofollow');
  return headers;
};

/** The public form: a GET with ?code= (works without JavaScript and from a typed URL). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request, 'courses');
  const title = t('verify.title');
  const typed = new URL(request.url).searchParams.get('code');
  if (typed === null) return json({ title, code: '', message: null }, { headers: { 'X-Robots-Tag': 'noindex, nofollow' } });
  const code = normaliseCertificateCode(typed.slice(0, 64));
  if (code) throw redirect(`/verify/${formatCertificateCode(code)}`);
  // Not even the shape of a code: a wrong code all the same (counted).
  const outcome = await verifyCertificate(context.db, typed, context.clientIp);
  if (outcome.kind === 'tooMany')
    return json(
      { title, code: typed.slice(0, 64), message: 'tooMany' as const },
      { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
    );
  return json({ title, code: typed.slice(0, 64), message: 'notFound' as const }, { status: 404 });
}

export default function Verify() {
  const { code, message } = useLoaderData<typeof loader>();
  return <VerifyForm code={code} message={message} />;
}

export function VerifyForm({ code, message }: { code: string; message: 'notFound' | 'tooMany' | null }) {
  const { t } = useTranslation('courses');
  return (
    <div className="page page--narrow">
      <h1>{t('verify.title')}</h1>
      <p className="lead">{t('verify.lead')}</p>
      {message ? (
        <p className="form-message form-message--error" role="alert" data-verify={message}>
          {t(`verify.${message}`)}
        </p>
      ) : null}
      <Form method="get" action="/verify" className="form">
        <div className="field">
          <label htmlFor="field-code">{t('verify.code')}</label>
          <input id="field-code" name="code" defaultValue={code} required maxLength={64} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </div>
        <button type="submit" className="button button--primary">
          {t('verify.submit')}
        </button>
      </Form>
    </div>
  );
}
