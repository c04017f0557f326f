import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { requirePermission } from '~/accounts/guard.server';
import { formatCertificateCode, normaliseCertificateCode } from '~/courses/certificate-code';
import { renderCertificatePdf } from '~/courses/certificate-view.server';
import { certificateByCode, viewOf } from '~/courses/certificates.server';
import { siteOrigin } from '~/lib/site-origin.server';
import { logger } from '~/logger.server';

/** Her own certificate as a PDF, made on request from the snapshot; another's is not found. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'take', 'course');
  const code = normaliseCertificateCode(params.code ?? '');
  const row = code ? await certificateByCode(context.db, code) : undefined;
  if (!row || row.user_id !== user.id) throw json({ reason: 'notFound' }, { status: 404 });
  const started = Date.now();
  const pdf = await renderCertificatePdf(viewOf(row), siteOrigin(request));
  logger.debug({ ms: Date.now() - started, bytes: pdf.length }, 'certificate pdf');
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="weerbaar-${formatCertificateCode(row.code)}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
