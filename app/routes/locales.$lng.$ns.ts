import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { resources } from '~/i18n/resources.server';

/** The browser's i18next loads its translations from here after the first render. */
export function loader({ params }: LoaderFunctionArgs) {
  const namespace = resources[params.lng ?? '']?.[(params.ns ?? '').replace(/\.json$/, '')];
  if (!namespace) throw new Response('Not found', { status: 404 });
  return json(namespace, { headers: { 'Cache-Control': 'public, max-age=300' } });
}
