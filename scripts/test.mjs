// `npm test`: typecheck, lint and format check, unit, integration (PGlite, or PostgreSQL when DATABASE_URL is set),
// then end-to-end in Chromium (`npm run setup:browsers` installs it; this only checks it is there).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Each runner also writes JSON here, so the run can end on one plain "N passed, N failed" line.
const reports = mkdtempSync(path.join(tmpdir(), 'weerbaar-test-'));
const report = (name) => path.join(reports, `${name}.json`);

function run(title, command) {
  console.log(`\n▶ ${title}: ${command}`);
  const started = Date.now();
  const result = spawnSync(command, { shell: true, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function requireChromium() {
  if (existsSync(chromium)) return;
  console.error(`\nThe end-to-end tests need Chromium at ${chromium}: run \`npm run setup:browsers\` first (or set CHROMIUM_PATH).`);
  process.exit(1);
}

// On PostgreSQL (DATABASE_URL set) only what differs by database runs again: the
// integration tests, and the end-to-end tests of several instances and of durability. The
// embedded run covers the rest (typecheck, content, unit, every browser journey).
const onPostgres = Boolean(process.env.DATABASE_URL);
const databaseSpecs = ['tests/e2e/live-instances.spec.ts', 'tests/e2e/player-durability.spec.ts', 'tests/e2e/fuzz.spec.ts'];
if (!onPostgres) {
  run('typecheck', 'npx tsc --noEmit');
  run('lint and format', 'npm run lint --silent');
  run('content check', 'npx vite-node scripts/content-check.ts');
  run('unit tests', `npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=${report('unit')}`);
}
run(
  `integration tests (${onPostgres ? 'PostgreSQL' : 'PGlite'})`,
  `npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=${report('integration')}`,
);
requireChromium();
run(
  `end-to-end tests (Chromium${onPostgres ? ', what differs on PostgreSQL' : ''})`,
  `PLAYWRIGHT_JSON_OUTPUT_FILE=${report('e2e')} npx playwright test --reporter=list,json ${onPostgres ? databaseSpecs.join(' ') : ''}`,
);

const read = (name) => JSON.parse(readFileSync(report(name), 'utf8'));
const vitestCounts = (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests });
const { stats } = read('e2e');
const counts = [
  ...(onPostgres ? [] : [vitestCounts(read('unit'))]),
  vitestCounts(read('integration')),
  { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped },
];
const total = (key) => counts.reduce((sum, c) => sum + c[key], 0);
console.log(`\n${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`);
