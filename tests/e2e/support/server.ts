import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A production server of a test's own (`node server.mjs`), beside the one Playwright starts:
 * for what the shared one must not go through (kill -9, being down, other content). It runs
 * the build the Playwright web server made, on PGlite in a fresh data folder, or on the
 * PostgreSQL server of DATABASE_URL when the run has one.
 */
export interface OwnServerOptions {
  port: number;
  /** A folder of module folders (CONTENT_DIR); the real content/modules when absent. */
  contentDir?: string;
  /** An existing data folder (the server restarted on its data); a fresh one when absent. */
  dataDir?: string;
  /** More environment, over the defaults. */
  env?: Record<string, string>;
}

/** Every child started here, killed when the test worker exits (a timed-out hook must not leave one running). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export class OwnServer {
  readonly baseURL: string;
  readonly dataDir: string;
  private child: ChildProcess | undefined;
  private output: string[] = [];

  private constructor(private readonly options: OwnServerOptions) {
    this.baseURL = `http://localhost:${options.port}`;
    this.dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'weerbaar-own-server-'));
  }

  /** Starts the server and resolves once /healthz answers 200. */
  static async start(options: OwnServerOptions): Promise<OwnServer> {
    const server = new OwnServer(options);
    await server.launch();
    return server;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the server printed (warnings and errors: LOG_LEVEL=warn), for a failing test's message. */
  get log(): string {
    return this.output.join('');
  }

  private async launch(): Promise<void> {
    if (this.running) throw new Error(`the server on port ${this.options.port} is already running`);
    // Another server on this port would answer /healthz in our place.
    await this.expectNothingListening();
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(this.options.port),
        DATA_DIR: this.dataDir,
        // PGlite unless this is the PostgreSQL run.
        DATABASE_URL: process.env.DATABASE_URL ?? '',
        LOG_LEVEL: 'warn',
        SEED_DEMO_DATA: 'no',
        SESSION_SECRET: 'own-test-server-secret-own-test-server-secret',
        CONTENT_DIR: this.options.contentDir ?? 'content/modules',
        TRUST_PROXY: 'false',
        // Production on PostgreSQL needs it (links in e-mail never come from a Host header).
        PUBLIC_URL: this.baseURL,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    this.output = [];
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));

    // Generous: a fresh PGlite folder is created and migrated on start, slow on a busy CI machine.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server on port ${this.options.port} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${this.log}`);
      }
      try {
        const response = await fetch(`${this.baseURL}/healthz`);
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`the server on port ${this.options.port} did not answer /healthz within 120 s:\n${this.log}`);
  }

  /** kill -9: no shutdown, no flushing, nothing the server can do about it. Resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(this.pid, 'SIGKILL');
    await exited;
    await this.expectNothingListening();
  }

  private async expectNothingListening(): Promise<void> {
    const answered = await fetch(`${this.baseURL}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      () => true,
      () => false,
    );
    if (answered) throw new Error(`something else answers on port ${this.options.port}: is a server of an earlier run still there?`);
  }

  /** Starts the server again on the same data folder (after kill()). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** The end of a test: kill -9 is the fastest stop, and what these tests are about anyway. */
  async stop(): Promise<void> {
    await this.kill();
  }
}
