import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A production server of a test's own (`node server.mjs` on the build the Playwright web server
 * made), beside the one Playwright starts: for what the shared one must not go through (kill -9,
 * being down, other content or settings, several instances on one database). It runs on PGlite
 * in a data folder of its own, or on the PostgreSQL server of DATABASE_URL when the run has one.
 */
export interface AppServerOptions {
  /** In messages ("instance-a"); "the server on port <port>" when absent. */
  name?: string;
  port: number;
  /** The address it listens on and is reached at (HOST); localhost when absent. */
  host?: string;
  /** An existing data folder (the server started again on its data); a fresh one when absent. */
  dataDir?: string;
  /** A folder of module folders (CONTENT_DIR); the real content/modules when absent. */
  contentDir?: string;
  /** postgres://…: that database; '': PGlite in the data folder; absent: this run's DATABASE_URL (PGlite without one). */
  databaseUrl?: string;
  /** Seed the demo accounts (their random passwords land in <dataDir>/demo-accounts.json). */
  seedDemoData?: boolean;
  /** Trust X-Forwarded-For, so that a test limits rates per made-up address. */
  trustProxy?: boolean;
  /** 32+ characters, as production on PostgreSQL demands; servers that share it accept each other's cookies. */
  sessionSecret?: string;
  /** Run a copy of the build taken once per worker (see buildSnapshot) rather than the checkout's build. */
  snapshot?: boolean;
  /** More environment, over everything above. */
  env?: Record<string, string>;
}

/** Ceilings, generous for a busy machine: a fresh PGlite folder is created, migrated and seeded on start. */
const startCeilingMs = 120_000;
const stopCeilingMs = 10_000;

/** Every child started here, killed when the test worker exits (a timed-out hook must not leave one running). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export class AppServer {
  readonly baseURL: string;
  readonly dataDir: string;
  readonly name: string;
  private child: ChildProcess | undefined;
  private output: string[] = [];

  private constructor(private readonly options: AppServerOptions) {
    this.baseURL = `http://${options.host ?? 'localhost'}:${options.port}`;
    this.dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), `weerbaar-${options.name ?? 'own-server'}-`));
    this.name = options.name ?? `the server on port ${options.port}`;
  }

  /** Starts the server; resolves once /healthz answers 200. */
  static async start(options: AppServerOptions): Promise<AppServer> {
    const server = new AppServer(options);
    await server.launch();
    return server;
  }

  get pid(): number {
    if (!this.child?.pid || !this.running) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the server printed since it was last started (LOG_LEVEL=warn unless told otherwise), for a failing test's message. */
  get log(): string {
    return this.output.join('');
  }

  /** The last lines of the log, for an error message. */
  private logTail(lines = 60): string {
    return this.log.split('\n').slice(-lines).join('\n');
  }

  private environment(): NodeJS.ProcessEnv {
    const { port, host, contentDir, databaseUrl, seedDemoData, trustProxy, sessionSecret } = this.options;
    return {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      ...(host ? { HOST: host } : {}),
      DATA_DIR: this.dataDir,
      DATABASE_URL: databaseUrl ?? process.env.DATABASE_URL ?? '',
      CONTENT_DIR: path.resolve(contentDir ?? 'content/modules'),
      SEED_DEMO_DATA: seedDemoData ? 'yes' : 'no',
      TRUST_PROXY: trustProxy ? 'true' : 'false',
      SESSION_SECRET: sessionSecret ?? 'own-test-server-secret-own-test-server-secret',
      LOG_LEVEL: 'warn',
      // Production on PostgreSQL needs it (links in e-mail never come from a Host header). A
      // server on the laptop's network address has none: its links name that address (decision 0014).
      PUBLIC_URL: host ? '' : this.baseURL,
      ...this.options.env,
    };
  }

  private async launch(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    // Another server on this port would answer /healthz in our place.
    if (await answers(this.baseURL)) throw new Error(`something else answers on port ${this.options.port}: is a server of an earlier run still there?`);
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd: this.options.snapshot ? await buildSnapshot() : process.cwd(),
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = [];
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.once('error', (error) => this.output.push(`spawn failed: ${error.message}\n`));
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));

    const deadline = Date.now() + startCeilingMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${this.logTail()}`);
      if (await answers(this.baseURL, 200)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.kill();
    throw new Error(`${this.name} did not answer /healthz within ${startCeilingMs / 1000} s:\n${this.logTail()}`);
  }

  /** Sends a signal and waits until the process is gone and the port is free. */
  private async end(signal: NodeJS.Signals, ceilingMs: number): Promise<ChildProcess | undefined> {
    const child = this.child;
    if (!child || !this.running) return undefined;
    const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
    child.kill(signal);
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ceilingMs).unref());
    if (!(await Promise.race([exited, timer]))) {
      if (signal === 'SIGKILL') throw new Error(`${this.name} did not die of a SIGKILL within ${ceilingMs / 1000} s`);
      return this.end('SIGKILL', ceilingMs);
    }
    if (await answers(this.baseURL)) throw new Error(`port ${this.options.port} still answers after ${this.name} ended`);
    return child;
  }

  /** kill -9: no shutdown, no flushing, nothing the server can do about it. Resolves once it is gone. */
  async kill(): Promise<void> {
    const child = await this.end('SIGKILL', stopCeilingMs);
    if (child && child.signalCode !== 'SIGKILL') throw new Error(`${this.name} did not die of the SIGKILL (exit ${child.exitCode ?? child.signalCode})`);
  }

  /** Starts the server again on the same data folder / database (after kill() or stop(); a running one is killed first). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** The end of a test: SIGTERM (the server closes and exits), SIGKILL if it is still there after a while. */
  async stop(): Promise<void> {
    await this.end('SIGTERM', stopCeilingMs);
  }
}

/** Whether anything answers /healthz at this address (with this status, when given). */
async function answers(baseURL: string, status?: number): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(3000) });
    return status === undefined || response.status === status;
  } catch {
    return false;
  }
}

/**
 * A copy of the build the Playwright web server made, taken once per worker: other runs in the
 * same checkout may rebuild meanwhile, and a build replaced under a running server breaks its
 * pages (their scripts are gone). A copy is taken only when the server build and its client
 * manifest belong together (not in the middle of someone's rebuild).
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
