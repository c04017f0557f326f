import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '~/config.server';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('refuses to start in production on PostgreSQL without SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET is required/);
  });

  it('refuses to start in production on PostgreSQL without PUBLIC_URL; mail links never come from a request (issue 11, item 1)', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x', SESSION_SECRET: secret };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL is required/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://weerbaar.example/' }).publicUrl).toBe('https://weerbaar.example');
    // Embedded: links point to the address the server is reached by locally.
    const embedded = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'weerbaar-config-')), PORT: '3456' });
    expect([embedded.publicUrl, embedded.localOrigin]).toEqual([undefined, 'http://localhost:3456']);
  });

  it('keeps a generated secret in the data dir in the embedded mode, the same on every start', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-config-'));
    const first = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir });
    const second = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir });
    expect(first.sessionSecrets).toEqual(second.sessionSecrets);
    expect(first.sessionSecrets[0]).toHaveLength(64);
    expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8')).toBe(first.sessionSecrets[0]);
    expect(statSync(path.join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(first.seedDemoData).toBe(true);
  });

  it('rotates secrets by prepending: the first signs, all are kept', () => {
    const config = loadConfig({ SESSION_SECRET: `${'n'.repeat(32)}, ${secret}`, DATABASE_URL: 'postgres://h/db' });
    expect(config.sessionSecrets).toEqual(['n'.repeat(32), secret]);
    expect(config.seedDemoData).toBe(false);
  });

  it('treats an empty variable as not set', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-config-'));
    const config = loadConfig({ DATABASE_URL: '', SESSION_SECRET: '', DATA_DIR: dataDir });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedDemoData).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
