import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import { type BundleDb, loadBundle } from './load.js';
import { query } from './query.js';

let dir: string;
let db: BundleDb;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nightshift-query-'));
  await writeFile(
    join(dir, 'incident.yaml'),
    [
      'version: 1',
      'id: q-1',
      'title: Errors on payments',
      'alert: { name: HighErrorRatio, service: payments, severity: warning, startsAt: 2026-03-02T14:05:00Z }',
      'window: { start: 2026-03-02T13:00:00Z, end: 2026-03-02T15:00:00Z }',
      '',
    ].join('\n'),
  );
  const logs = [
    { ts: 1772460300250, service: 'payments', level: 'error', message: 'timeout' },
    { ts: '2026-03-02T14:06:00Z', service: 'payments', level: 'info', message: 'ok' },
    { ts: '2026-03-02T14:07:00Z', service: 'checkout', level: 'info', message: 'ok' },
  ];
  await writeFile(join(dir, 'logs.jsonl'), logs.map((r) => `${JSON.stringify(r)}\n`).join(''));
  db = await loadBundle(dir);
});

afterAll(async () => {
  db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function failure(sql: string, options?: Parameters<typeof query>[2]): Promise<NightshiftError> {
  const error = await query(db, sql, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NightshiftError);
  return error as NightshiftError;
}

describe('query', () => {
  test('returns typed columns, JSON-safe rows and the time it took', async () => {
    const result = await query(
      db,
      "select service, count(*) as n, max(ts) as last from logs where level = 'info' group by service order by service",
    );
    expect({ ...result, elapsedMs: 0 }).toEqual({
      columns: [
        { name: 'service', type: 'VARCHAR' },
        { name: 'n', type: 'BIGINT' },
        { name: 'last', type: 'TIMESTAMPTZ' },
      ],
      rows: [
        { service: 'checkout', n: 1, last: '2026-03-02T14:07:00.000Z' },
        { service: 'payments', n: 1, last: '2026-03-02T14:06:00.000Z' },
      ],
      truncated: false,
      elapsedMs: 0,
    });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  test.each([
    { name: 'a BIGINT that fits', sql: 'select 9007199254740991::BIGINT as v', expected: 9007199254740991 },
    {
      name: 'a BIGINT that does not fit',
      sql: 'select 9007199254740993::BIGINT as v',
      expected: '9007199254740993',
    },
    { name: 'a HUGEINT sum', sql: 'select sum(x)::HUGEINT as v from range(4) t(x)', expected: 6 },
    { name: 'a DECIMAL', sql: 'select 1.25::DECIMAL(10, 2) as v', expected: 1.25 },
    {
      name: 'an interval',
      sql: "select timestamptz '2026-03-02 14:05:00Z' - timestamptz '2026-03-02 14:00:00Z' as v",
      expected: '00:05:00',
    },
    {
      name: 'a TIMESTAMP without zone, as UTC',
      sql: "select timestamp '2026-03-02 14:05:00.5' as v",
      expected: '2026-03-02T14:05:00.500Z',
    },
    { name: 'a DATE', sql: "select date '2026-03-02' as v", expected: '2026-03-02' },
    { name: 'a list', sql: "select ['a', 'b'] as v", expected: ['a', 'b'] },
    { name: 'a struct', sql: "select {'a': 1, 'b': 'x'} as v", expected: { a: 1, b: 'x' } },
    { name: 'a JSON value', sql: `select '{"a": [1, 2]}'::JSON as v`, expected: { a: [1, 2] } },
    { name: 'a map', sql: "select map {'k': 'v'} as v", expected: { k: 'v' } },
    { name: 'NULL', sql: 'select NULL as v', expected: null },
  ])('converts $name', async ({ sql, expected }) => {
    expect((await query(db, sql)).rows).toEqual([{ v: expected }]);
  });

  test('caps rows at maxRows and says so', async () => {
    const capped = await query(db, 'select range as i from range(5000)', { maxRows: 3 });
    expect({ rows: capped.rows, truncated: capped.truncated }).toEqual({
      rows: [{ i: 0 }, { i: 1 }, { i: 2 }],
      truncated: true,
    });
    const exact = await query(db, 'select range as i from range(3)', { maxRows: 3 });
    expect(exact.truncated).toBe(false);
    const defaultCap = await query(db, 'select range as i from range(1000000)');
    expect({ count: defaultCap.rows.length, truncated: defaultCap.truncated }).toEqual({
      count: 1000,
      truncated: true,
    });
  });

  test('duplicate column names stay distinct keys', async () => {
    const result = await query(db, 'select 1 as n, 2 as n');
    expect(result.columns.map((c) => c.name)).toEqual(['n', 'n:1']);
    expect(result.rows).toEqual([{ n: 1, 'n:1': 2 }]);
  });

  test('allows EXPLAIN of a SELECT', async () => {
    const result = await query(db, 'explain select * from logs');
    expect(result.rows.length).toBeGreaterThan(0);
  });
});

describe('query is read-only', () => {
  test.each([
    { sql: 'insert into logs select * from logs', kind: 'an INSERT statement' },
    { sql: 'create table x as select 1', kind: 'a CREATE statement' },
    { sql: 'delete from logs', kind: 'a DELETE statement' },
    { sql: "update logs set level = 'fatal'", kind: 'an UPDATE statement' },
    { sql: 'drop table logs', kind: 'a DROP statement' },
    { sql: "attach ':memory:' as other", kind: 'an ATTACH statement' },
    { sql: 'set threads = 1', kind: 'a SET statement' },
    { sql: 'explain analyze delete from logs', kind: 'an EXPLAIN of a statement that is not a SELECT' },
  ])('rejects $kind: $sql', async ({ sql, kind }) => {
    const error = await failure(sql);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'READ_ONLY',
      message: `only SELECT queries are allowed; this is ${kind}`,
    });
    expect((await query(db, 'select count(*) as n from logs')).rows).toEqual([{ n: 3 }]);
  });

  test('COPY to a file is refused and writes nothing', async () => {
    const target = join(dir, 'out.csv');
    const error = await failure(`copy logs to '${target}'`);
    expect(error.code).toBe('READ_ONLY');
    expect(error.message).toMatch(
      /^only SELECT queries over the bundle's tables are allowed: Permission Error/,
    );
    expect(existsSync(target)).toBe(false);
  });

  test.each([
    { name: 'read_csv', sql: () => "select * from read_csv('/etc/passwd')" },
    { name: 'read_text', sql: () => "select * from read_text('/etc/hostname')" },
    { name: 'glob', sql: () => "select * from glob('/etc/*')" },
    { name: 'sniff_csv, refused while running', sql: () => "select * from sniff_csv('/etc/passwd')" },
    { name: "the bundle's own file by path", sql: () => `select * from '${join(dir, 'logs.jsonl')}'` },
  ])('refuses file access: $name', async ({ sql }) => {
    const error = await failure(sql());
    expect({ code: error.code, permission: error.message.includes('Permission Error') }).toEqual({
      code: 'READ_ONLY',
      permission: true,
    });
  });

  test('file access is off and settings are locked for every connection', async () => {
    const settings = await query(
      db,
      "select current_setting('enable_external_access') as external, current_setting('lock_configuration') as locked",
    );
    expect(settings.rows).toEqual([{ external: false, locked: true }]);
  });

  test('rejects several statements, and runs none of them', async () => {
    const error = await failure('select 1; drop table logs');
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'BAD_INPUT',
      message: 'give exactly one SQL statement; got 2',
    });
    expect((await query(db, 'select count(*) as n from logs')).rows).toEqual([{ n: 3 }]);
  });
});

describe('query limits and errors', () => {
  test('interrupts a slow query at its timeout', async () => {
    const started = performance.now();
    const error = await failure(
      'select count(*) from range(100000000) a, range(100000) b where a.range + b.range = 7',
      { timeoutMs: 200 },
    );
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect(error.message).toMatch(/^query stopped after \d+ ms: it ran past the 200 ms limit$/);
    expect(error.hint).toMatch(/time range.*LIMIT/);
    expect(performance.now() - started).toBeLessThan(5000);
    // The database is still usable.
    expect((await query(db, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  test('answers at the deadline even while DuckDB is in one long call that ignores interrupts', async () => {
    // A constant expression is folded while the statement is prepared, where DuckDB never checks for
    // an interrupt: this one takes ~3 s of CPU and no memory, whatever the limit.
    const started = performance.now();
    const error = await failure("select levenshtein(repeat('a', 25000), repeat('b', 25000)) as d", {
      timeoutMs: 500,
    });
    const elapsedMs = performance.now() - started;
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect(error.message).toMatch(/ran past the 500 ms limit$/);
    expect(elapsedMs).toBeLessThan(1500);
    // The abandoned query unwinds on its own connection; the database answers meanwhile.
    expect((await query(db, 'select count(*) as n from logs')).rows).toEqual([{ n: 3 }]);
  });

  test('a SQL error carries DuckDB message with its line, and a hint listing the tables', async () => {
    const error = await failure('select nosuch\nfrom logs');
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toMatch(/^Binder Error: Referenced column "nosuch" not found/);
    expect(error.message).toContain('LINE 1: select nosuch');
    expect(error.hint).toContain('logs(ts, service, level, message, trace_id, attrs)');
  });

  test('a syntax error keeps DuckDB message without the binding wrapper', async () => {
    const error = await failure('select * fro logs');
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toMatch(/^Parser Error: syntax error at or near "logs"/);
  });

  test.each([
    { options: { maxRows: 0 }, message: 'maxRows must be a positive integer; got 0' },
    { options: { timeoutMs: 1.5 }, message: 'timeoutMs must be a positive integer; got 1.5' },
  ])('rejects bad options: $message', async ({ options, message }) => {
    const error = await failure('select 1', options);
    expect({ code: error.code, message: error.message }).toEqual({ code: 'BAD_INPUT', message });
  });
});

describe('query memory and threads', () => {
  let limited: BundleDb;

  beforeAll(async () => {
    limited = await loadBundle(dir, { queryLimits: { memoryLimitBytes: 64_000_000, threads: 1 } });
  });

  afterAll(() => limited?.close());

  test('the limits are set for every connection', async () => {
    const settings = await query(
      limited,
      "select current_setting('threads') as threads, current_setting('temp_directory') as temp, current_setting('max_temp_directory_size') as temp_max",
    );
    expect(settings.rows).toEqual([{ threads: 1, temp: '', temp_max: '0 bytes' }]);
  });

  test('a query that needs more memory than the limit fails, and the process does not grow', async () => {
    const rssBefore = process.memoryUsage().rss;
    const error = await query(limited, 'select count(distinct range::varchar) as n from range(100000000)', {
      timeoutMs: 4000,
    }).catch((e: unknown) => e);
    const grownBytes = process.memoryUsage().rss - rssBefore;
    expect(error).toBeInstanceOf(NightshiftError);
    expect({ code: (error as NightshiftError).code, message: (error as NightshiftError).message }).toEqual({
      code: 'QUERY_FAILED',
      message: 'the query needed more than 64 MB; narrow it with WHERE or LIMIT',
    });
    expect((error as NightshiftError).hint).toMatch(/--memory-limit/);
    expect(grownBytes).toBeLessThan(300_000_000);
    expect((await query(limited, 'select count(*) as n from logs')).rows).toEqual([{ n: 3 }]);
  });

  test.each([
    {
      limits: { memoryLimitBytes: 0 },
      message: 'query limit memoryLimitBytes must be a positive integer; got 0',
    },
    { limits: { threads: 1.5 }, message: 'query limit threads must be a positive integer; got 1.5' },
  ])('rejects bad limits: $message', async ({ limits, message }) => {
    const error = await loadBundle(dir, { queryLimits: limits }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NightshiftError);
    expect({ code: (error as NightshiftError).code, message: (error as NightshiftError).message }).toEqual({
      code: 'BAD_INPUT',
      message,
    });
  });
});
