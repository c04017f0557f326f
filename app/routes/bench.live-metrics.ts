import { json } from '@remix-run/node';
import { liveHub } from '~/runtime.server';

/**
 * The live hub's counters for scripts/bench/live.mjs (changes seen, state reads, pushes) and
 * the SQL statements this process sent, to divide by the changes. Only with WEERBAAR_BENCH=1;
 * otherwise (production) it is not there and counts nothing.
 */
const benchMode = process.env.WEERBAAR_BENCH === '1';

/** Every statement the process sends, whichever driver: PGlite's and node-postgres' `query` (Kysely and the live bus go through them). */
const sqlStatements = { count: 0 };

async function countStatements() {
  const wrap = (proto: { query: (...args: never[]) => unknown }) => {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: never[]) {
      sqlStatements.count += 1;
      return original.apply(this, args);
    };
  };
  const [{ PGlite }, { default: pg }] = await Promise.all([import('@electric-sql/pglite'), import('pg')]);
  wrap(PGlite.prototype as never);
  wrap(pg.Client.prototype as never);
}
if (benchMode) void countStatements();

export async function loader() {
  if (!benchMode) throw json({ reason: 'notFound' }, { status: 404 });
  const hub = await liveHub();
  return json({ ...hub.metrics, sqlStatements: sqlStatements.count, pid: process.pid }, { headers: { 'Cache-Control': 'no-store' } });
}
