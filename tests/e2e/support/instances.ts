import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext } from '@playwright/test';
import { type Credentials, fakeIp, formHeaders } from './accounts';
import { AppServer, type AppServerOptions } from './server';

/**
 * App instances of a test's own, started, SIGKILLed and started again by the test. Every
 * instance shares the session secret (a cookie signed by one is good on the other), seeds the
 * demo accounts and trusts X-Forwarded-For (rate limits per made-up address), each in a data
 * folder of its own and on a copy of the build (it outlives someone's rebuild). On PGlite that
 * folder is the database; with a databaseUrl they all share that PostgreSQL database, and the
 * live bus between them is LISTEN/NOTIFY.
 */
export type InstanceOptions = Pick<AppServerOptions, 'port' | 'dataDir' | 'env' | 'host' | 'databaseUrl'> & { name: string };

/** One secret for all instances of a run: 32+ characters, as production on PostgreSQL demands. */
export const sharedSessionSecret = 'live-instances-secret-live-instances-secret-0123';

/** Starts an instance (PGlite unless `databaseUrl` names a PostgreSQL database); resolves once /healthz answers 200. */
export function startInstance(options: InstanceOptions): Promise<AppServer> {
  return AppServer.start({
    ...options,
    databaseUrl: options.databaseUrl ?? '',
    seedDemoData: true,
    trustProxy: true,
    sessionSecret: sharedSessionSecret,
    snapshot: true,
  });
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
