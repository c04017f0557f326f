// The bench's server: counts every SQL statement the process sends, then runs server.mjs.
// Patching the drivers lives here, in a bench-only entry, not in a route: a route module
// that imports PGlite or pg drags the database drivers into the browser build.
// /bench/live-metrics (WEERBAAR_BENCH=1) reads the count from the global below.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const counter = { count: 0 };
globalThis[Symbol.for('weerbaar.bench.sqlStatements')] = counter;

/** PGlite's and node-postgres' `query`: Kysely and the live bus both go through them. */
function wrap(proto) {
  const original = proto.query;
  proto.query = function (...args) {
    counter.count += 1;
    return original.apply(this, args);
  };
}
const [{ PGlite }, { default: pg }] = await Promise.all([import('@electric-sql/pglite'), import('pg')]);
wrap(PGlite.prototype);
wrap(pg.Client.prototype);

// server.mjs in the working folder: the tree's own, or live.mjs's copy beside its copy of the
// build (node_modules resolve to the same files, so the patched prototypes are the ones it uses).
await import(pathToFileURL(path.resolve('server.mjs')).href);
