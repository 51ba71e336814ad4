import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
  TINY_DAY,
  TINY_FAULTS_MS,
  TINY_FIRST_ROW_MS,
  writeTinyNezhaDay,
} from '../../../testing/importers/nezha-day.js';
import { openBundle, validateBundle } from '../../bundle/index.js';
import { NightshiftError, truthSchema } from '../../core/index.js';
import { importNezhaDay } from './import-day.js';

const MIN = 60_000;
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function tinyDay(options: { faultTypes?: [string, string] } = {}) {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-nezha-'));
  roots.push(root);
  await writeTinyNezhaDay(join(root, 'nezha'), options);
  return { data: join(root, 'nezha'), out: join(root, 'out') };
}

/** truth.yaml, read as scoring code would (investigation code never reads it). */
async function readTruthFile(dir: string) {
  return truthSchema.parse(parse(await readFile(join(dir, 'truth.yaml'), 'utf8')));
}

async function errorOf(run: () => Promise<unknown>): Promise<NightshiftError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof NightshiftError) return error;
    throw error;
  }
  throw new Error('expected a NightshiftError');
}

describe('importNezhaDay on a tiny day', () => {
  test('writes one valid bundle per fault and an index', async () => {
    const { data, out } = await tinyDay();
    const summary = await importNezhaDay({ root: data, day: TINY_DAY, outDir: out });

    const ids = ['nezha-ob-2022-08-22-033000', 'nezha-ob-2022-08-22-034510'];
    expect((await readdir(out)).sort()).toEqual(['index.yaml', ...ids]);
    expect(summary.bundles.map((b) => b.id)).toEqual(ids);
    expect(summary.faults).toBe(2);
    expect(summary.categories).toEqual({ resource_cpu: 1, network: 1 });
    expect(summary.services).toEqual(['cartservice', 'frontend']);
    for (const id of ids) {
      const result = await validateBundle(join(out, id));
      expect(result.problems).toEqual([]);
      expect(result.counts.metrics).toBeGreaterThan(0);
    }
    const index = parse(await readFile(join(out, 'index.yaml'), 'utf8'));
    expect(index.bundles.map((b: { id: string; category: string }) => [b.id, b.category])).toEqual([
      [ids[0], 'resource_cpu'],
      [ids[1], 'network'],
    ]);
  });

  test('truth: service from the pod, category from the type, time from inject_timestamp', async () => {
    const { data, out } = await tinyDay();
    const summary = await importNezhaDay({ root: data, day: TINY_DAY, outDir: out });
    const [first, second] = summary.bundles;
    expect(await readTruthFile(first!.dir)).toEqual({
      rootCause: {
        service: 'frontend',
        category: 'resource_cpu',
        startedAt: TINY_FAULTS_MS[0],
        summary: 'Nezha injected a cpu_contention fault into pod frontend-579b9bff58-t2dbm',
      },
      alsoAcceptable: [],
    });
    // inject_time says 03:46:10; inject_timestamp, which the data follows, says 03:45:10.
    const truth = await readTruthFile(second!.dir);
    expect(truth.rootCause).toMatchObject({ service: 'cartservice', category: 'network' });
    expect(truth.rootCause.startedAt).toBe(TINY_FAULTS_MS[1]);
    expect(summary.notes).toContainEqual(
      expect.stringContaining('inject_time 2022-08-22 03:46:10 is 60 s off'),
    );
  });

  test('incident: a neutral alert on frontend at the injection, window cut to the data', async () => {
    const { data, out } = await tinyDay();
    const summary = await importNezhaDay({ root: data, day: TINY_DAY, outDir: out });
    const first = await openBundle(summary.bundles[0]!.dir);
    expect(first.incident.alert).toEqual({
      name: 'FrontendLatencyHigh',
      service: 'frontend',
      severity: 'warning',
      startsAt: TINY_FAULTS_MS[0],
      labels: { source: 'nezha' },
      annotations: { summary: 'frontend: requests slower or failing more than usual' },
    });
    // 30 min before 03:30:00 is 03:00:00, before the first row (front_service.csv, 03:00:19.480).
    expect(first.incident.window).toEqual({
      start: TINY_FIRST_ROW_MS - 20,
      end: TINY_FAULTS_MS[0]! + 10 * MIN,
    });
    const second = await openBundle(summary.bundles[1]!.dir);
    expect(second.incident.window).toEqual({
      start: TINY_FAULTS_MS[1]! - 30 * MIN,
      end: TINY_FAULTS_MS[1]! + 10 * MIN,
    });
    expect(first.topology).toEqual({
      services: [
        { name: 'cartservice', kind: 'service', dependsOn: [] },
        { name: 'frontend', kind: 'service', dependsOn: ['cartservice'] },
      ],
    });
  });

  test('metrics: aligned on Time (even where TimeStamp is corrupted), NaN left out, service level labelled', async () => {
    const { data, out } = await tinyDay();
    const summary = await importNezhaDay({ root: data, day: TINY_DAY, outDir: out });
    const bundle = await openBundle(summary.bundles[0]!.dir);
    const metrics = await bundle.readAll('metrics');
    const { start, end } = bundle.incident.window;
    expect(metrics.every((s) => s.ts >= start && s.ts <= end)).toBe(true);

    const cartP99 = metrics.filter((s) => s.service === 'cartservice' && s.metric === 'latency_p99_ms');
    // Rows 0..39 are in the window (03:00:19.5 to 03:39:19.5 ≤ 03:40:00); rows 10 and 11 are NaN.
    expect(cartP99.map((s) => s.ts)).toEqual(
      Array.from({ length: 40 }, (_, k) => TINY_FIRST_ROW_MS + k * MIN).filter(
        (_, k) => k !== 10 && k !== 11,
      ),
    );
    expect(cartP99[0]!.value).toBe(4.9599999999999);

    const errorRatio = metrics.filter((s) => s.metric === 'error_ratio');
    expect(errorRatio.every((s) => s.service === 'frontend' && s.labels.level === 'service')).toBe(true);
    expect(errorRatio.length).toBe(40);
    const frontendCpu = metrics.filter((s) => s.service === 'frontend' && s.metric === 'cpu_utilization');
    expect(frontendCpu[0]).toEqual({
      ts: TINY_FIRST_ROW_MS + 30,
      service: 'frontend',
      metric: 'cpu_utilization',
      value: 0.25,
      labels: {},
    });
    expect(metrics.some((s) => s.metric === 'pod_success_ratio' || s.metric.includes('success'))).toBe(false);
  });

  test('an existing output folder is kept unless --force; --force replaces it', async () => {
    const { data, out } = await tinyDay();
    await importNezhaDay({ root: data, day: TINY_DAY, outDir: out });
    await writeFile(join(out, 'mine.txt'), 'keep me');
    const exists = await errorOf(() => importNezhaDay({ root: data, day: TINY_DAY, outDir: out }));
    expect(exists.code).toBe('ALREADY_EXISTS');
    expect(await readFile(join(out, 'mine.txt'), 'utf8')).toBe('keep me');

    await importNezhaDay({ root: data, day: TINY_DAY, outDir: out, force: true });
    expect((await readdir(out)).sort()).toEqual([
      'index.yaml',
      'nezha-ob-2022-08-22-033000',
      'nezha-ob-2022-08-22-034510',
    ]);
  });

  test('an unknown fault type fails naming the fault and the file, and writes nothing', async () => {
    const { data, out } = await tinyDay({ faultTypes: ['cpu_contention', 'disk_fill'] });
    const error = await errorOf(() => importNezhaDay({ root: data, day: TINY_DAY, outDir: out }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(
      `${TINY_DAY}-fault_list.json: hour "03", fault 2: unknown inject_type "disk_fill"`,
    );
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
    expect((await readdir(join(out, '..'))).filter((name) => name.startsWith('.out'))).toEqual([]);
  });

  test.each([
    {
      name: 'a missing root',
      root: '/nonexistent/nezha',
      day: TINY_DAY,
      code: 'NOT_FOUND',
      text: 'Nezha data folder',
    },
    {
      name: 'a day without data',
      root: undefined,
      day: '2022-08-23',
      code: 'NOT_FOUND',
      text: 'day 2022-08-23',
    },
    { name: 'a day that is not a date', root: undefined, day: '../x', code: 'BAD_INPUT', text: 'not a date' },
  ])('$name fails with $code', async ({ root, day, code, text }) => {
    const { data, out } = await tinyDay();
    const error = await errorOf(() => importNezhaDay({ root: root ?? data, day, outDir: out }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });

  test('an unknown entry service is refused', async () => {
    const { data, out } = await tinyDay();
    const error = await errorOf(() =>
      importNezhaDay({ root: data, day: TINY_DAY, outDir: out, entryService: 'ts-ui-dashboard' }),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      'entry service "ts-ui-dashboard" is not a service of this day: cartservice, frontend',
    );
  });
});
