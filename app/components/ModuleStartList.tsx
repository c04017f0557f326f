import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '~/i18n/config';
import type { ModuleCard } from '~/play/catalogue.server';

/**
 * The programme: a card per module in order, with its variant and language — one plain form
 * each, so it works without JavaScript. A module played only with a facilitator has no form
 * for a girl alone, only where to play it (a facilitator's preview opens every module).
 */
export function ModuleStartList({ modules, language, preview }: { modules: ModuleCard[]; language: string; preview: boolean }) {
  const { t } = useTranslation();
  if (modules.length === 0) return <p className="empty-state">{t('play.noModules')}</p>;
  return (
    <ol className="card-list programme" aria-label={t('programme.title')}>
      {modules.map((module) => (
        <li key={module.id} className="card" data-module={module.id}>
          <p className="programme__order">{t('programme.module', { order: module.order })}</p>
          <h2>{module.title}</h2>
          <p>{module.summary}</p>
          <p className="muted">{t('play.duration', { minutes: module.durationMinutes })}</p>
          {module.solo || preview ? (
            <Form method="post" action="/play/start" className="form" reloadDocument>
              <input type="hidden" name="module" value={module.id} />
              {preview ? <input type="hidden" name="preview" value="yes" /> : null}
              {/* Girls never choose (or see) a variant named after a group: the facilitator picks one for a session. */}
              {preview ? <VariantAndLanguage variants={module.variants} language={language} /> : <input type="hidden" name="variant" value="standard" />}
              {preview ? null : <LanguageChoice language={language} />}
              <button type="submit" className="button button--primary">
                {t(preview ? 'play.startPreview' : 'play.start', { title: module.title })}
              </button>
            </Form>
          ) : (
            <p className="form-message form-message--notice">{t('programme.facilitatedOnly')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Version and language of a module: independent choices, pills that work without JavaScript. */
export function VariantAndLanguage({ variants, language }: { variants: readonly string[]; language: string }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="choice-group choice-group--inline">
        <legend>{t('play.variant')}</legend>
        {variants.map((variant) => (
          <label key={variant} className="pill">
            <input type="radio" name="variant" value={variant} defaultChecked={variant === 'standard'} />
            <span>{t(`play.variants.${variant}`)}</span>
          </label>
        ))}
      </fieldset>
      <LanguageChoice language={language} />
    </>
  );
}

function LanguageChoice({ language }: { language: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="choice-group choice-group--inline">
      <legend>{t('play.language')}</legend>
      {supportedLanguages.map((lng) => (
        <label key={lng} className="pill" lang={lng}>
          <input type="radio" name="language" value={lng} defaultChecked={lng === language} />
          <span>{t(`language.names.${lng}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
