// Shared by server and browser. A translator adds a language by adding its folder under
// app/i18n/locales/ and its code here; the key-parity test names every missing key.
export const supportedLanguages = ['nl', 'fr', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = 'nl';
export const namespaces = ['common', 'courses', 'training'] as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** A stored or detected language as one we write in: itself when supported, else Dutch. */
export function languageOr(value: unknown): Language {
  return isLanguage(value) ? value : defaultLanguage;
}

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: 'common',
  ns: [...namespaces],
  interpolation: { escapeValue: false },
};
