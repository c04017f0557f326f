import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  json,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { useNonce } from './components/nonce';
import { QuickExit } from './components/QuickExit';
import { defaultLanguage } from './i18n/config';
import { i18next } from './i18n/i18next.server';
import stylesheet from './styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  // Titles for the error boundary, whose meta cannot translate by itself.
  const errorTitles = { notFound: t('errors.notFound.title'), generic: t('errors.generic.title') };
  return json({ language, errorTitles });
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: 'Weerbaar' }];
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? data?.errorTitles.notFound : data?.errorTitles.generic;
  return [{ title: `${title ?? 'Weerbaar'} · Weerbaar` }];
};

export const handle = { i18n: 'common' };

/** What a route may say about the shell around it. */
export interface ShellHandle {
  /** The neutral page after quick exit shows none of the platform's shell. */
  bare?: boolean;
}

function useShell(): ShellHandle {
  const matches = useMatches();
  return matches.reduce<ShellHandle>((shell, match) => ({ ...shell, ...(match.handle as ShellHandle | undefined) }), {});
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const language = data?.language ?? defaultLanguage;
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const shell = useShell();
  // Lets tests tell a hydrated page from server HTML (error pages included).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang={language} dir={i18n.dir(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {shell.bare ? (
          children
        ) : (
          <>
            <a className="skip-link" href="#main">
              {t('shell.skipToContent')}
            </a>
            <QuickExit />
            <header className="site-header">
              <Link to="/" className="site-header__brand">
                {t('shell.brand')}
              </Link>
              <nav aria-label={t('shell.mainNavigation')} className="site-header__nav">
                <Link to="/join">{t('shell.nav.join')}</Link>
                <Link to="/about">{t('shell.nav.about')}</Link>
              </nav>
              <LanguageSwitcher />
            </header>
            <main id="main" className="site-main" tabIndex={-1}>
              {children}
            </main>
            <footer className="site-footer">
              <p>{t('shell.footer.help')}</p>
            </footer>
          </>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { language } = useRouteLoaderData<typeof loader>('root') ?? { language: defaultLanguage };
  useChangeLanguage(language);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section className="page page--narrow" aria-labelledby="error-title">
      <h1 id="error-title">{notFound ? t('errors.notFound.title') : t('errors.generic.title')}</h1>
      <p>{notFound ? t('errors.notFound.body') : t('errors.generic.body', { status })}</p>
      <p>
        <Link to="/" className="button">
          {t('errors.home')}
        </Link>
      </p>
    </section>
  );
}
