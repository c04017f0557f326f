import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseReachable, openDatabase } from '~/db/database.server';
import { migrateToLatest } from '~/db/migrate.server';
import { seedDemoData } from '~/demo/seed.server';
import { countOrganisations } from '~/organisations/directory.server';
import { databaseKind, openTestDatabase } from './test-database';

describe(`database on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('is the kind the environment asks for', () => {
    expect(database.kind).toBe(databaseKind);
  });

  it('has applied every migration, and a second run applies none', async () => {
    const tables = await database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('organisations');
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('seeds the demo data once, with sign-in details kept beside the data', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-demo-'));
    const first = await seedDemoData(database.db, dataDir);
    expect(first.seeded).toBe(true);
    expect(first.accounts.map((a) => a.label)).toEqual(['admin', 'coordinator', 'facilitator', 'pending', 'professional', 'trainer']);
    expect(await countOrganisations(database.db)).toBe(2);
    const users = await database.db.selectFrom('users').select(['email', 'status']).orderBy('email').execute();
    expect(users.map((u) => u.status).sort()).toEqual(['approved', 'approved', 'approved', 'approved', 'approved', 'pending']);
    const second = await seedDemoData(database.db, dataDir);
    expect(second.seeded).toBe(false);
    expect(second.accounts).toEqual(first.accounts);
    expect(await countOrganisations(database.db)).toBe(2);

    // A second app instance with a data folder of its own, on the same (seeded) database:
    // it seeds nothing, invents no passwords, and starts.
    const otherDataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-demo-'));
    const otherInstance = await seedDemoData(database.db, otherDataDir);
    expect(otherInstance).toEqual({ seeded: false, accounts: [] });
    expect(readdirSync(otherDataDir)).toEqual([]);
    expect(await database.db.selectFrom('users').select('email').execute()).toHaveLength(6);
  });

  it('answers the health probe while open', async () => {
    expect(await isDatabaseReachable(database.db)).toBe(true);
  });
});

describe('health probe', () => {
  it('says unreachable when the database is gone', async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await handle.close();
    expect(await isDatabaseReachable(handle.db)).toBe(false);
  });

  it('says unreachable when no PostgreSQL listens', async () => {
    const handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: 'unused' });
    expect(await isDatabaseReachable(handle.db, 1000)).toBe(false);
    await handle.close();
  });
});

describe('embedded PGlite on disk', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-pglite-'));
    const first = await openDatabase({ dataDir });
    await migrateToLatest(first.db);
    await seedDemoData(first.db, dataDir);
    await first.close();

    const second = await openDatabase({ dataDir });
    expect(await countOrganisations(second.db)).toBe(2);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(second.db);
    const migrationFiles = readdirSync(new URL('../../migrations/', import.meta.url))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(rows.map((r) => r.name)).toEqual(migrationFiles);
    expect(migrationFiles.length).toBeGreaterThanOrEqual(4);
    await second.close();
  });
});
