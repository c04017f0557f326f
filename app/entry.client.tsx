import { RemixBrowser } from '@remix-run/react';
import i18next, { type ReadCallback, type ResourceKey } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { getInitialNamespaces } from 'remix-i18next/client';
import { i18nConfig, languageOr } from './i18n/config';

/**
 * A namespace's texts, from the server's /locales. Plain fetch rather than an HTTP backend
 * plugin (the same request, some 8 KB gzip less code on every page), retried as that plugin
 * did: on a facility's Wi-Fi a dropped connection or a server error is tried again (i18next
 * waits 350 ms, then twice as long each time, five times at most); a 404 is not.
 */
function loadTexts(language: string, namespace: string, callback: ReadCallback): void {
  const path = `/locales/${language}/${namespace}.json`;
  const retry = (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), true);
  fetch(path).then(async (response) => {
    if (!response.ok) return callback(new Error(`${path}: ${response.status}`), response.status >= 500);
    let texts: ResourceKey;
    try {
      texts = (await response.json()) as ResourceKey;
    } catch (error) {
      return retry(error);
    }
    callback(null, texts);
  }, retry);
}

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(resourcesToBackend(loadTexts))
    .init({
      ...i18nConfig,
      // The server chose the language and wrote it into <html lang>.
      lng: languageOr(document.documentElement.lang),
      ns: getInitialNamespaces(),
    });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate();
