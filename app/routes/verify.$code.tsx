import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CertificateFields } from '~/components/courses/CertificateFields';
import { VerifyForm } from '~/components/courses/VerifyForm';
import { formatCertificateCode } from '~/courses/certificate-code';
import { certificateDisplay } from '~/courses/certificate-view.server';
import { refusedVerify } from '~/courses/route-helpers.server';
import { verifyHeaders, verifyMeta } from '~/courses/verify-page';
import { verifyCertificate } from '~/courses/verify.server';
import { i18next } from '~/i18n/i18next.server';

export const handle = { i18n: ['common', 'courses'] };
export const meta = verifyMeta;
export const headers = verifyHeaders;

/** Public: the certificate behind a code, exactly as its PDF shows it, and its status. Never an e-mail address. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request, 'courses');
  const typed = (params.code ?? '').slice(0, 64);
  const outcome = await verifyCertificate(context.db, typed, context.clientIp);
  if (!outcome.ok) return refusedVerify(outcome, { title: t('verify.title'), typed });
  const view = outcome.value;
  const code = formatCertificateCode(view.code);
  const display = await certificateDisplay(view);
  return json({
    title: t('verify.resultTitle', { code }),
    typed,
    refused: null,
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
  const { typed, refused, certificate } = useLoaderData<typeof loader>();
  const { t } = useTranslation('courses');
  if (!certificate) return <VerifyForm code={typed} refused={refused} />;
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
      <CertificateFields fields={certificate.fields} lang={certificate.language} />
      <p>
        <Link to="/verify">{t('verify.another')}</Link>
      </p>
    </div>
  );
}
