import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { searchOrganisations } from '~/organisations/directory.server';

/** Type-ahead for the registration form: names, postal codes and municipalities only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  const results = await searchOrganisations(context.db, query);
  return json(
    { results: results.map(({ id, name, postal_code, municipality }) => ({ id, name, postal_code, municipality })) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
