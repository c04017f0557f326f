import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CertificateFields } from '~/components/courses/CertificateFields';
import { requirePermission } from '~/accounts/guard.server';
import { formatCertificateCode } from '~/courses/certificate-code';
import { certificateDisplay } from '~/courses/certificate-view.server';
import { certificatesOf } from '~/courses/certificates.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'take', 'course');
  const t = await i18next.getFixedT(request, 'courses');
  const certificates = await Promise.all(
    (await certificatesOf(context.db, user.id)).map(async (view) => ({
      code: formatCertificateCode(view.code),
      courseTitle: view.courseTitle,
      status: view.status,
      ...(await certificateDisplay(view)),
    })),
  );
  return json({ title: t('certificates.title'), certificates });
}

export default function MyCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const { t } = useTranslation('courses');
  return (
    <div className="page page--narrow">
      <h1>{t('certificates.title')}</h1>
      <p className="lead">{t('certificates.lead')}</p>
      {certificates.length === 0 ? (
        <p className="empty-state">
          {t('certificates.empty')} <Link to="/courses">{t('catalogue.title')}</Link>
        </p>
      ) : null}
      {certificates.map((certificate) => (
        <section
          key={certificate.code}
          className="card certificate"
          aria-labelledby={`certificate-${certificate.code}`}
          data-code={certificate.code}
          data-status={certificate.status}
        >
          <h2 id={`certificate-${certificate.code}`}>{certificate.courseTitle}</h2>
          <CertificateFields fields={certificate.fields} />
          <p>
            <a href={`/account/certificates/${certificate.code}/pdf`} className="button button--primary" download>
              {t('certificates.download')}
              <span className="visually-hidden">: {certificate.courseTitle}</span>
            </a>{' '}
            <Link to={`/verify/${certificate.code}`}>
              {t('certificates.verifyPage')}
              <span className="visually-hidden">: {certificate.courseTitle}</span>
            </Link>
          </p>
        </section>
      ))}
    </div>
  );
}
