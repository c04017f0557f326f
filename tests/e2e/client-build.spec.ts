import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The browser build carries no database driver. A route module that imports PGlite or pg at
 * its top level (even behind a dynamic import) puts the driver, its WebAssembly and data
 * into build/client, served to anyone as public files. The web server's start built the
 * app (scripts/ensure-build.mjs), so build/client is this tree's.
 */
const client = 'build/client';

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

test('build/client holds no PGlite and no pg: no WebAssembly or data file, no driver code', () => {
  const files = filesUnder(client);
  expect(
    files.some((f) => f.endsWith('.js')),
    'the client build has JavaScript (it was built)',
  ).toBe(true);
  expect(files.filter((f) => /\.(wasm|data|tar\.gz)$/.test(f) || /pglite/i.test(path.basename(f)))).toEqual([]);
  const withDriver = files
    .filter((f) => f.endsWith('.js'))
    .filter((f) => /PGlite|pglite|pg-protocol|pgpass|pg-connection-string/.test(readFileSync(f, 'utf8')));
  expect(withDriver, 'client chunks with database driver code').toEqual([]);
  const megabytes = files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
  console.log(`build/client: ${files.length} files, ${megabytes.toFixed(2)} MB`);
});
