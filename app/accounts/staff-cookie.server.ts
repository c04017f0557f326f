import type { Cookie } from '@remix-run/node';
import { signedCookie } from '~/security/cookies.server';

/**
 * A cookie of the staff side: signed with the session secrets (rotation by prepending),
 * HttpOnly, SameSite=Lax, Path=/; `__Host-` and Secure when configured (decisions 0006, 0013).
 */
export function staffCookie(name: string, maxAgeSeconds?: number): Promise<Cookie> {
  return signedCookie(name, maxAgeSeconds);
}
