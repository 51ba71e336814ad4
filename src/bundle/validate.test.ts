import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { formatProblem } from '../core/index.js';
import { validateBundle } from './validate.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));
const roots: string[] = [];

async function copyFixture(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-validate-'));
  roots.push(root);
  const dir = join(root, 'bundle');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function append(dir: string, file: string, ...lines: string[]): Promise<void> {
  const text = await readFile(join(dir, file), 'utf8');
  await writeFile(join(dir, file), `${text}${lines.join('\n')}\n`);
}

async function replace(dir: string, file: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(join(dir, file), text.replace(from, to));
}

const LOG = { ts: '2026-03-02T14:06:00Z', service: 'payments', level: 'error', message: 'boom' };
const logLine = (changes: Record<string, unknown>) => JSON.stringify({ ...LOG, ...changes });
const RFC = 'expected RFC 3339 with a zone or epoch milliseconds';

describe('validateBundle', () => {
  test('the hand-written spec fixture is valid, with every record counted', async () => {
    expect(await validateBundle(FIXTURE)).toEqual({
      counts: { metrics: 6, logs: 4, traces: 3, changes: 2, events: 2, history: 2 },
      problems: [],
      warnings: [],
      truncated: false,
    });
  });

  // The fixture's logs.jsonl has 5 lines (one empty), metrics.csv 7 and changes.jsonl 2, so an
  // appended line is line 6, 8 and 3.
  test.each<{ name: string; edit: (dir: string) => Promise<unknown>; expected: (string | RegExp)[] }>([
    {
      name: 'bad timestamp string',
      edit: (dir) => append(dir, 'logs.jsonl', logLine({ ts: '12/03/2026' })),
      expected: [`logs.jsonl line 6: field "ts": ${RFC}, got "12/03/2026"`],
    },
    {
      name: 'timestamp as a float',
      edit: (dir) => append(dir, 'logs.jsonl', logLine({ ts: 1772460300250.5 })),
      expected: [`logs.jsonl line 6: field "ts": ${RFC}, got 1772460300250.5`],
    },
    {
      name: 'missing required field',
      edit: (dir) => append(dir, 'logs.jsonl', logLine({ service: undefined })),
      expected: ['logs.jsonl line 6: field "service": missing (required)'],
    },
    {
      name: 'wrong type',
      edit: (dir) => append(dir, 'logs.jsonl', logLine({ message: 42 })),
      expected: ['logs.jsonl line 6: field "message": expected string, got 42'],
    },
    {
      name: 'unknown level',
      edit: (dir) => append(dir, 'logs.jsonl', logLine({ level: 'LOUD' })),
      expected: [
        'logs.jsonl line 6: field "level": expected one of trace, debug, info, warn, error, fatal (any case), got "LOUD"',
      ],
    },
    {
      name: 'unknown change kind',
      edit: (dir) =>
        append(
          dir,
          'changes.jsonl',
          '{"id": "chg-0043", "ts": "2026-03-02T14:10:00Z", "service": "db-proxy", "kind": "hotfix", "summary": "x"}',
        ),
      expected: [
        'changes.jsonl line 3: field "kind": expected one of deploy, config, feature_flag, scale, migration, infra, rollback, got "hotfix"',
      ],
    },
    {
      name: 'invalid JSON',
      edit: (dir) => append(dir, 'logs.jsonl', '{"ts": 1772460300250, "service": "payments"'),
      expected: [/^logs\.jsonl line 6: not valid JSON \(.+\)$/],
    },
    {
      name: 'truncated gzip',
      edit: async (dir) => {
        const gz = gzipSync(await readFile(join(dir, 'logs.jsonl')));
        await writeFile(join(dir, 'logs.jsonl.gz'), gz.subarray(0, gz.length - 12));
        await rm(join(dir, 'logs.jsonl'));
      },
      expected: [
        /^logs\.jsonl\.gz: gzip data is truncated or corrupt (after line \d+|before the first line) \(unexpected end of file\)$/,
      ],
    },
    {
      name: 'CSV wrong column count',
      edit: (dir) => append(dir, 'metrics.csv', '2026-03-02T14:10:00Z,checkout,latency_p99_ms,300'),
      expected: ['metrics.csv line 8: expected 5 columns (timestamp,service,metric,value,route), got 4'],
    },
    {
      name: 'CSV non-numeric value',
      edit: (dir) => append(dir, 'metrics.csv', '2026-03-02T14:10:00Z,checkout,latency_p99_ms,fast,/pay'),
      expected: ['metrics.csv line 8: field "value": expected number, got "fast"'],
    },
    {
      name: 'CSV bad timestamp',
      edit: (dir) => append(dir, 'metrics.csv', 'yesterday,checkout,latency_p99_ms,300,/pay'),
      expected: [`metrics.csv line 8: field "timestamp": ${RFC}, got "yesterday"`],
    },
    {
      name: 'CSV broken quotes',
      edit: (dir) => append(dir, 'metrics.csv', '2026-03-02T14:10:00Z,checkout,latency_p99_ms,300,"/pay'),
      expected: ['metrics.csv line 8: column 5: quoted field has no closing quote'],
    },
    {
      name: 'CSV missing header column',
      edit: (dir) =>
        replace(dir, 'metrics.csv', 'timestamp,service,metric,value,route', 'timestamp,service,value,route'),
      expected: [
        'metrics.csv line 1: header must begin with timestamp,service,metric,value; column "metric" is missing',
      ],
    },
    {
      name: 'incident.yaml missing alert.startsAt',
      edit: (dir) => replace(dir, 'incident.yaml', '  startsAt: 2026-03-02T14:05:00Z\n', ''),
      expected: ['incident.yaml line 4: field "alert.startsAt": missing (required)'],
    },
    {
      name: 'incident.yaml bad alert.startsAt',
      edit: (dir) =>
        replace(dir, 'incident.yaml', 'startsAt: 2026-03-02T14:05:00Z', 'startsAt: 2026-03-02 14:05'),
      expected: [`incident.yaml line 8: field "alert.startsAt": ${RFC}, got "2026-03-02 14:05"`],
    },
    {
      name: 'wrong version',
      edit: (dir) => replace(dir, 'incident.yaml', 'version: 1', 'version: 2'),
      expected: ['incident.yaml line 1: field "version": only bundle version 1 is supported, got 2'],
    },
    {
      name: 'window end before start',
      edit: (dir) => replace(dir, 'incident.yaml', 'end: 2026-03-02T14:35:00Z', 'end: 2026-03-01T14:00:00Z'),
      expected: ['incident.yaml line 14: field "window.end": window end must be after its start'],
    },
    {
      name: 'incident.yaml not valid YAML',
      edit: (dir) => replace(dir, 'incident.yaml', 'title: High p99', 'title: [High p99'),
      expected: [/^incident\.yaml line \d+: not valid YAML \(.+\)$/],
    },
    {
      name: 'topology dependsOn unknown service',
      edit: (dir) =>
        replace(dir, 'topology.yaml', '[checkout, catalog, auth]', '[checkout, catalog, auth, billing]'),
      expected: [
        'topology.yaml line 3: field "services.0.dependsOn.3": "billing" is not a service listed in this topology',
      ],
    },
    {
      name: 'truth names a change that is not in changes.jsonl',
      edit: (dir) => replace(dir, 'truth.yaml', 'change: chg-0042', 'change: chg-9999'),
      expected: ['truth.yaml line 4: field "rootCause.change": "chg-9999" is not an id in changes.jsonl'],
    },
    {
      name: 'duplicate metrics.csv and metrics.jsonl',
      edit: (dir) =>
        writeFile(
          join(dir, 'metrics.jsonl'),
          '{"ts": "2026-03-02T14:00:00Z", "service": "checkout", "metric": "latency_p99_ms", "value": 212.5}\n',
        ),
      expected: ['<dir>: both metrics.csv and metrics.jsonl hold metrics; keep one'],
    },
    {
      name: 'missing incident.yaml',
      edit: (dir) => rm(join(dir, 'incident.yaml')),
      expected: ['incident.yaml: file is missing; every bundle needs one'],
    },
    {
      name: 'no telemetry file',
      edit: (dir) =>
        Promise.all(['metrics.csv', 'logs.jsonl', 'traces.jsonl'].map((file) => rm(join(dir, file)))),
      expected: [
        '<dir>: a bundle needs at least one of metrics, logs or traces (metrics.csv, metrics.jsonl, logs.jsonl or traces.jsonl, optionally .gz)',
      ],
    },
  ])('reports $name', async ({ edit, expected }) => {
    const dir = await copyFixture();
    await edit(dir);
    const result = await validateBundle(dir);
    const want = expected.map((e) =>
      typeof e === 'string' ? e.replace('<dir>', dir) : expect.stringMatching(e),
    );
    expect(result.problems.map(formatProblem)).toEqual(want);
    expect(result.truncated).toBe(false);
  });

  test('lists the problems of several files together, in file order', async () => {
    const dir = await copyFixture();
    await replace(dir, 'incident.yaml', 'version: 1', 'version: 2');
    await append(dir, 'logs.jsonl', logLine({ ts: 'noon' }), logLine({}), logLine({ level: 'LOUD' }));
    await append(dir, 'changes.jsonl', '{"id": "chg-0043"}');
    const result = await validateBundle(dir);
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.field}`)).toEqual([
      'incident.yaml:1:version',
      'logs.jsonl:6:ts',
      'logs.jsonl:8:level',
      'changes.jsonl:3:ts',
      'changes.jsonl:3:service',
      'changes.jsonl:3:kind',
      'changes.jsonl:3:summary',
    ]);
    expect(result.counts).toMatchObject({ logs: 5, changes: 2 });
  });

  test.each([
    { maxProblems: undefined, listed: 20 },
    { maxProblems: 3, listed: 3 },
  ])('stops at maxProblems=$maxProblems and says it did', async ({ maxProblems, listed }) => {
    const dir = await copyFixture();
    await append(dir, 'logs.jsonl', ...Array.from({ length: 25 }, (_, i) => logLine({ ts: `bad-${i}` })));
    const result = await validateBundle(dir, { maxProblems });
    expect(result.problems).toHaveLength(listed);
    expect(result.problems.at(-1)).toMatchObject({ file: 'logs.jsonl', line: 5 + listed });
    expect(result.truncated).toBe(true);
  });

  test('exactly maxProblems problems is not truncated', async () => {
    const dir = await copyFixture();
    await append(dir, 'logs.jsonl', logLine({ ts: 'a' }), logLine({ ts: 'b' }));
    const result = await validateBundle(dir, { maxProblems: 2 });
    expect(result.problems).toHaveLength(2);
    expect(result.truncated).toBe(false);
  });

  test('a missing folder is NOT_FOUND, not a problem list', async () => {
    await expect(validateBundle(join(tmpdir(), 'nightshift-no-such-bundle'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
