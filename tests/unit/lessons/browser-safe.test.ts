import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lessons = fileURLToPath(new URL('../../../app/lessons/', import.meta.url));

/** The relative imports of a source file and everything they import, transitively. */
function importsOf(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
  seen.set(file, specifiers);
  for (const specifier of specifiers.filter((s) => s.startsWith('.'))) importsOf(`${path.resolve(path.dirname(file), specifier)}.ts`, seen);
  return seen;
}

describe('the pure lesson modules', () => {
  // The player runs the same machine in the browser: no Node APIs, no server-only code.
  it.each(['compile.ts', 'check.ts', 'overlay.ts', 'answers.ts'])('%s imports nothing server-only, however deep', (name) => {
    const graph = importsOf(path.join(lessons, name));
    expect(graph.size).toBeGreaterThan(1);
    const offending = [...graph].flatMap(([file, specifiers]) =>
      specifiers.filter((s) => s.startsWith('node:') || s.includes('.server')).map((s) => `${path.basename(file)} → ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('would notice a server-only import', () => {
    const graph = importsOf(path.join(lessons, 'load.server.ts'));
    expect([...graph.values()].flat()).toContain('node:fs');
  });
});
