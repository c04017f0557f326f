import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

// Vite bundles every file of migrations/ into the server build, so the built app needs no
// TypeScript loader at run time; the order is the file names' order.
const migrationModules = import.meta.glob<Migration>('../../migrations/*.ts', { eager: true });

const bundledMigrations: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const [file, module] of Object.entries(migrationModules)) {
      const name = file.split('/').pop()!.replace(/\.ts$/, '');
      migrations[name] = module;
    }
    return migrations;
  },
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: bundledMigrations });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
