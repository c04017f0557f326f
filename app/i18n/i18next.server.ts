import { RemixI18Next } from 'remix-i18next/server';
import { plainCookie } from '~/security/cookies.server';
import { defaultLanguage, i18nConfig, supportedLanguages } from './config';
import { resources } from './resources.server';

// Secure where the other cookies are (decision 0013); its name stays `lng` (server.mjs reads it too).
export const languageCookie = plainCookie('lng', 60 * 60 * 24 * 365, false);

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
