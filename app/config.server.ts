import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: z.enum(['auto', 'yes', 'no']).default('auto'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Weerbaar <no-reply@weerbaar.invalid>'),
  PUBLIC_URL: z.string().url('PUBLIC_URL must be a full URL such as https://weerbaar.example').optional(),
  SECURE_COOKIES: z.enum(['auto', 'yes', 'no']).default('auto'),
  CONTENT_DIR: z.string().min(1).default('./content/modules'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
});

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  dataDir: string;
  databaseUrl: string | undefined;
  /** The first secret signs; the others still verify, so a secret rotates by prepending. */
  sessionSecrets: string[];
  logLevel: string;
  seedDemoData: boolean;
  /** Without it, e-mail is written to the log and the outbox only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * The site's public origin. Links in e-mail point there, and a request for another host is
   * refused; without it (embedded mode only) mail links point to `localOrigin`.
   */
  publicUrl: string | undefined;
  /** The address the server listens on and is reached by locally: http://localhost:PORT. */
  localOrigin: string;
  /**
   * `auto`: Secure, `__Host-` cookies when the request came over HTTPS, plain ones over plain
   * HTTP (a facility's own Wi-Fi); `yes`: always secure; `no`: never (decision 0014).
   */
  secureCookies: 'auto' | 'yes' | 'no';
  /** Where the lesson modules live (a folder of module folders). */
  contentDir: string;
  /** The port and address the HTTP server listens on (server.mjs). */
  port: number;
  host: string;
  /** Whether `X-Forwarded-*` headers are believed: only behind a proxy that sets them (decision 0013). */
  trustProxy: boolean;
}

export class ConfigError extends Error {}

/** Reads the configuration from environment variables; throws a ConfigError naming what is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // `DATABASE_URL=` (empty) means "not set", as a shell or a .env file would mean it.
  const setVariables = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(setVariables);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const embedded = !e.DATABASE_URL;
  let sessionSecrets = (e.SESSION_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (sessionSecrets.some((s) => s.length < 32)) {
    throw new ConfigError('SESSION_SECRET: every secret must be at least 32 characters long.');
  }
  if (sessionSecrets.length === 0) {
    if (e.NODE_ENV === 'production' && !embedded) {
      throw new ConfigError(
        'SESSION_SECRET is required in production with DATABASE_URL. ' + 'Set it to a random string of at least 32 characters (e.g. `openssl rand -hex 32`).',
      );
    }
    // Embedded mode: one machine, one data dir — keep a generated secret beside the data.
    sessionSecrets = [readOrCreateLocalSecret(dataDir)];
  }
  if (!e.PUBLIC_URL && e.NODE_ENV === 'production' && !embedded) {
    // Links in e-mail never come from request headers (a forged Host would poison them).
    throw new ConfigError('PUBLIC_URL is required in production with DATABASE_URL: the address people reach the site at, e.g. https://weerbaar.example.');
  }
  return {
    environment: e.NODE_ENV,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sessionSecrets,
    logLevel: e.LOG_LEVEL,
    seedDemoData: e.SEED_DEMO_DATA === 'yes' || (e.SEED_DEMO_DATA === 'auto' && embedded),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    localOrigin: `http://localhost:${e.PORT}`,
    secureCookies: e.SECURE_COOKIES,
    contentDir: path.resolve(e.CONTENT_DIR),
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY === 'true',
  };
}

let processConfig: AppConfig | undefined;

/**
 * This process's configuration, read from the environment once, on first use: a plain module
 * value (cookies and origins are built from it), not a dependency handed around.
 */
export function appConfig(): AppConfig {
  return (processConfig ??= loadConfig());
}

function readOrCreateLocalSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
