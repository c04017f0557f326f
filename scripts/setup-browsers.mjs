// `npm run setup:browsers`: the end-to-end tests run in the Debian Chromium. This installs it
// with apt-get when it is missing and we are root on Debian; otherwise it says how, and stops.
// It is its own step (the README's test command calls it), so `npm test` never installs anything.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(chromium)) {
  console.log(`Chromium is at ${chromium}.`);
  process.exit(0);
}
const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log('Chromium is missing: installing the Debian package (apt-get install chromium)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (existsSync(chromium)) process.exit(0);
}
console.error(
  `\nThe end-to-end tests need Chromium at ${chromium}.\n` +
    'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
);
process.exit(1);
