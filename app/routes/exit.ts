import { redirect } from '@remix-run/node';

/**
 * Quick exit: forget this device's cookies and storage, then show the neutral page.
 * The button gets here with location.replace, so Back does not return to the page left.
 */
export function loader() {
  return redirect('/recipe', {
    status: 303,
    headers: { 'Clear-Site-Data': '"cookies", "storage"', 'Cache-Control': 'no-store' },
  });
}
