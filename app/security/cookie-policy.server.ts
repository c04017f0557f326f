import { type Cookie, createCookie } from '@remix-run/node';
import { type AppConfig, appConfig } from '~/config.server';

/**
 * Every cookie the app sets, and how: one table and one per-request decision (decision 0014).
 * Over HTTPS (or `X-Forwarded-Proto: https` behind a trusted proxy, which the express adapter
 * turns into an https request URL) a cookie is `Secure`, and a host-only one carries the
 * `__Host-` prefix; over plain HTTP (a facility laptop on its own Wi-Fi) the same cookie is
 * plain, because a browser drops a Secure cookie sent over HTTP. SECURE_COOKIES=yes forces the
 * secure form (a deployment that must refuse plain HTTP), SECURE_COOKIES=no the plain one.
 */
export const appCookies = {
  /** The staff session (decision 0006): signed, twelve hours at most (set by the caller). */
  session: { name: 'weerbaar_session', hostPrefix: true, signed: true },
  /** The known-device cookie (decision 0006): a year. */
  device: { name: 'weerbaar_device', hostPrefix: true, signed: true, maxAge: 365 * 24 * 60 * 60 },
  /** The participant on this tablet, signed: her link works only with it (decision 0013), and /play can offer "continue where you stopped". */
  participant: { name: 'weerbaar_participant', hostPrefix: true, signed: true, maxAge: 60 * 60 * 24 * 7 },
  /** The language chosen with the switcher; also read outside Remix (server.mjs) by its plain name. */
  language: { name: 'lng', hostPrefix: false, signed: false, maxAge: 60 * 60 * 24 * 365 },
} as const satisfies Record<string, { name: string; hostPrefix: boolean; signed: boolean; maxAge?: number }>;

export type AppCookie = keyof typeof appCookies;

/** Whether this request came over HTTPS, as the app sees it (the proxy's word only when trusted). */
export function cameOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:';
}

/** The cookie security this request gets: Secure (and `__Host-`) or plain. */
export function cookiesAreSecure(mode: AppConfig['secureCookies'], request: Request): boolean {
  return mode === 'yes' || (mode === 'auto' && cameOverHttps(request));
}

/** The name and flags of one of the app's cookies for this request (pure: tested without a server). */
export function cookieSettings(kind: AppCookie, secure: boolean) {
  const spec = appCookies[kind];
  return {
    name: secure && spec.hostPrefix ? `__Host-${spec.name}` : spec.name,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: 'maxAge' in spec ? spec.maxAge : undefined },
  };
}

const made = new Map<string, Cookie>();

/** One of the app's cookies, named and flagged for this request; every cookie the app sets comes from here. */
export function appCookie(kind: AppCookie, request: Request): Cookie {
  const config = appConfig();
  const secure = cookiesAreSecure(config.secureCookies, request);
  const key = `${kind}:${secure}`;
  let cookie = made.get(key);
  if (!cookie) {
    const { name, options } = cookieSettings(kind, secure);
    cookie = createCookie(name, { ...options, secrets: appCookies[kind].signed ? config.sessionSecrets : undefined });
    made.set(key, cookie);
  }
  return cookie;
}

/** Whether this request is served over plain HTTP (the sign-in page says what that means). */
export function servedOverPlainHttp(request: Request): { plainHttp: boolean; secureRequired: boolean } {
  return { plainHttp: !cameOverHttps(request), secureRequired: appConfig().secureCookies === 'yes' };
}

/**
 * Set-Cookie headers that expire every cookie the site sets, named and flagged as this request
 * would get them: quick exit's fallback for browsers without Clear-Site-Data (decision 0013).
 */
export function expireAllCookies(request: Request): string[] {
  const secure = cookiesAreSecure(appConfig().secureCookies, request);
  return (Object.keys(appCookies) as AppCookie[]).map((kind) => {
    const { name } = cookieSettings(kind, secure);
    return `${name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  });
}
