import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
// A new embedded database for every run (unless DATABASE_URL points at a server). Kept in
// the environment so that the workers (which load this file again) see the same folder,
// where the demo accounts' passwords are (tests/e2e/support/accounts.ts).
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'weerbaar-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  fullyParallel: false,
  workers: 2,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    headless: true,
    trace: 'off',
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node scripts/ensure-build.mjs && node server.mjs',
    url: `http://localhost:${port}/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'yes',
      // Tests play several people on several networks with X-Forwarded-For (rate limits are per IP).
      TRUST_PROXY: 'true',
      // Production on PostgreSQL refuses to start without it. The embedded run leaves it unset
      // (mail links then point to http://localhost:PORT, this same address), so that a test
      // may reach the server through a proxy of its own (group-session.spec.ts's CuttableLink).
      PUBLIC_URL: process.env.DATABASE_URL ? `http://localhost:${port}` : '',
      // Production on PostgreSQL requires a secret; this one exists only for the test server.
      SESSION_SECRET: process.env.SESSION_SECRET ?? 'e2e-test-secret-e2e-test-secret-e2e-test',
    } as Record<string, string>,
  },
});
