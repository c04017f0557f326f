import { type Cookie, createCookie } from '@remix-run/node';
import { startRuntime } from '~/runtime.server';

const cookies = new Map<string, Cookie>();

/**
 * A cookie of the staff side: signed with the session secrets (rotation by prepending),
 * HttpOnly, SameSite=Lax, Path=/; `__Host-` and Secure when configured (decision 0006).
 */
export async function staffCookie(name: string, maxAgeSeconds?: number): Promise<Cookie> {
  const known = cookies.get(name);
  if (known) return known;
  const { config } = await startRuntime();
  const cookie = createCookie(config.secureCookies ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    secrets: config.sessionSecrets,
    maxAge: maxAgeSeconds,
  });
  cookies.set(name, cookie);
  return cookie;
}
