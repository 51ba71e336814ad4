import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import { describeTables } from './describe.js';
import { type IsolatedBundleDb, loadIsolatedBundle } from './isolated-db.js';
import { type BundleDb, loadBundle } from './load.js';
import { query } from './query.js';

const BUNDLE = fileURLToPath(new URL('../../../test/fixtures/spec-bundle', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Two queries that do all their work in one call while they are prepared, ignoring interrupts. */
const RUNAWAYS = [
  { name: 'a 2 GB repeat()', sql: "select length(repeat('x', 2000000000)) as n" },
  { name: 'a 300M-element range list', sql: 'select sum(x) from (select unnest(range(300000000)) as x)' },
];

/**
 * A killed process whose parent is gone stays a zombie until init reaps it, and signal 0 still
 * reaches a zombie; on Linux its state in /proc tells the two apart.
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/s.test(stat);
}

/** Whether process `pid` is gone within `withinMs` (it is reaped asynchronously after a kill). */
async function goneWithin(pid: number, withinMs: number): Promise<boolean> {
  const until = performance.now() + withinMs;
  while (isRunning(pid)) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function failure(run: Promise<unknown>): Promise<NightshiftError> {
  const error = await run.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NightshiftError);
  return error as NightshiftError;
}

let isolated: IsolatedBundleDb;
let inProcess: BundleDb;

beforeAll(async () => {
  [isolated, inProcess] = await Promise.all([loadIsolatedBundle(BUNDLE), loadBundle(BUNDLE)]);
});

afterAll(async () => {
  await isolated?.close();
  inProcess?.close();
});

describe('an isolated bundle answers as the in-process one', () => {
  test.each([
    'select service, count(*) as n, max(ts) as last from logs group by service order by service',
    'select * from metrics order by ts, service, metric',
    'select * from spans order by start',
    'select * from changes, events order by 1, 2',
    'select * from incident',
    "select 'nan'::double as nan, 'inf'::double as inf, -0.0::double as minus_zero, 9007199254740993::BIGINT as big, [1, 2] as list",
    'select range as i from range(5000)',
  ])('%s', async (sql) => {
    const [mine, theirs] = await Promise.all([
      isolated.query(sql, { maxRows: 100 }),
      query(inProcess, sql, { maxRows: 100 }),
    ]);
    expect({ ...mine, elapsedMs: 0 }).toEqual({ ...theirs, elapsedMs: 0 });
    expect(mine.rows.length).toBeGreaterThan(0);
  });

  test.each([
    'delete from logs',
    'select 1; select 2',
    'select nosuch from logs',
    "select * from read_csv('/etc/passwd')",
  ])('fails as in-process: %s', async (sql) => {
    const mine = await failure(isolated.query(sql));
    const theirs = await failure(query(inProcess, sql));
    expect({ code: mine.code, message: mine.message, hint: mine.hint }).toEqual({
      code: theirs.code,
      message: theirs.message,
      hint: theirs.hint,
    });
  });

  test('describes the tables as describeTables does', async () => {
    expect(await isolated.describe()).toEqual(await describeTables(inProcess));
  });

  test('rejects bad options before starting anything', async () => {
    const error = await failure(isolated.query('select 1', { timeoutMs: 0 }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'BAD_INPUT',
      message: 'timeoutMs must be a positive integer; got 0',
    });
  });

  test('queries sent together run one after the other, each with its answer', async () => {
    const answers = await Promise.all([1, 2, 3].map((n) => isolated.query(`select ${n} as n`)));
    expect(answers.map((a) => a.rows)).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
  });

  test('a result too large to hand over is refused with what to do', async () => {
    const error = await failure(isolated.query("select repeat('x', 1000000) as v from range(40)"));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'QUERY_FAILED',
      message: 'the result is 40 MB, more than the 32 MB a query may return; select fewer rows or columns',
    });
  });
});

describe('time limit', () => {
  test.each(RUNAWAYS)(
    '$name ends at its deadline, its process is killed, and the next query works',
    async ({ sql }) => {
      const pid = isolated.pid!;
      const started = performance.now();
      const error = await failure(isolated.query(sql, { timeoutMs: 1000 }));
      expect(performance.now() - started).toBeLessThan(2000);
      expect({ code: error.code, message: error.message }).toMatchObject({
        code: 'QUERY_TIMEOUT',
        message: expect.stringMatching(/ran past the 1\.0 s limit$/),
      });
      expect(await goneWithin(pid, 1000)).toBe(true);
      expect((await isolated.query('select count(*) as n from logs')).rows).toEqual([{ n: 4 }]);
      expect(isolated.pid).not.toBe(pid);
    },
  );

  test('a query that sees the interrupt stops within the grace, and keeps its process', async () => {
    const pid = isolated.pid!;
    const error = await failure(
      isolated.query('select count(*) from range(100000000) a, range(100000) b where a.range + b.range = 7', {
        timeoutMs: 300,
      }),
    );
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect((await isolated.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect(isolated.pid).toBe(pid);
  });
});

describe('memory limit', () => {
  test('a query past the budget fails with the memory error in seconds, outside this process', async () => {
    const db = await loadIsolatedBundle(BUNDLE, { queryLimits: { memoryLimitBytes: 200_000_000 } });
    try {
      const pid = db.pid!;
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const error = await failure(db.query(RUNAWAYS[1]!.sql, { timeoutMs: 9000 }));
      expect(performance.now() - started).toBeLessThan(4000);
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'QUERY_FAILED',
        message: 'the query needed more than 200 MB; narrow it with WHERE or LIMIT',
      });
      expect(error.hint).toMatch(/--memory-limit/);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100_000_000);
      expect(await goneWithin(pid, 1000)).toBe(true);
      expect((await db.query('select count(*) as n from logs')).rows).toEqual([{ n: 4 }]);
    } finally {
      await db.close();
    }
  });
});

describe('lifetime', () => {
  test('close() kills the process, and later queries say the database is closed', async () => {
    const db = await loadIsolatedBundle(BUNDLE);
    const pid = db.pid!;
    expect(isRunning(pid)).toBe(true);
    await db.close();
    expect(await goneWithin(pid, 500)).toBe(true);
    const error = await failure(db.query('select 1'));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'QUERY_FAILED',
      message: 'the bundle database is closed',
    });
  });

  test('the process ends when its parent dies, even in a call that ignores interrupts', async () => {
    const code = [
      `const { loadIsolatedBundle } = await import(${JSON.stringify(new URL('./isolated-db.ts', import.meta.url).href)});`,
      `const db = await loadIsolatedBundle(${JSON.stringify(BUNDLE)});`,
      // ~18 s of CPU in one call during constant folding, and no memory to speak of.
      `void db.query("select levenshtein(repeat('a', 60000), repeat('b', 60000)) as d", { timeoutMs: 60000 });`,
      "process.stdout.write(String(db.pid) + '\\n');",
    ].join('\n');
    const parent = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
    const pid = Number(chunk.toString().trim());
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(isRunning(pid)).toBe(true);
      parent.kill('SIGKILL');
      expect(await goneWithin(pid, 1000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  test('a bundle that cannot be loaded fails the load with the loader error', async () => {
    const error = await failure(loadIsolatedBundle(`${BUNDLE}-missing`));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('no such bundle folder');
  });
});

describe('the query() hooks the child relies on', () => {
  test('an aborted signal stops a query as its deadline would', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const running = query(
      inProcess,
      'select count(*) from range(100000000) a, range(100000) b where a.range + b.range = 7',
      { timeoutMs: 60_000, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 200);
    const error = await failure(running);
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  test('onReleased comes once DuckDB lets go: before the answer normally, after it for a stuck call', async () => {
    const events: string[] = [];
    await query(inProcess, 'select 1', { onReleased: () => events.push('released') });
    events.push('answered');
    let released = (): void => {};
    const whenReleased = new Promise<void>((resolve) => {
      released = resolve;
    });
    // ~1 s of CPU folded while the statement is prepared, where interrupts are not seen.
    const stuck = "select levenshtein(repeat('a', 15000), repeat('b', 15000)) as d";
    const onReleased = (): void => {
      events.push('stuck released');
      released();
    };
    expect((await failure(query(inProcess, stuck, { timeoutMs: 100, onReleased }))).code).toBe(
      'QUERY_TIMEOUT',
    );
    events.push('stuck answered');
    await whenReleased;
    expect(events).toEqual(['released', 'answered', 'stuck answered', 'stuck released']);
  });
});
