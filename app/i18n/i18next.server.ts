import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { defaultLanguage, i18nConfig, supportedLanguages } from './config';
import { resources } from './resources.server';

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

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
