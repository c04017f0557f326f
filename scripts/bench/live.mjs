// Live group sessions under load: 40 sessions × 30 simulated tablets (1,200 Server-Sent Events
// streams) plus each session's facilitator console stream. Every session is started, then for
// 10 rounds the facilitator presses "next" in every session; per session and round it measures
// the time from sending "next" to the LAST of its 30 tablets receiving the new step.
// Rounds 1–5 send all 40 "next" at once (burst); rounds 6–10 spread them evenly over 2 s.
//
// Runs against a production build (built first when stale), on a copy of it (other runs in
// the checkout may rebuild meanwhile): one server on PGlite (fresh data folder) and, when
// DATABASE_URL is set, two servers on that PostgreSQL database (tablets and facilitators split
// over both, so most notices cross instances through LISTEN/NOTIFY; use an empty database).
// Servers run with WEERBAAR_BENCH=1 for /bench/live-metrics. Node built-ins only; prints figures.
//
// Knobs: BENCH_SESSIONS (40), BENCH_TABLETS (30), BENCH_ROUNDS (10), BENCH_PORT (3271),
// BENCH_SKIP_PGLITE=1 (only the PostgreSQL run), BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 40);
const TABLETS = Number(process.env.BENCH_TABLETS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3271);
const SPREAD_MS = 2000;
const ROUND_TIMEOUT_MS = 30_000;
const databaseUrl = process.env.DATABASE_URL || undefined;
const root = process.cwd();
const secret = 'bench-live-secret-bench-live-secret-bench-live';
/** The module's choice steps and the option the facilitator takes there. */
const choiceOptions = { 'advies-foto': 'verwijderen', 'mijn-foto': 'vragen', 'advies-dario': 'vertellen' };

// Plenty of sockets: 1,200 streams stay open, the posts reuse keep-alive connections.
http.globalAgent.maxSockets = Infinity;
// Idle sockets go after 4 s, before the server's 5 s keep-alive timeout closes them under a request.
const postAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

// ------------------------------------------------------------------------------------------
// Build and servers

execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });

/** A copy of the build whose server half and client manifest belong together. */
async function snapshotBuild() {
  for (let attempt = 0; attempt < 60; attempt++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-bench-build-'));
    try {
      cpSync(path.join(root, 'build'), path.join(dir, 'build'), { recursive: true });
      const server = readFileSync(path.join(dir, 'build/server/index.js'), 'utf8');
      const manifest = /"url": "\/assets\/(manifest-[0-9a-f]+\.js)"/.exec(server)?.[1];
      if (manifest && existsSync(path.join(dir, 'build/client/assets', manifest))) {
        cpSync(path.join(root, 'server.mjs'), path.join(dir, 'server.mjs'));
        cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
        symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
        return dir;
      }
    } catch {
      // A rebuild is under way.
    }
    rmSync(dir, { recursive: true, force: true });
    await sleep(1000);
  }
  throw new Error('no consistent build to copy');
}

const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function startServer(buildDir, port, dataDir, url) {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(root, 'scripts/bench/server.mjs')],
    {
      cwd: buildDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: url ?? '',
        SESSION_SECRET: secret,
        SEED_DEMO_DATA: 'yes',
        TRUST_PROXY: 'true',
        LOG_LEVEL: 'warn',
        WEERBAAR_BENCH: '1',
        CONTENT_DIR: path.join(root, 'content/modules'),
        PUBLIC_URL: `http://localhost:${port}`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  running.add(child);
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const base = `http://localhost:${port}`;
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited: ${errors}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { child, base, port, dataDir, pid: child.pid };
    } catch {
      // not answering yet
    }
    await sleep(100);
  }
  throw new Error(`server on ${port} did not start within 120 s`);
}

async function stopServer(server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  running.delete(server.child);
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

// ------------------------------------------------------------------------------------------
// HTTP

/** One request; resolves with status, headers and body text. */
function request(base, method, pathname, { headers = {}, form } = {}) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${pathname}`,
      {
        method,
        agent: postAgent,
        headers: {
          ...headers,
          ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {}),
          ...(method !== 'GET' ? { Origin: base } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cookiePair = (headers, name) => (headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.split('=')[0].endsWith(name));
let ipCounter = 0;
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

/** The demo facilitator: the password sits beside the data of whichever instance seeded the database. */
async function signInFacilitator(server, dataDirs) {
  for (const dir of dataDirs) {
    const file = path.join(dir, 'demo-accounts.json');
    if (!existsSync(file)) continue;
    const account = JSON.parse(readFileSync(file, 'utf8')).find((a) => a.label === 'facilitator');
    const res = await request(server.base, 'POST', '/account/sign-in', {
      form: { email: account.email, password: account.password },
      headers: { 'X-Forwarded-For': nextIp() },
    });
    if (res.status === 302) return res.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');
  }
  throw new Error('the demo facilitator could not sign in (is DATABASE_URL an empty database?)');
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function pool(items, limit, task) {
  let index = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (index < items.length) {
        const i = index++;
        await task(items[i], i);
      }
    }),
  );
}

/**
 * A tablet's (or console's) Server-Sent Events stream: parses `event: state` blocks and
 * timestamps each. `onState(data, at)` gets every state.
 */
function openStream(server, pathname, cookie, onState) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${server.base}${pathname}`,
      { agent: streamAgent, headers: { Cookie: cookie, Accept: 'text/event-stream', 'X-Forwarded-For': nextIp() } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`${pathname}: ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => {
          const at = now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (event === 'state' && data) onState(JSON.parse(data), at);
          }
        });
        resolve({ close: () => req.destroy() });
      },
    );
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

// ------------------------------------------------------------------------------------------
// The scenario

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms · p95 ${percentile(sorted, 95).toFixed(0)} ms · max ${sorted.at(-1).toFixed(0)} ms (n=${sorted.length})`;
};

async function metrics(server) {
  const res = await request(server.base, 'GET', '/bench/live-metrics');
  if (res.status !== 200) throw new Error(`/bench/live-metrics: ${res.status}`);
  return JSON.parse(res.text);
}

async function scenario(label, servers, dataDirs) {
  console.log(`\n== ${label}: ${servers.length} instance(s), ${SESSIONS} sessions × ${TABLETS} tablets, ${ROUNDS} rounds ==`);
  const rssIdle = servers.map((s) => rssMb(s.pid));
  const facilitatorCookie = await signInFacilitator(servers[0], dataDirs);

  // Sessions, each run from one instance (alternating).
  const sessions = [];
  await pool([...Array(SESSIONS).keys()], 8, async (s) => {
    const server = servers[s % servers.length];
    const created = await request(server.base, 'POST', '/facilitate/sessions/new', {
      form: { module: 'wie-ben-ik', variant: 'standard', language: 'nl', pacing: 'together' },
      headers: { Cookie: facilitatorCookie, 'X-Forwarded-For': nextIp() },
    });
    const id = /\/facilitate\/sessions\/([0-9a-f-]{36})$/.exec(created.headers.location ?? '')?.[1];
    if (created.status !== 302 || !id) throw new Error(`creating a session: ${created.status} ${created.text.slice(0, 200)}`);
    const state = JSON.parse((await request(server.base, 'GET', `/facilitate/sessions/${id}/state`, { headers: { Cookie: facilitatorCookie } })).text);
    sessions[s] = { index: s, id, code: state.joinCode, server, step: null, version: 0, tablets: [], pending: null };
  });

  // Tablets: join over HTTP (one network address per session, as a group's tablets share one), keep the cookie.
  const joinStarted = now();
  const tablets = sessions.flatMap((session) => Array.from({ length: TABLETS }, (_, t) => ({ session, t, server: servers[t % servers.length] })));
  const ipOf = new Map(sessions.map((s) => [s.id, nextIp()]));
  await pool(tablets, 16, async (tablet) => {
    const res = await request(tablet.server.base, 'POST', `/join/${tablet.session.code}`, {
      form: { nickname: `Vos ${tablet.session.index}-${tablet.t}`, avatar: 'fox' },
      headers: { 'X-Forwarded-For': ipOf.get(tablet.session.id) },
    });
    const cookie = cookiePair(res.headers, 'weerbaar_participant');
    if (res.status !== 302 || !cookie) throw new Error(`joining: ${res.status} ${res.text.slice(0, 200)}`);
    tablet.cookie = cookie;
    tablet.seen = []; // [version, step, at]
    tablet.version = 0;
    tablet.session.tablets.push(tablet);
  });
  const joinMs = now() - joinStarted;

  // Streams: every tablet, and every session's console (its facilitator's instance).
  const streams = [];
  const streamStarted = now();
  await pool(tablets, 50, async (tablet) => {
    streams.push(
      await openStream(tablet.server, `/live/${tablet.session.id}/events`, tablet.cookie, (data, at) => {
        tablet.seen.push([data.version, data.step, at]);
        tablet.version = Math.max(tablet.version, data.version);
        const pending = tablet.session.pending;
        if (pending && pending.version !== undefined && data.version >= pending.version) pending.check();
      }),
    );
  });
  for (const session of sessions) {
    session.consoleStates = 0;
    streams.push(await openStream(session.server, `/facilitate/sessions/${session.id}/events`, facilitatorCookie, () => (session.consoleStates += 1)));
  }
  await waitFor(() => tablets.every((t) => t.seen.length > 0), 30_000, 'every tablet has its first state');
  const streamMs = now() - streamStarted;
  console.log(
    `setup: ${tablets.length} joins in ${(joinMs / 1000).toFixed(1)} s; ${streams.length} streams open with a first state in ${(streamMs / 1000).toFixed(1)} s`,
  );

  /** Sends one control to a session and resolves with the time until its last tablet had the new version (ms). */
  async function control(session, intent) {
    const form = { intent };
    if (intent === 'next' && choiceOptions[session.step]) form.option = choiceOptions[session.step];
    const previousStep = session.step;
    const pending = { version: undefined };
    let settle;
    const done = new Promise((resolve) => (settle = resolve));
    pending.check = () => {
      if (session.tablets.every((t) => t.version >= pending.version)) settle();
    };
    session.pending = pending;
    const sent = now();
    // As the console's fetcher posts it (Remix answers the action's JSON for ?_data=<route id>).
    const res = await request(session.server.base, 'POST', `/facilitate/sessions/${session.id}?_data=${encodeURIComponent('routes/facilitate.sessions.$id')}`, {
      form,
      headers: { Cookie: facilitatorCookie, 'X-Forwarded-For': nextIp() },
    });
    if (res.status !== 200) throw new Error(`${intent} in session ${session.index}: ${res.status} ${res.text.slice(0, 200)}`);
    const answered = now() - sent;
    pending.version = JSON.parse(res.text).version;
    pending.check();
    const timedOut = await Promise.race([done.then(() => false), sleep(ROUND_TIMEOUT_MS).then(() => true)]);
    session.pending = null;
    if (timedOut) return { ms: Infinity, answered, firstMs: Infinity, fanOut: Infinity, wrong: 0 };
    // The arrival of the new version on each tablet; all must show the same new step.
    let last = 0;
    let first = Infinity;
    let wrong = 0;
    const steps = new Set();
    for (const tablet of session.tablets) {
      const arrival = tablet.seen.find(([version]) => version >= pending.version);
      last = Math.max(last, arrival[2]);
      first = Math.min(first, arrival[2]);
      steps.add(arrival[1]);
    }
    const [step] = steps;
    if (steps.size !== 1 || (intent === 'next' && step === previousStep)) wrong += 1;
    session.step = step;
    return { ms: last - sent, answered, firstMs: first - sent, fanOut: last - first, wrong };
  }

  // Start every session (all at once).
  const before = await Promise.all(servers.map(metrics));
  const rssBefore = servers.map((s) => rssMb(s.pid));
  const started = await Promise.all(sessions.map((s) => control(s, 'start')));
  console.log(`start (all ${SESSIONS} at once): ${summary(started.map((r) => r.ms))}`);

  const burst = [];
  const spread = [];
  let wrong = started.reduce((n, r) => n + r.wrong, 0);
  let timeouts = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const spreadRound = round > Math.ceil(ROUNDS / 2);
    const results = await Promise.all(
      sessions.map(async (session, i) => {
        if (spreadRound) await sleep((i * SPREAD_MS) / sessions.length);
        return control(session, 'next');
      }),
    );
    for (const r of results) {
      if (r.ms === Infinity) timeouts += 1;
      else (spreadRound ? spread : burst).push(r);
      wrong += r.wrong;
    }
    await sleep(250);
  }
  const after = await Promise.all(servers.map(metrics));
  const rssAfter = servers.map((s) => rssMb(s.pid));
  const changesSent = SESSIONS * (ROUNDS + 1);

  console.log(`next, rounds 1–${Math.ceil(ROUNDS / 2)} (all ${SESSIONS} sessions at once): ${summary(burst.map((r) => r.ms))} — budget p95 ≤ 250 ms`);
  console.log(
    `next, rounds ${Math.ceil(ROUNDS / 2) + 1}–${ROUNDS} (spread over ${SPREAD_MS / 1000} s): ${summary(spread.map((r) => r.ms))} — budget p95 ≤ 50 ms`,
  );
  console.log(`next, all rounds: ${summary([...burst, ...spread].map((r) => r.ms))}`);
  console.log(`  of which: the control post answered after ${summary([...burst, ...spread].map((r) => r.answered))}`);
  console.log(`  the first tablet of the session had the step after ${summary([...burst, ...spread].map((r) => r.firstMs))}`);
  console.log(`  from the session's first to its last tablet: ${summary([...burst, ...spread].map((r) => r.fanOut))}`);
  console.log(`timeouts (> ${ROUND_TIMEOUT_MS / 1000} s): ${timeouts}; sessions where tablets disagreed or did not move: ${wrong}`);
  let statements = 0;
  servers.forEach((server, i) => {
    const d = (key) => after[i][key] - before[i][key];
    statements += d('sqlStatements');
    console.log(
      `instance ${i + 1} (:${server.port}): changes seen ${d('changes')}, state reads ${d('stateReads')} → ${(d('stateReads') / d('changes')).toFixed(2)} per change (budget 1), pushes ${d('pushes')} (${(d('pushes') / d('changes')).toFixed(1)} per change), SQL statements ${d('sqlStatements')} → ${(d('sqlStatements') / d('changes')).toFixed(1)} per change`,
    );
    console.log(
      `instance ${i + 1} RSS (VmRSS): ${rssIdle[i].toFixed(0)} MB started and idle → ${rssBefore[i].toFixed(0)} MB with ${tablets.filter((t) => t.server === server).length + sessions.filter((s) => s.server === server).length} streams open, before the rounds → ${rssAfter[i].toFixed(0)} MB after them`,
    );
  });
  console.log(
    `all instances: ${changesSent} changes made, ${statements} SQL statements → ${(statements / changesSent).toFixed(1)} per change (the control post: sign-in check, session read, conditional update; the notice; every instance's state read)`,
  );

  // End every session; close the streams.
  await Promise.all(sessions.map((s) => control(s, 'end')));
  for (const stream of streams) stream.close();
}

async function waitFor(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

// ------------------------------------------------------------------------------------------

const buildDir = await snapshotBuild();
console.log(
  `live bench · load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} · ${process.env.DATABASE_URL ? 'PGlite, then PostgreSQL' : 'PGlite only (set DATABASE_URL for the PostgreSQL run)'}`,
);
const folders = [];
const fresh = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-bench-live-'));
  folders.push(dir);
  return dir;
};
try {
  if (process.env.BENCH_SKIP_PGLITE !== '1') {
    const server = await startServer(buildDir, BASE_PORT, fresh(), undefined);
    try {
      await scenario('PGlite', [server], [server.dataDir]);
    } finally {
      await stopServer(server);
    }
  }
  if (databaseUrl) {
    // One after the other: the first migrates and seeds, and its data folder has the demo passwords.
    const a = await startServer(buildDir, BASE_PORT + 1, fresh(), databaseUrl);
    const b = await startServer(buildDir, BASE_PORT + 2, fresh(), databaseUrl);
    try {
      await scenario('PostgreSQL, two instances', [a, b], [a.dataDir, b.dataDir]);
    } finally {
      await stopServer(a);
      await stopServer(b);
    }
  }
} finally {
  for (const dir of [...folders, buildDir]) rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
