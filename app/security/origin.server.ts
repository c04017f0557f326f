import { type Language, defaultLanguage, isLanguage, supportedLanguages } from '~/i18n/config';
import { resources } from '~/i18n/resources.server';

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
