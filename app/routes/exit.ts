import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { expireAllCookies } from '~/security/cookie-policy.server';

/**
 * Quick exit: forget this device's cookies and storage, then show the neutral page.
 * The button gets here with location.replace, so Back does not return to the page left.
 * Browsers without Clear-Site-Data get every cookie of ours expired too (decision 0013).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const headers = new Headers({ 'Clear-Site-Data': '"cookies", "storage"', 'Cache-Control': 'no-store' });
  for (const cookie of expireAllCookies(request)) headers.append('Set-Cookie', cookie);
  return redirect('/recipe', { status: 303, headers });
}
