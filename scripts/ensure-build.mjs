// `npm start` builds first when the build is missing or older than the sources, so the
// quick start is one command and a stale build never serves after a `git pull`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const stamp = 'build/server/index.js';
const sources = ['app', 'content', 'migrations', 'public', 'vite.config.ts', 'remix.config.js', 'package-lock.json'];

function newestChange(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built < Math.max(...sources.map(newestChange))) {
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building…');
  execSync('npx remix vite:build', { stdio: 'inherit' });
}
