import { type Cookie, createCookie } from '@remix-run/node';
import { secureCookiesFrom } from '~/config.server';
import { startRuntime } from '~/runtime.server';

/**
 * THE place where a cookie's name and flags are decided (decision 0013): `__Host-` and
 * Secure when the site is served over HTTPS (SECURE_COOKIES, on in production), plain
 * otherwise; always HttpOnly, SameSite=Lax, Path=/. Staff cookies, the participant cookie
 * and the language cookie all come from here.
 */
export function cookieFlags(name: string, secure: boolean): { name: string; options: { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/' } } {
  return { name: secure ? `__Host-${name}` : name, options: { httpOnly: true, sameSite: 'lax', secure, path: '/' } };
}

const signed = new Map<string, Cookie>();

/** A cookie signed with the session secrets (rotation by prepending), named and flagged by `cookieFlags`. */
export async function signedCookie(name: string, maxAgeSeconds?: number): Promise<Cookie> {
  const known = signed.get(name);
  if (known) return known;
  const { config } = await startRuntime();
  const flags = cookieFlags(name, config.secureCookies);
  const cookie = createCookie(flags.name, { ...flags.options, secrets: config.sessionSecrets, maxAge: maxAgeSeconds });
  signed.set(name, cookie);
  return cookie;
}

/**
 * A cookie that is not signed (the language choice), created before the configuration is
 * loaded: the same flags, read from the same environment variables.
 */
export function plainCookie(name: string, maxAgeSeconds: number, prefixed = true): Cookie {
  const secure = secureCookiesFrom(process.env.SECURE_COOKIES || undefined, process.env.NODE_ENV);
  const flags = cookieFlags(name, secure);
  return createCookie(prefixed ? flags.name : name, { ...flags.options, maxAge: maxAgeSeconds });
}

/** Set-Cookie headers that expire every cookie the site sets, as this server sets them: quick exit's fallback for browsers without Clear-Site-Data. */
export async function expireAllCookies(): Promise<string[]> {
  const { config } = await startRuntime();
  const names = [...['weerbaar_session', 'weerbaar_device', 'weerbaar_participant'].map((name) => cookieFlags(name, config.secureCookies).name), 'lng'];
  return names.map((name) => `${name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${config.secureCookies ? '; Secure' : ''}`);
}
