// Player figures: the throughput of the step-post (POST /play/p/<id>/events, each post
// validated against the lesson machine, appended and its growing log replayed) next to an
// empty Remix action (POST /bench/empty) at the same concurrency, their latencies, and the
// gzip size of the JavaScript the player page loads. Builds if needed, starts the production
// server on PGlite in a fresh data folder with WEERBAAR_BENCH=1 (or, with BENCH_DATABASE_URL, on that
// PostgreSQL database: use an empty one); prints figures only.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const port = Number(process.env.BENCH_PORT ?? 3311);
const base = `http://localhost:${port}`;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const moduleId = process.env.BENCH_MODULE ?? 'wie-ben-ik';
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

execSync('node scripts/ensure-build.mjs', { stdio: 'inherit' });

const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-bench-player-'));
// E.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to see where the server's time goes.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn('node', [...nodeArgs, 'scripts/bench/server.mjs'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    SESSION_SECRET: process.env.BENCH_DATABASE_URL ? 'bench-secret-bench-secret-bench-secret-0123' : '',
    PUBLIC_URL: base,
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'no',
    WEERBAAR_BENCH: '1',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitForServer() {
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before it answered`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server did not answer /healthz within 60 s');
}

/** One POST over the keep-alive agent; resolves with the status and the time it took. */
function post(pathname, body, cookie) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      `${base}${pathname}`,
      {
        method: 'POST',
        agent,
        headers: { Origin: base, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(cookie ? { Cookie: cookie } : {}) },
      },
      (response) => {
        // A refusal's body says why (its reason); an answer's body is not needed.
        const chunks = [];
        response.on('data', (chunk) => response.statusCode !== 200 && chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function startParticipant(seed) {
  const response = await fetch(`${base}/play/start`, {
    method: 'POST',
    headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ module: moduleId, variant: 'standard', language: 'nl' }),
    redirect: 'manual',
  });
  const id = /\/play\/p\/([A-Za-z0-9_-]{22})$/.exec(response.headers.get('location') ?? '')?.[1];
  if (response.status !== 302 || !id) throw new Error(`POST /play/start answered ${response.status}`);
  // Her link works only with her own (signed) participant cookie.
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id, cookie, events: routes[seed % routes.length], next: 0 };
}

/**
 * A route through the module, start to end, as events the machine accepts: NEXT on what is
 * read, the seed-th option of a choice, poll or quiz (as a list where several may be chosen), every sort item in one box, a body map
 * with one mark. Different seeds walk different branches.
 */
function routeThrough(module, seed) {
  const steps = new Map(module.steps.map((step) => [step.id, step]));
  const events = [];
  for (let step = steps.get(module.start); step.type !== 'end';) {
    const pick = (list) => list[seed % list.length];
    let next = step.next;
    switch (step.type) {
      case 'choice': {
        const option = pick(step.options);
        events.push({ type: 'ANSWER', step: step.id, answer: { option: option.id } });
        next = option.next;
        break;
      }
      case 'poll': {
        const option = pick(step.options).id;
        events.push({ type: 'ANSWER', step: step.id, answer: step.multiple ? { options: [option] } : { option } });
        break;
      }
      case 'quiz':
        events.push({ type: 'ANSWER', step: step.id, answer: { options: [pick(step.options).id] } });
        break;
      case 'sort':
        events.push({
          type: 'ANSWER',
          step: step.id,
          answer: { placements: Object.fromEntries(step.items.map((item) => [item.id, pick(step.categories).id])) },
        });
        break;
      case 'body-map':
        events.push({ type: 'ANSWER', step: step.id, answer: { person: pick(step.persons).id, marks: [{ icon: 'talk', zone: pick(step.zones).id }] } });
        break;
      default:
        events.push({ type: 'NEXT' });
    }
    step = steps.get(next);
  }
  return events;
}

/** The reason in a refusal's JSON body (`{ reason, message }`), or what the body starts with. */
function refusalReason(body) {
  try {
    return JSON.parse(body).reason ?? body.slice(0, 60);
  } catch {
    return body.slice(0, 60);
  }
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** `concurrency` loops calling `once()` for `durationS`, adding to `into` what was answered 200, and the time taken. */
async function load(durationS, once, into = { latencies: [], errors: 0, refusals: {}, seconds: 0 }) {
  const started = performance.now();
  const until = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < until) {
        const { status, ms, body } = await once(worker);
        if (status === 200) into.latencies.push(ms);
        else {
          into.errors += 1;
          const why = `${status} ${refusalReason(body)}`;
          into.refusals[why] = (into.refusals[why] ?? 0) + 1;
        }
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  return into;
}

function summary({ latencies, errors, seconds }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { rate: sorted.length / seconds, count: sorted.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** Routes through the module for a few seeds (filled in once the server has told the module). */
let routes = [];

/** Participants waiting to play, made before a measurement so that starting them is not in it. */
const pool = [];
let seeds = 0;
let startedInline = 0;
async function fillPool(size) {
  while (pool.length < size) {
    const batch = Math.min(concurrency, size - pool.length);
    pool.push(...(await Promise.all(Array.from({ length: batch }, () => startParticipant(seeds++)))));
  }
}

const playing = [];
let logLengths = 0;
async function stepPost(worker) {
  let participant = playing[worker];
  if (!participant || participant.next >= participant.events.length) {
    participant = pool.pop();
    if (!participant) {
      startedInline += 1;
      participant = await startParticipant(seeds++);
    }
    playing[worker] = participant;
  }
  const sequence = participant.next + 1;
  const result = await post(`/play/p/${participant.id}/events`, JSON.stringify({ sequence, event: participant.events[participant.next] }), participant.cookie);
  if (result.status === 200) {
    participant.next += 1;
    logLengths += sequence;
  }
  return result;
}

const emptyBody = JSON.stringify({});
const emptyAction = () => post('/bench/empty', emptyBody);

/** The JavaScript a page loads: modulepreloads, script src, inline imports, and what those import statically. */
async function pageScripts(pagePath, cookie) {
  const html = await (await fetch(new URL(pagePath, base), { headers: { Cookie: cookie } })).text();
  const queue = [
    ...[...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"([^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]),
  ].map((p) => new URL(p, base).href);
  const seen = new Set();
  let raw = 0;
  let gzip = 0;
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    // Static imports only (`import "./x.js"`, `… from "./x.js"`): a dynamic import() is not loaded with the page.
    for (const m of body.toString('utf8').matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g)) queue.push(new URL(m[1], url).href);
  }
  return { files: seen.size, raw, gzip };
}

try {
  await waitForServer();
  const first = await startParticipant(0);
  const data = await (
    await fetch(`${base}/play/p/${first.id}?taal=nl&_data=${encodeURIComponent('routes/play.p.$participant')}`, { headers: { Cookie: first.cookie } })
  ).json();
  routes = [0, 1, 2].map((seed) => routeThrough(data.module, seed));
  const js = await pageScripts(`/play/p/${first.id}?taal=nl`, first.cookie);

  // Warm-up (JIT, the database's caches, the agent's sockets).
  await fillPool(concurrency * 2);
  await load(warmupSeconds, stepPost);
  const warmEmpty = summary(await load(warmupSeconds, emptyAction));
  playing.length = 0;
  // Enough participants made beforehand for the step-post at the empty action's pace (it cannot be faster).
  const perParticipant = routes.reduce((sum, r) => sum + r.length, 0) / routes.length;
  await fillPool(Math.ceil((warmEmpty.rate * seconds * 1.2) / perParticipant) + concurrency);

  // The two in alternating rounds, so that a change in the machine's load falls on both alike.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
  const stepTotals = { latencies: [], errors: 0, refusals: {}, seconds: 0 };
  const emptyTotals = { latencies: [], errors: 0, refusals: {}, seconds: 0 };
  logLengths = 0;
  for (let round = 0; round < rounds; round++) {
    await load(seconds / rounds, stepPost, stepTotals);
    await load(seconds / rounds, emptyAction, emptyTotals);
  }
  const steps = summary(stepTotals);
  const empty = summary(emptyTotals);

  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(
    `concurrency ${concurrency}, ${seconds} s each (${rounds} alternating rounds), after ${warmupSeconds} s warm-up; ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; module ${moduleId} (${routes.map((r) => r.length).join('/')} events per route)`,
  );
  console.log(
    `step-post   POST /play/p/<id>/events: ${steps.rate.toFixed(0)} req/s, p50 ${ms(steps.p50)}, p95 ${ms(steps.p95)} ` +
      `(${steps.count} saved, ${steps.errors} refused, mean log length ${(logLengths / Math.max(steps.count, 1)).toFixed(1)}, ${startedInline} participants started mid-run)`,
  );
  console.log(
    `empty action POST /bench/empty:        ${empty.rate.toFixed(0)} req/s, p50 ${ms(empty.p50)}, p95 ${ms(empty.p95)} (${empty.count} answered, ${empty.errors} errors)`,
  );
  console.log(`step-post / empty action: ${((steps.rate / empty.rate) * 100).toFixed(0)} % (budget ≥ 70 %)`);
  console.log(`player page JS: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip (budget ≤ 120 KB)`);
  // Every step of a route is one the machine accepts: a refused step-post means the route and
  // the module disagree, and the step-post figure above measures refusals, not saves.
  for (const [label, totals] of [
    ['step-post', stepTotals],
    ['empty action', emptyTotals],
  ]) {
    if (totals.errors === 0) continue;
    console.error(
      `${label} refused: ${Object.entries(totals.refusals)
        .map(([why, count]) => `${why} ×${count}`)
        .join(', ')}`,
    );
    process.exitCode = 1;
  }
} finally {
  agent.destroy();
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
}
