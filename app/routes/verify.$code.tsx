import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatCertificateCode } from '~/courses/certificate-code';
import { certificateDisplay } from '~/courses/certificate-view.server';
import { verifyCertificate } from '~/courses/verify.server';
import { i18next } from '~/i18n/i18next.server';
import { keepRetryAfter } from '~/lib/retry-after';
import { VerifyForm } from './verify._index';

export const handle = { i18n: ['common', 'courses'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? ''} · Weerbaar` }, { name: 'robots', content: 'noindex, nofollow' }];
export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set('X-Robots-Tag', 'noindex, nofollow');
  return headers;
};

/** Public: the certificate behind a code, exactly as its PDF shows it, and its status. Never an e-mail address. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request, 'courses');
  const typed = (params.code ?? '').slice(0, 64);
  const outcome = await verifyCertificate(context.db, typed, context.clientIp);
  if (outcome.kind === 'tooMany') {
    return json(
      { title: t('verify.title'), typed, message: 'tooMany' as const, certificate: null },
      { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.kind === 'notFound') return json({ title: t('verify.title'), typed, message: 'notFound' as const, certificate: null }, { status: 404 });
  const { view } = outcome;
  const code = formatCertificateCode(view.code);
  const display = await certificateDisplay(view);
  return json({
    title: t('verify.resultTitle', { code }),
    typed,
    message: null,
    certificate: {
      code,
      status: view.status,
      expiresAt: view.expiresAt?.slice(0, 10) ?? null,
      revokedAt: view.revokedAt?.slice(0, 10) ?? null,
      revokedReason: view.revokedReason,
      language: view.language,
      fields: display.fields,
    },
  });
}

export default function VerifyCode() {
  const { typed, message, certificate } = useLoaderData<typeof loader>();
  const { t } = useTranslation('courses');
  if (!certificate) return <VerifyForm code={typed} message={message} />;
  const statusText =
    certificate.status === 'valid'
      ? t('verify.valid')
      : certificate.status === 'expired'
        ? t('verify.expired', { date: certificate.expiresAt })
        : t('verify.revoked', { date: certificate.revokedAt });
  return (
    <div className="page page--narrow">
      <h1>{t('verify.resultTitle', { code: certificate.code })}</h1>
      <p
        className={`form-message ${certificate.status === 'valid' ? 'form-message--notice' : 'form-message--error'}`}
        role="status"
        data-status={certificate.status}
      >
        {statusText}
        {certificate.revokedReason ? <> {t('verify.revokedReason', { reason: certificate.revokedReason })}</> : null}
      </p>
      <p>{t('verify.matchPdf')}</p>
      <dl className="certificate__fields" lang={certificate.language}>
        {certificate.fields.map((field) => (
          <div key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to="/verify">{t('verify.another')}</Link>
      </p>
    </div>
  );
}
