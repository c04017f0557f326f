import { json } from '@remix-run/node';
import { isDatabaseReachable } from '~/db/database.server';
import { startRuntime } from '~/runtime.server';

/** 200 when the database answers, 503 when it does not: for load balancers and monitors. */
export async function loader() {
  const { database } = await startRuntime();
  const reachable = await isDatabaseReachable(database.db);
  return json(
    { status: reachable ? 'ok' : 'unavailable', database: database.kind },
    { status: reachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
