import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';
import { type Credentials, fakeIp, formHeaders } from './accounts';

/**
 * Production app instances of a test's own (`node server.mjs` on the build the Playwright web
 * server made), started, SIGKILLed and started again by the test. Every instance of a test
 * shares the session secret (a cookie signed by one is good on the other), seeds the demo
 * accounts and trusts X-Forwarded-For (rate limits per made-up address), each in a data
 * folder of its own. On PGlite that folder is the database; with a DATABASE_URL they all
 * share that PostgreSQL database, and the live bus between them is LISTEN/NOTIFY.
 */
export interface InstanceOptions {
  name: string;
  port: number;
  /** postgres://…: share that database; absent or empty: PGlite in the data folder. */
  databaseUrl?: string;
  /** An existing data folder; a fresh one when absent. */
  dataDir?: string;
  /** More environment (e.g. WEERBAAR_BENCH=1). */
  env?: Record<string, string>;
  /** The address to listen on and to reach it at (HOST); localhost when absent. */
  host?: string;
}

/** One secret for all instances of a run: 32+ characters, as production on PostgreSQL demands. */
export const sharedSessionSecret = 'live-instances-secret-live-instances-secret-0123';

/** Children started here, killed when the worker exits (a timed-out test must not leave one running). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * The instances run a copy of the build the Playwright web server made, taken once per worker:
 * other runs in the same checkout may rebuild meanwhile, and a build replaced under a running
 * server breaks its pages (their scripts are gone). A copy is taken only when the server
 * build and its client manifest belong together (not in the middle of someone's rebuild).
 */
let snapshot: Promise<string> | undefined;
export function buildSnapshot(): Promise<string> {
  snapshot ??= (async () => {
    const root = process.cwd();
    for (let attempt = 0; attempt < 60; attempt++) {
      const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-build-'));
      try {
        cpSync(path.join(root, 'build'), path.join(dir, 'build'), { recursive: true });
        const server = readFileSync(path.join(dir, 'build/server/index.js'), 'utf8');
        const manifest = /"url": "\/assets\/(manifest-[0-9a-f]+\.js)"/.exec(server)?.[1];
        const entry = /"entry": \{ "module": "\/assets\/([^"]+)"/.exec(server)?.[1];
        if (manifest && entry && existsSync(path.join(dir, 'build/client/assets', manifest)) && existsSync(path.join(dir, 'build/client/assets', entry))) {
          cpSync(path.join(root, 'server.mjs'), path.join(dir, 'server.mjs'));
          cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
          symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
          process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
          return dir;
        }
      } catch {
        // A rebuild is under way: try again.
      }
      rmSync(dir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error('no consistent build to copy within 60 s (build/server and build/client disagree)');
  })();
  return snapshot;
}

export class AppInstance {
  readonly baseURL: string;
  readonly dataDir: string;
  private child: ChildProcess | undefined;
  private output: string[] = [];

  private constructor(readonly options: InstanceOptions) {
    this.baseURL = `http://${options.host ?? 'localhost'}:${options.port}`;
    this.dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), `weerbaar-${options.name}-`));
  }

  /** Starts the instance; resolves once /healthz answers 200. */
  static async start(options: InstanceOptions): Promise<AppInstance> {
    const instance = new AppInstance(options);
    await instance.launch();
    return instance;
  }

  get name(): string {
    return this.options.name;
  }

  get pid(): number {
    if (!this.child?.pid || !this.running) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the instance printed (LOG_LEVEL=warn: warnings and errors), for a failing test's message. */
  get log(): string {
    return this.output.join('');
  }

  private async launch(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    if (await answersHealth(this.baseURL)) throw new Error(`something else answers on port ${this.options.port}: a server of an earlier run?`);
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd: await buildSnapshot(),
      env: {
        ...process.env,
        CONTENT_DIR: path.join(process.cwd(), 'content/modules'),
        NODE_ENV: 'production',
        PORT: String(this.options.port),
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.options.databaseUrl ?? '',
        SESSION_SECRET: sharedSessionSecret,
        SEED_DEMO_DATA: 'yes',
        TRUST_PROXY: 'true',
        LOG_LEVEL: 'warn',
        // Production on PostgreSQL needs it; each instance is reached at its own address. An
        // instance on the laptop's network address has none: its links name that address (decision 0014).
        PUBLIC_URL: this.options.host ? '' : this.baseURL,
        ...(this.options.host ? { HOST: this.options.host } : {}),
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = [];
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${this.log}`);
      if (await answersHealth(this.baseURL)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`${this.name} did not answer /healthz within 120 s:\n${this.log}`);
  }

  /** kill -9, and wait until the process is gone and the port is free. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    expect(child.signalCode, `${this.name} died of the SIGKILL`).toBe('SIGKILL');
    if (await answersHealth(this.baseURL)) throw new Error(`port ${this.options.port} still answers after ${this.name} was killed`);
  }

  /** Starts the instance again on the same data folder / database. */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}

async function answersHealth(baseURL: string): Promise<boolean> {
  try {
    return (await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(3000) })).status === 200;
  } catch {
    return false;
  }
}

/**
 * The demo facilitator of these instances. The demo passwords are random per data folder, and
 * only the instance that seeded the database knows the right one: on PGlite each instance's own
 * folder; on a shared PostgreSQL whichever seeded first (possibly the Playwright web server,
 * whose folder is E2E_DATA_DIR). So: every candidate file, tried by signing in; the first
 * that gets in wins. The request context keeps the cookie.
 */
export async function signInDemoFacilitator(request: APIRequestContext, baseURL: string, dataDirs: string[], ip = fakeIp()): Promise<Credentials> {
  const tried: string[] = [];
  for (const dir of [...dataDirs, process.env.E2E_DATA_DIR ?? '']) {
    const file = path.join(dir, 'demo-accounts.json');
    if (!dir || !existsSync(file)) continue;
    const accounts = JSON.parse(readFileSync(file, 'utf8')) as (Credentials & { label: string })[];
    const facilitator = accounts.find((a) => a.label === 'facilitator');
    if (!facilitator) continue;
    const response = await request.post(`${baseURL}/account/sign-in`, {
      form: { email: facilitator.email, password: facilitator.password },
      headers: formHeaders(baseURL, ip),
      maxRedirects: 0,
    });
    tried.push(`${file}: ${response.status()}`);
    if (response.status() === 302) return { email: facilitator.email, password: facilitator.password };
  }
  throw new Error(`no demo-accounts.json let the demo facilitator in at ${baseURL}:\n${tried.join('\n')}`);
}
