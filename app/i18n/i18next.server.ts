import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { type Language, defaultLanguage, i18nConfig, languageOr, supportedLanguages } from './config';
import { resources } from './resources.server';

// Read only: the switcher sets it through the cookie policy (app/security/cookie-policy.server.ts),
// whose flags change per request; the name is the same either way.
const languageCookie = createCookie('lng');

// Language: the cookie the switcher sets first, then the browser's Accept-Language, then Dutch.
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
    order: ['cookie', 'header'],
  },
  i18next: { ...i18nConfig, resources },
});

/** The language the reader gets: her switcher's choice, else her browser's, else Dutch. */
export async function readerLanguage(request: Request): Promise<Language> {
  return languageOr(await i18next.getLocale(request));
}
