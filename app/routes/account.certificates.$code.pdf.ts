import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/accounts/guard.server';
import { formatCertificateCode } from '~/courses/certificate-code';
import { renderCertificatePdf } from '~/courses/certificate-view.server';
import { ownCertificate } from '~/courses/certificates.server';
import { refusal } from '~/lib/refusal.server';
import { siteOrigin } from '~/lib/site-origin.server';
import { logger } from '~/logger.server';

/** Her own certificate as a PDF, made on request from the snapshot; another's is not found. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'take', 'course');
  const mine = await ownCertificate(context.db, user.id, params.code ?? '');
  if (!mine.ok) throw refusal(mine.reason);
  const started = Date.now();
  const pdf = await renderCertificatePdf(mine.value, siteOrigin(request));
  logger.debug({ ms: Date.now() - started, bytes: pdf.length }, 'certificate pdf');
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="weerbaar-${formatCertificateCode(mine.value.code)}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
