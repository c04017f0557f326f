import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { normaliseJoinCode } from '~/sessions/join-code';

/** The short link on the projector and in the QR code. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/join/${encodeURIComponent(normaliseJoinCode(params.code ?? '').slice(0, 12))}`);
}
