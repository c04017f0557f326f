import { json } from '@remix-run/node';
import { refusal } from '~/lib/refusal.server';

/**
 * An empty Remix action, for scripts/bench/player.mjs to compare the step-post against: what
 * a POST costs through Express, the Origin check and Remix with no work of our own. Only with
 * WEERBAAR_BENCH=1; otherwise (production) it is not there.
 */
function benchOnly() {
  if (process.env.WEERBAAR_BENCH !== '1') throw refusal('notFound');
}

export async function loader() {
  benchOnly();
  return json({ ok: true });
}

export async function action() {
  benchOnly();
  return json({ ok: true });
}
