// A certificate as the PDF and /verify show it, in the certificate's own language.
import { type Language, languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { formatCertificateCode } from './certificate-code';
import type { CertificateView } from './certificates.server';
import { certificatePdf } from './pdf.server';
import { certificateFields } from './views.server';

export async function certificateTranslator(language: string) {
  const lang: Language = languageOr(language);
  return i18next.getFixedT(lang, 'courses');
}

/** The fields every rendering shows, labelled in the certificate's language. */
export async function certificateDisplay(view: CertificateView) {
  const t = await certificateTranslator(view.language);
  return {
    fields: [
      ...certificateFields(view, (key) => t(key)),
      { label: t('certificates.fields.status'), value: t(`certificates.status.${view.status}`) },
      { label: t('certificates.fields.code'), value: formatCertificateCode(view.code) },
    ],
  };
}

export async function renderCertificatePdf(view: CertificateView, origin: string): Promise<Buffer> {
  const t = await certificateTranslator(view.language);
  const verifyUrl = `${origin}/verify/${formatCertificateCode(view.code)}`;
  return certificatePdf(
    view,
    {
      heading: t('certificates.pdf.heading'),
      intro: t('certificates.pdf.intro'),
      holder: t('certificates.fields.holder'),
      organisation: t('certificates.fields.organisation'),
      course: t('certificates.fields.course'),
      version: t('certificates.fields.version'),
      score: t('certificates.fields.score'),
      issued: t('certificates.fields.issued'),
      expires: t('certificates.fields.expires'),
      noExpiry: t('certificates.fields.noExpiry'),
      code: t('certificates.fields.code'),
      verify: t('certificates.pdf.verify'),
      status: t('certificates.fields.status'),
      statusText: t(`certificates.status.${view.status}`),
      qrAlt: t('certificates.pdf.qrAlt'),
    },
    verifyUrl,
  );
}
