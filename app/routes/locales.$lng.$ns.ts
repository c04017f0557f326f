import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { namespaces } from '~/i18n/config';
import { resources } from '~/i18n/resources.server';

/** The browser's i18next loads its translations from here after the first render (server-only namespaces, such as e-mail, stay on the server). */
export function loader({ params }: LoaderFunctionArgs) {
  const name = (params.ns ?? '').replace(/\.json$/, '');
  const namespace = (namespaces as readonly string[]).includes(name) ? resources[params.lng ?? '']?.[name] : undefined;
  if (!namespace) throw new Response('Not found', { status: 404 });
  return json(namespace, { headers: { 'Cache-Control': 'public, max-age=300' } });
}
