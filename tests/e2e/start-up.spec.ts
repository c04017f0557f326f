import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startInstance } from './support/instances';

/**
 * Content is checked at start-up: a module with a broken file stops the server before it
 * serves anything, and the log names the file, the step and the field.
 */
const port = Number(process.env.STARTUP_PORT ?? 3251);

test('a module pointing at a step that does not exist stops the start-up, naming the file, the step and the field', async () => {
  test.setTimeout(120_000);
  const contentDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-broken-content-'));
  cpSync(path.join(process.cwd(), 'tests/unit/lessons/fixtures/unknown-step'), path.join(contentDir, 'unknown-step'), { recursive: true });
  const started = startInstance({ name: 'broken-content', port, env: { CONTENT_DIR: contentDir } });
  const failure = await started.then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure, 'the server must not start').not.toBeNull();
  expect(failure).toMatch(/exited \(1\) before it answered/);
  // The log line (JSON) says what is wrong and where; the path is as the server was told it.
  const line = failure!.split('\n').find((l) => l.includes('"start-up failed"'));
  expect(line, 'a "start-up failed" log line').toBeDefined();
  const logged = JSON.parse(line!) as { err: { type: string; message: string; problems: { file: string; stepId: string; field: string; message: string }[] } };
  expect(logged.err.type).toBe('ContentError');
  expect(logged.err.problems).toHaveLength(1);
  expect(logged.err.problems[0]).toMatchObject({ stepId: 'choice-1', field: 'options[2].next', message: 'unknown step "nowhere"' });
  expect(logged.err.problems[0]!.file).toMatch(/unknown-step\/module\.yaml$/);
  expect(logged.err.message).toContain('step "choice-1" → options[2].next: unknown step "nowhere"');
});
