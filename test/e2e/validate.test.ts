import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { copySpecBundle, makeFifo, NO_MKFIFO, releaseFifo } from '../../testing/bundle/support.js';
import { runCli } from './cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/spec-bundle', import.meta.url));
const roots: string[] = [];
let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function brokenCopy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-e2e-validate-'));
  roots.push(root);
  const dir = join(root, 'bundle');
  await cp(FIXTURE, dir, { recursive: true });
  const logs = await readFile(join(dir, 'logs.jsonl'), 'utf8');
  const bad = [
    '{"ts": "12/03/2026", "service": "payments", "level": "error", "message": "x"}',
    '{"ts": 1772460300250, "service": "payments", "level": "LOUD", "message": "x"}',
  ];
  await writeFile(join(dir, 'logs.jsonl'), `${logs}${bad.join('\n')}\n`);
  return dir;
}

const run = (...args: string[]) => main(['node', 'nightshift', 'validate', ...args]);

describe('nightshift validate', () => {
  test('prints the records per source and "valid" for the spec fixture, exit 0', async () => {
    expect(await run(FIXTURE)).toBe(0);
    expect(stdout).toContain(FIXTURE);
    expect(stdout).toMatch(/metrics\s+6 records/);
    expect(stdout).toMatch(/logs\s+4 records/);
    expect(stdout).toMatch(/traces\s+3 records/);
    expect(stdout).toMatch(/history\s+2 records/);
    expect(stdout).toMatch(/valid\S*\n$/);
    expect(stderr).toBe('');
  });

  test('lists every problem with file, line and field, exit 2', async () => {
    const dir = await brokenCopy();
    expect(await run(dir)).toBe(2);
    expect(stdout).toMatch(/invalid: 2 problems/);
    expect(stderr).toContain(
      'logs.jsonl line 6: field "ts": expected RFC 3339 with a zone or epoch milliseconds, got "12/03/2026"',
    );
    expect(stderr).toContain(
      'logs.jsonl line 7: field "level": expected one of trace, debug, info, warn, error, fatal (any case), got "LOUD"',
    );
  });

  test('--max-problems limits the list and says more were left out', async () => {
    const dir = await brokenCopy();
    expect(await run(dir, '--max-problems', '1')).toBe(2);
    expect(stderr).toContain('logs.jsonl line 6: field "ts"');
    expect(stderr).not.toContain('logs.jsonl line 7');
    expect(stderr).toContain('more problems not shown');
  });

  test('--json prints the result as JSON', async () => {
    const dir = await brokenCopy();
    expect(await run(dir, '--json')).toBe(2);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ dir, valid: false, truncated: false, counts: { logs: 4 } });
    expect(result.problems).toEqual([
      {
        file: 'logs.jsonl',
        line: 6,
        field: 'ts',
        message: 'expected RFC 3339 with a zone or epoch milliseconds, got "12/03/2026"',
      },
      {
        file: 'logs.jsonl',
        line: 7,
        field: 'level',
        message: 'expected one of trace, debug, info, warn, error, fatal (any case), got "LOUD"',
      },
    ]);
  });

  test('a folder that does not exist is bad input, exit 2', async () => {
    expect(await run(join(tmpdir(), 'nightshift-no-such-bundle'))).toBe(2);
    expect(stderr).toContain('no such bundle folder');
  });

  test('a --max-problems that is not a positive whole number is refused, exit 2', async () => {
    expect(await run(FIXTURE, '--max-problems', 'lots')).toBe(2);
    expect(stderr).toContain('expected a whole number of 1 or more');
  });
});

describe('a bundle whose logs.jsonl is a FIFO', () => {
  const fifoBundle = async (): Promise<string> => {
    const { dir, remove } = await copySpecBundle();
    const path = join(dir, 'logs.jsonl');
    await makeFifo(path);
    // Release before removing: a regression that blocks on the FIFO must fail its test, not leave
    // a libuv thread stuck for the rest of the run.
    onTestFinished(async () => {
      await releaseFifo(path);
      await remove();
    });
    return dir;
  };
  const FIFO = 'logs.jsonl: is a FIFO (named pipe), not a regular file; a bundle holds regular files';

  test.for([
    { command: 'validate', args: [] },
    { command: 'sql', args: ['select 1'] },
  ])(
    'nightshift $command exits 2 at once and names the file',
    { timeout: 5_000 },
    async ({ command, args }, ctx) => {
      ctx.skip(NO_MKFIFO !== undefined, NO_MKFIFO);
      vi.restoreAllMocks();
      const dir = await fifoBundle();
      const started = performance.now();
      const result = await runCli(command, dir, ...args);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(FIFO);
    },
  );

  test('nightshift validate reports a truncated last line as a warning and exits 0', async () => {
    vi.restoreAllMocks();
    const { dir, remove } = await copySpecBundle();
    onTestFinished(remove);
    const logs = await readFile(join(dir, 'logs.jsonl'), 'utf8');
    await writeFile(join(dir, 'logs.jsonl'), `${logs}{"ts": 1772460300250, "service": "paym`);
    const result = await runCli('validate', dir, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: true,
      problems: [],
      warnings: [
        {
          file: 'logs.jsonl',
          line: 6,
          message: 'last line is incomplete (no newline at end of file), skipped',
        },
      ],
      counts: { logs: 4 },
    });
    const text = await runCli('validate', dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'warning: logs.jsonl line 6: last line is incomplete (no newline at end of file), skipped',
    );
    expect(text.stdout).toMatch(/\nvalid\n$/);
  });
});
