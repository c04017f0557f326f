import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { refusal } from '~/lib/refusal.server';

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

export async function loader({ context }: LoaderFunctionArgs) {
  if (!benchMode) throw refusal('notFound');
  return json({ ...context.live.hub.metrics, sqlStatements: sqlStatements(), pid: process.pid }, { headers: { 'Cache-Control': 'no-store' } });
}
