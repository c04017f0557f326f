import { appCookie } from '~/security/cookie-policy.server';
import { hashToken, randomToken } from './crypto.server';
import { normaliseEmail } from './users.server';

/**
 * A browser where someone signed in before carries a signed cookie naming that account (as a
 * hash) and a random device id. Failed sign-ins from it count against that device, not the
 * account: whoever hammers an account from elsewhere cannot lock its owner out on her own
 * browser (OWASP's "device cookies"). Decision 0006.
 */
const deviceCookie = (request: Request) => appCookie('device', request);

const accountHash = (email: string) => hashToken(`known-device:${normaliseEmail(email)}`);

/** The device id this browser's cookie vouches for, when it names this account; else null. */
export async function knownDeviceFor(request: Request, email: string): Promise<string | null> {
  const value: unknown = await deviceCookie(request).parse(request.headers.get('Cookie'));
  if (!value || typeof value !== 'object') return null;
  const { id, account } = value as { id?: unknown; account?: unknown };
  return typeof id === 'string' && id.length <= 64 && account === accountHash(email) ? id : null;
}

/** After a good sign-in: this browser is known for this account (the same device id when it was already). */
export async function knownDeviceSetCookie(request: Request, email: string, deviceId: string | null): Promise<string> {
  return deviceCookie(request).serialize({ id: deviceId ?? randomToken(), account: accountHash(email) });
}
