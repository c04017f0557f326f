import { Form, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '~/i18n/config';

// Each language is named in itself, so a reader finds her own whatever the page's language.
const languageNames = { nl: 'Nederlands', fr: 'Français', en: 'English' } as const;

/** A plain form, so it works without JavaScript; the server sets the cookie and comes back here. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="visually-hidden">{t('language.label')}</span>
      {supportedLanguages.map((language) => (
        <button key={language} type="submit" name="language" value={language} lang={language} aria-current={i18n.language === language ? 'true' : undefined}>
          {languageNames[language]}
        </button>
      ))}
    </Form>
  );
}
