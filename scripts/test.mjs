// `npm test`: typecheck, unit, integration (PGlite, or PostgreSQL when DATABASE_URL is set),
// then end-to-end in the Debian Chromium, which it installs with apt-get when it can.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

function ensureChromium() {
  if (existsSync(chromium)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('Chromium is missing: installing the Debian package (apt-get install chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    if (existsSync(chromium)) return;
  }
  console.error(
    `\nThe end-to-end tests need Chromium at ${chromium}.\n` +
      'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}

run('typecheck', 'npx tsc --noEmit');
run('unit tests', 'npx vitest run --project unit');
run(`integration tests (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, 'npx vitest run --project integration');
ensureChromium();
run('end-to-end tests (Chromium)', 'npx playwright test');
