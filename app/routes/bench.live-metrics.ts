import { json } from '@remix-run/node';
import { liveHub } from '~/runtime.server';

/**
 * The live hub's counters for scripts/bench/live.mjs (changes seen, state reads, pushes) and
 * the SQL statements this process sent, to divide by the changes. Only with WEERBAAR_BENCH=1;
 * otherwise (production) it is not there and counts nothing. The statements are counted by
 * the bench's own server entry (scripts/bench/server.mjs), which patches the drivers: this
 * module must import no database driver, or the browser build would carry one.
 */
const benchMode = process.env.WEERBAAR_BENCH === '1';

function sqlStatements(): number | null {
  const counter = (globalThis as Record<symbol, { count: number } | undefined>)[Symbol.for('weerbaar.bench.sqlStatements')];
  return counter?.count ?? null;
}

export async function loader() {
  if (!benchMode) throw json({ reason: 'notFound' }, { status: 404 });
  const hub = await liveHub();
  return json({ ...hub.metrics, sqlStatements: sqlStatements(), pid: process.pid }, { headers: { 'Cache-Control': 'no-store' } });
}
