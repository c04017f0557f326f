import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

// Vite bundles every file of migrations/ into the server build, so the built app needs no
// TypeScript loader at run time; the order is the file names' order.
const migrationModules = import.meta.glob<Migration>('../../migrations/*.ts', { eager: true });

const bundledMigrationNames = Object.keys(migrationModules).map((file) => file.split('/').pop()!.replace(/\.ts$/, ''));

/**
 * One query instead of the Migrator's catalogue introspection, which costs about half a
 * second on PGlite at every start; any doubt (no table yet, a name missing) says "migrate".
 */
async function isUpToDate(db: Kysely<any>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const applied = new Set(rows.map((row) => row.name));
    return bundledMigrationNames.every((name) => applied.has(name));
  } catch {
    return false;
  }
}

const bundledMigrations: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const [index, module] of Object.values(migrationModules).entries()) {
      migrations[bundledMigrationNames[index]!] = module;
    }
    return migrations;
  },
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  // Helpers add numbered migrations on branches at the same time: a data folder that already
  // ran a later number still runs an earlier one merged afterwards.
  const migrator = new Migrator({ db, provider: bundledMigrations, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
