import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { isDatabaseReachable } from '~/db/database.server';

/** 200 when the database answers, 503 when it does not: for load balancers and monitors. */
export async function loader({ context }: LoaderFunctionArgs) {
  const reachable = await isDatabaseReachable(context.db);
  return json(
    { status: reachable ? 'ok' : 'unavailable', database: context.databaseKind },
    { status: reachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
