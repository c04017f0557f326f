// Foundation figures: `npm start` to first 200 (new and existing data dir) and the gzip size
// of the JavaScript the home page loads. Needs a build (`npm run build`); prints figures only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const port = Number(process.env.BENCH_PORT ?? 3300);
const base = `http://localhost:${port}`;

/** Starts the production server and resolves once `/` answers 200, with the time it took. */
async function startServer(dataDir) {
  const started = performance.now();
  const server = spawn('node', ['server.mjs'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${base}/`)).status === 200) return { server, ms: performance.now() - started };
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  server.kill('SIGKILL');
  throw new Error('server did not answer within 12 s');
}

async function stopServer(server) {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}

async function homePageScripts() {
  const html = await (await fetch(`${base}/`)).text();
  const paths = new Set([
    ...[...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"([^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]),
  ]);
  let raw = 0;
  let gzip = 0;
  for (const p of paths) {
    const body = Buffer.from(await (await fetch(new URL(p, base))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: paths.size, raw, gzip };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-bench-'));
const fresh = await startServer(dataDir);
await stopServer(fresh.server);
const existing = await startServer(dataDir);
const js = await homePageScripts();
await stopServer(existing.server);
rmSync(dataDir, { recursive: true, force: true });

console.log(`start to first 200, new data dir:      ${(fresh.ms / 1000).toFixed(2)} s (budget ≤ 8 s)`);
console.log(`start to first 200, existing data dir: ${(existing.ms / 1000).toFixed(2)} s (budget ≤ 2 s)`);
console.log(`home page JS: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip`);
