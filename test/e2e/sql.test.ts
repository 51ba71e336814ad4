import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  type MockInstance,
  test,
  vi,
} from 'vitest';
import { main } from '../../src/cli/main.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx's loader by its file URL: the CLI process runs in another folder, where `tsx` does not resolve. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let dir: string;
let stdout: MockInstance<typeof process.stdout.write>;
let stderr: MockInstance<typeof process.stderr.write>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nightshift-e2e-sql-'));
  await writeFile(
    join(dir, 'incident.yaml'),
    [
      'version: 1',
      'id: e2e-1',
      'title: Errors on payments',
      'alert: { name: HighErrorRatio, service: payments, severity: critical, startsAt: 2026-03-02T14:05:00Z }',
      'window: { start: 2026-03-02T13:00:00Z, end: 2026-03-02T15:00:00Z }',
      '',
    ].join('\n'),
  );
  const logs = [
    { ts: 1772460300250, service: 'payments', level: 'ERROR', message: `timeout ${'x'.repeat(400)}` },
    { ts: '2026-03-02T14:06:00Z', service: 'payments', level: 'info', message: 'ok' },
    { ts: '2026-03-02T14:07:00Z', service: 'checkout', level: 'info', message: 'ok' },
  ];
  await writeFile(join(dir, 'logs.jsonl.gz'), gzipSync(logs.map((r) => `${JSON.stringify(r)}\n`).join('')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const written = (spy: MockInstance<typeof process.stdout.write>): string =>
  spy.mock.calls.map(([chunk]) => String(chunk)).join('');

async function sql(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const code = await main(['node', 'nightshift', 'sql', ...args]);
  return { code, out: written(stdout), err: written(stderr) };
}

describe('nightshift sql', () => {
  test('prints a table and a summary line', async () => {
    const { code, out } = await sql(dir, 'select count(*) as n from logs');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(['┌───┐', '│ n │', '├───┤', '│ 3 │', '└───┘']);
    expect(lines.at(-1)).toMatch(/^1 row in \d+ ms$/);
  });

  test('keeps each row on one line, truncating long values with …', async () => {
    const { code, out } = await sql(dir, 'select level, message from logs order by ts', '--max-rows', '2');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    // top border, header, separator, 2 rows, bottom border, summary
    expect(lines).toHaveLength(7);
    expect(lines[3]).toMatch(/^│ error │ timeout x+… │$/);
    expect(lines[3]!.length).toBeLessThanOrEqual(160);
    expect(lines.at(-1)).toMatch(/^2 rows \(truncated at 2\) in \d+ ms$/);
  });

  test('--json prints columns, rows and truncated', async () => {
    const { code, out } = await sql(
      dir,
      "select service, ts from logs where level = 'info' order by ts",
      '--json',
      '--max-rows',
      '1',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      columns: [
        { name: 'service', type: 'VARCHAR' },
        { name: 'ts', type: 'TIMESTAMPTZ' },
      ],
      rows: [{ service: 'payments', ts: '2026-03-02T14:06:00.000Z' }],
      truncated: true,
    });
  });

  test('without a query, lists the tables with their columns and row counts', async () => {
    const { code, out } = await sql(dir);
    expect(code).toBe(0);
    expect(out).toContain('logs: log records (3 rows)\n  ts        TIMESTAMPTZ  record time\n');
    expect(out).toContain('spans: trace spans, one per row (0 rows)\n');
    expect(out).toContain(
      'incident: the alert under investigation and the window the telemetry covers (1 row)\n',
    );
  });

  test('a write statement exits 2 and says only SELECT is allowed', async () => {
    const { code, out, err } = await sql(dir, 'delete from logs');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toContain('only SELECT queries are allowed; this is a DELETE statement');
  });

  test('a failing query exits 1 with DuckDB message', async () => {
    const { code, err } = await sql(dir, 'select nosuch from logs');
    expect(code).toBe(1);
    expect(err).toContain('Referenced column "nosuch" not found');
  });

  test('a folder that is not a bundle exits 2', async () => {
    const { code, err } = await sql(join(dir, 'missing'), 'select 1');
    expect(code).toBe(2);
    expect(err).toContain('no such bundle folder');
  });

  test('a bad --max-rows exits 2', async () => {
    const { code } = await sql(dir, 'select 1', '--max-rows', '0');
    expect(code).toBe(2);
  });
});

/**
 * The CLI as a process of its own, from source, in a temporary folder (where `tsx` does not
 * resolve by name): the process must end by itself, which it cannot while DuckDB still works in it.
 */
const running = new Set<ChildProcess>();

function nightshiftProcess(...args: string[]): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  const code = `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(${JSON.stringify(['node', 'nightshift', ...args])});`;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', code], {
    cwd: tmpdir(),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  // A regression would leave it running for minutes and gigabytes; the test gives up well before.
  running.add(child);
  child.on('close', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('close', (exitCode) => resolve({ code: exitCode, stderr, ms: performance.now() - started }));
  });
}

describe('nightshift sql limits, as a process', () => {
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
  });

  /** What starting the CLI, tsx and the DuckDB process costs here, for bounds about the query alone. */
  let baselineMs: number;

  beforeAll(async () => {
    const baseline = await nightshiftProcess('sql', dir, 'select 1');
    expect(baseline.code).toBe(0);
    baselineMs = baseline.ms;
  });

  test('a query stuck in one DuckDB call is stopped at --timeout, and the command exits at once', async () => {
    // In-process, this query held the command for 23–46 s.
    const run = await nightshiftProcess(
      'sql',
      dir,
      "select length(repeat('x', 2000000000))",
      '--timeout',
      '1000',
    );
    expect({ code: run.code, stopped: run.stderr.includes('ran past the 1.0 s limit') }).toEqual({
      code: 1,
      stopped: true,
    });
    expect(run.ms).toBeLessThan(baselineMs + 1000 + 2000);
  });

  test('a query past --memory-limit fails with the memory error', async () => {
    const run = await nightshiftProcess(
      'sql',
      dir,
      'select sum(x) from (select unnest(range(300000000)) as x)',
      '--memory-limit',
      '200',
      '--timeout',
      '8000',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the query needed more than 200 MB; narrow it with WHERE or LIMIT');
  });
});
