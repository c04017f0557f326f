import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
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
import { getSignedInUser } from './accounts/auth-session.server';
import { i18next } from './i18n/i18next.server';
import { keepRetryAfter } from './lib/retry-after';
import stylesheet from './styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await i18next.getLocale(request);
  const t = await i18next.getFixedT(language);
  // Titles for the error boundary, whose meta cannot translate by itself.
  const errorTitles = { notFound: t('errors.notFound.title'), forbidden: t('errors.forbidden.title'), generic: t('errors.generic.title') };
  const user = await getSignedInUser(context.db, request);
  return json({ language, errorTitles, user: user ? { name: user.name, roles: user.roles, approved: user.status === 'approved' } : null });
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: 'Weerbaar' }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? data?.errorTitles.notFound : status === 403 ? data?.errorTitles.forbidden : data?.errorTitles.generic;
  return [{ title: `${title ?? 'Weerbaar'} · Weerbaar` }];
};

export const handle = { i18n: 'common' };
// A 429 thrown by a loader is rendered here: keep its Retry-After.
export const headers = keepRetryAfter;

/** What a route may say about the shell around it. */
export interface ShellHandle {
  /** The neutral page after quick exit shows none of the platform's shell. */
  bare?: boolean;
  /** The player: quick exit and the brand only, nothing else to tap by mistake. */
  focused?: boolean;
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
              {shell.focused ? null : (
                <>
                  <nav aria-label={t('shell.mainNavigation')} className="site-header__nav">
                    <Link to="/join">{t('shell.nav.join')}</Link>
                    <Link to="/about">{t('shell.nav.about')}</Link>
                    <Link to="/courses">{t('shell.nav.courses')}</Link>
                    <AccountNavigation user={data?.user ?? null} />
                  </nav>
                  <LanguageSwitcher />
                </>
              )}
            </header>
            <main id="main" className={shell.focused ? 'site-main site-main--focused' : 'site-main'} tabIndex={-1}>
              {children}
            </main>
            {shell.focused ? null : (
              <footer className="site-footer">
                <p>{t('shell.footer.help')}</p>
              </footer>
            )}
          </>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

type NavigationUser = { name: string; roles: string[]; approved: boolean } | null;

/** Where a signed-in person goes next; a plain sign-out form so it works without JavaScript. */
function AccountNavigation({ user }: { user: NavigationUser }) {
  const { t } = useTranslation();
  if (!user) return <Link to="/account/sign-in">{t('shell.nav.signIn')}</Link>;
  const coordinates = user.approved && (user.roles.includes('coordinator') || user.roles.includes('admin'));
  const facilitates = user.approved && user.roles.includes('facilitator');
  return (
    <>
      {facilitates ? <Link to="/facilitate">{t('shell.nav.facilitate')}</Link> : null}
      {coordinates ? <Link to="/coordinate">{t('shell.nav.coordinate')}</Link> : null}
      {user.approved ? <Link to="/training-days">{t('shell.nav.trainingDays')}</Link> : null}
      <Link to="/account">{t('shell.nav.account')}</Link>
      <Form method="post" action="/account/sign-out" className="inline-form">
        <button type="submit" className="link-button">
          {t('shell.nav.signOut')}
        </button>
      </Form>
    </>
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
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 429 ? 'tooManyRequests' : 'generic';
  return (
    <section className="page page--narrow" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`, { status })}</p>
      <p>
        <Link to="/" className="button">
          {t('errors.home')}
        </Link>
      </p>
    </section>
  );
}
