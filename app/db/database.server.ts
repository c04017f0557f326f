import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './schema.server';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseLocation {
  /** postgres://… selects a real server; without it PGlite runs in the process. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; `memory://` keeps them in memory (tests). */
  dataDir: string;
}

export async function openDatabase({ databaseUrl, dataDir }: DatabaseLocation): Promise<DatabaseHandle> {
  if (databaseUrl) {
    // Loaded only when used: the embedded mode starts faster without it.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // A connection the server ends (a restart, pg_terminate_backend) fails its query, which
    // rolls back its transaction; the 'error' event it also emits must not end the process.
    const ignoreConnectionError = () => undefined;
    pool.on('error', ignoreConnectionError);
    pool.on('connect', (client) => client.on('error', ignoreConnectionError));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const location = dataDir === 'memory://' ? 'memory://' : path.join(dataDir, 'pglite');
  if (location !== 'memory://') mkdirSync(location, { recursive: true });
  const pglite = await PGlite.create(location);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** True when the database answers a trivial query within the time limit. */
export async function isDatabaseReachable(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const probe = sql`select 1 as ok`.execute(db).then(() => true as const);
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
