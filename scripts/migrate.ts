// `npm run db:migrate`: applies pending migrations to the configured database and stops.
import { loadConfig } from '../app/config.server';
import { openDatabase } from '../app/db/database.server';
import { migrateToLatest } from '../app/db/migrate.server';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} finally {
  await database.close();
}
