import type { LoaderFunctionArgs } from '@remix-run/node';
import QRCode from 'qrcode';
import { joinOrigin } from '~/lib/lan-address.server';
import { requireOwnSession } from '~/sessions/guard.server';

/** The join link as a QR code, drawn here: no outside service ever sees the code. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await requireOwnSession(context, request, params.id);
  const svg = await QRCode.toString(`${joinOrigin(request).origin}/j/${session.join_code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' } });
}
