import { type Language, defaultLanguage, isLanguage, supportedLanguages } from '~/i18n/config';
import { resources } from '~/i18n/resources.server';

export interface RequestOrigin {
  method: string;
  /** The Origin header, if any. */
  origin: string | undefined;
  /** This server's own origin for the request, e.g. http://localhost:3000. */
  ownOrigin: string;
  /** PUBLIC_URL, when the site is served under another origin than it sees. */
  publicUrl?: string;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for every non-GET request: the Origin header must be
 * ours. Browsers send it on every POST (that is why Referrer-Policy is same-origin, not
 * no-referrer: docs/decisions/0004); a request without one is refused too.
 */
export function isAllowedOrigin(request: RequestOrigin): boolean {
  if (safeMethods.has(request.method.toUpperCase())) return true;
  if (!request.origin) return false;
  return request.origin === request.ownOrigin || (!!request.publicUrl && request.origin === new URL(request.publicUrl).origin);
}

/** The language for a page rendered outside Remix: the `lng` cookie, then Accept-Language. */
export function languageOfRequest(cookieHeader: string | undefined, acceptLanguage: string | undefined): Language {
  const fromCookie = /(?:^|;\s*)lng=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  if (fromCookie) {
    try {
      const value = JSON.parse(Buffer.from(decodeURIComponent(fromCookie), 'base64').toString('utf8'));
      if (isLanguage(value)) return value;
    } catch {
      // Not one of our cookies: fall through to the header.
    }
  }
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((supportedLanguages as readonly string[]).includes(code)) return code as Language;
  }
  return defaultLanguage;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The small, localized page a refused request gets (403). */
export function foreignOriginPage(language: Language): string {
  const common = resources[language]!.common as { errors: { foreignOrigin: { title: string; body: string; home: string } } };
  const text = common.errors.foreignOrigin;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)} · Weerbaar</title></head><body><main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p><p><a href="/">${escapeHtml(text.home)}</a></p></main></body></html>`;
}
