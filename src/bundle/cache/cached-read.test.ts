import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import type { TimeRange } from '../../core/index.js';
import { type BundleCacheOptions, openBundle } from '../reader.js';
import type { CachedSource, CacheOutcome } from './cached-read.js';
import { BUNDLE_CACHE_FOLDER } from './location.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/spec-bundle', import.meta.url));
const T0 = Date.parse('2026-03-02T12:00:00.000Z');
const MINUTE = 60_000;
const roots: string[] = [];

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** Time forms a bundle may use; all but the first two are judged only after decoding. */
function timeText(t: number, i: number): string {
  const forms = [
    () => JSON.stringify(new Date(t).toISOString()),
    () => String(t),
    () => JSON.stringify(new Date(t).toISOString().replace('.000Z', 'Z')),
    () => JSON.stringify(new Date(t + 3_600_000).toISOString().replace('Z', '+01:00')),
  ];
  return (forms[i % forms.length] as () => string)();
}

/** Three hours of telemetry, a line every ~20 s per source; `shuffle` breaks the time order. */
async function makeBundle(options: { shuffle?: boolean } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-cache-'));
  roots.push(root);
  const dir = join(root, 'bundle');
  await cp(FIXTURE, dir, { recursive: true });
  await rm(join(dir, 'logs.jsonl'));
  await rm(join(dir, 'traces.jsonl'));
  const times = Array.from({ length: 540 }, (_, i) => T0 + i * 20_000 + (i % 7) * 13);
  if (options.shuffle) times.reverse();
  const logs = times.map(
    (t, i) =>
      `{"ts":${timeText(t, i)},"service":"svc-${i % 3}","level":"${i % 5 === 0 ? 'ERROR' : 'info'}","message":"line ${i} héllo"${i % 4 === 0 ? `,"attrs":{"n":${i}}` : ''}}`,
  );
  const spans = times.map(
    (t, i) =>
      `{"traceId":"t${i}","spanId":"s${i}","parentSpanId":${i % 2 ? `"s${i - 1}"` : 'null'},"service":"svc-${i % 3}","name":"op","start":${timeText(t, i)},"durationMs":${i % 50},"status":"${i % 9 ? 'ok' : 'error'}"}`,
  );
  const metrics = times.map(
    (t, i) => `${new Date(t).toISOString()},svc-${i % 3},latency_ms,${i * 1.5},${i % 2 ? '/a' : ''}`,
  );
  await writeFile(join(dir, 'logs.jsonl.gz'), gzipSync(`${logs.join('\n')}\n`));
  await writeFile(join(dir, 'traces.jsonl'), `${spans.join('\n')}\n`);
  await writeFile(join(dir, 'metrics.csv'), `timestamp,service,metric,value,route\n${metrics.join('\n')}\n`);
  return dir;
}

const SOURCES: CachedSource[] = ['metrics', 'logs', 'traces'];
const timeOf = (source: CachedSource, r: { ts?: number; start?: number }) =>
  (source === 'traces' ? r.start : r.ts) as number;

/** Every source's records in `range`, read through a bundle opened with `cache` (or none). */
async function readRange(dir: string, range: TimeRange, cache?: BundleCacheOptions) {
  const bundle = await openBundle(dir, cache ? { cache } : {});
  const out: Record<string, unknown[]> = {};
  for (const source of SOURCES) {
    const all = await bundle.readAll(source, { range });
    // An uncached read may also yield records whose time it could not judge before decoding; a
    // cached read yields only the range's.
    out[source] = cache
      ? all
      : all.filter((r) => {
          const t = timeOf(source, r as { ts?: number; start?: number });
          return t >= range.start && t < range.end;
        });
  }
  return out;
}

function recorder() {
  const outcomes: string[] = [];
  const cache: BundleCacheOptions = {
    onRead: (source, outcome) => outcomes.push(`${source}:${outcome}`),
    minFileBytes: 0,
  };
  return { cache, outcomes, all: (o: CacheOutcome) => SOURCES.map((s) => `${s}:${o}`) };
}

const RANGES: { name: string; range: TimeRange }[] = [
  { name: 'mid-bucket edges', range: { start: T0 + 13 * MINUTE + 7, end: T0 + 95 * MINUTE + 3 } },
  { name: 'bucket-aligned', range: { start: T0 + 20 * MINUTE, end: T0 + 60 * MINUTE } },
  { name: 'the whole file and more', range: { start: T0 - 30 * MINUTE, end: T0 + 240 * MINUTE } },
  // Exactly one line per source: line 121's time.
  { name: 'one millisecond', range: { start: T0 + 40 * MINUTE + 13, end: T0 + 40 * MINUTE + 14 } },
];

describe('the bundle read cache', () => {
  test.each(RANGES)('cold then warm give the uncached records ($name)', async ({ range }) => {
    const dir = await makeBundle();
    const expected = await readRange(dir, range);
    expect(expected.logs?.length).toBeGreaterThan(0);
    const { cache, outcomes, all } = recorder();
    expect(await readRange(dir, range, cache)).toEqual(expected);
    expect(outcomes.splice(0)).toEqual(all('built'));
    expect(await readRange(dir, range, cache)).toEqual(expected);
    expect(outcomes).toEqual(all('hit'));
  });

  test('a narrower range is served from buckets a wider read wrote', async () => {
    const dir = await makeBundle();
    const { cache, outcomes, all } = recorder();
    await readRange(dir, RANGES[0]!.range, cache);
    outcomes.splice(0);
    const inner = { start: T0 + 31 * MINUTE, end: T0 + 44 * MINUTE };
    expect(await readRange(dir, inner, cache)).toEqual(await readRange(dir, inner));
    expect(outcomes).toEqual(all('hit'));
  });

  test('records come back in file order when the file is not time-ordered', async () => {
    const dir = await makeBundle({ shuffle: true });
    const { range } = RANGES[0]!;
    const { cache, outcomes, all } = recorder();
    const expected = await readRange(dir, range);
    await readRange(dir, range, cache);
    expect(await readRange(dir, range, cache)).toEqual(expected);
    expect(outcomes.slice(3)).toEqual(all('hit'));
  });

  test('a changed data file is read again, never answered from the old cache', async () => {
    const dir = await makeBundle();
    const { range } = RANGES[1]!;
    const { cache, outcomes } = recorder();
    await readRange(dir, range, cache);
    const path = join(dir, 'traces.jsonl');
    const before = await stat(path);
    const text = await readFile(path, 'utf8');
    // Same size, one record's status changed in the range.
    await writeFile(
      path,
      text.replace(
        '"spanId":"s100","parentSpanId":null,"service":"svc-1","name":"op"',
        '"spanId":"s100","parentSpanId":null,"service":"svc-2","name":"op"',
      ),
    );
    expect((await stat(path)).size).toBe(before.size);
    outcomes.splice(0);
    const after = await readRange(dir, range, cache);
    expect(after).toEqual(await readRange(dir, range));
    expect(
      after.traces?.some(
        (s) =>
          (s as { spanId: string; service: string }).spanId === 's100' &&
          (s as { service: string }).service === 'svc-2',
      ),
    ).toBe(true);
    expect(outcomes).toEqual(['metrics:hit', 'logs:hit', 'traces:built']);
    // The old version's buckets are gone.
    const names = await readdir(join(dir, BUNDLE_CACHE_FOLDER));
    expect(new Set(names.filter((n) => n.startsWith('traces-')).map((n) => n.split('-')[1])).size).toBe(1);
  });

  test.each([
    {
      name: 'a flipped byte in the body',
      damage: (b: Buffer) => {
        b[b.length - 40] = (b[b.length - 40] as number) ^ 1;
        return b;
      },
    },
    { name: 'a truncated file', damage: (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)) },
    { name: 'an empty file', damage: () => Buffer.alloc(0) },
    {
      name: 'a header of another version',
      damage: (b: Buffer) => Buffer.from(b.toString('utf8').replace('"version":1', '"version":0')),
    },
  ])('a damaged bucket ($name) is detected and rebuilt', async ({ damage }) => {
    const dir = await makeBundle();
    const { range } = RANGES[1]!;
    const { cache, outcomes } = recorder();
    const expected = await readRange(dir, range);
    await readRange(dir, range, cache);
    const folder = join(dir, BUNDLE_CACHE_FOLDER);
    const bucket = join(
      folder,
      (await readdir(folder)).filter((n) => n.startsWith('logs-')).sort()[1] as string,
    );
    await writeFile(bucket, damage(await readFile(bucket)));
    outcomes.splice(0);
    expect(await readRange(dir, range, cache)).toEqual(expected);
    expect(outcomes).toEqual(['metrics:hit', 'logs:built', 'traces:hit']);
    expect(await readRange(dir, range, cache)).toEqual(expected);
    expect(outcomes.slice(3)).toEqual(['metrics:hit', 'logs:hit', 'traces:hit']);
  });

  test('concurrent cold reads of one bundle all answer right and leave a whole cache', async () => {
    const dir = await makeBundle();
    const { range } = RANGES[0]!;
    const expected = await readRange(dir, range);
    const { cache, outcomes, all } = recorder();
    const results = await Promise.all(Array.from({ length: 4 }, () => readRange(dir, range, cache)));
    for (const result of results) expect(result).toEqual(expected);
    outcomes.splice(0);
    expect(await readRange(dir, range, cache)).toEqual(expected);
    expect(outcomes).toEqual(all('hit'));
    // No temporary file is left behind.
    expect((await readdir(join(dir, BUNDLE_CACHE_FOLDER))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('a malformed line in a bucket the range does not reach is reported as without a cache', async () => {
    const dir = await makeBundle();
    const path = join(dir, 'traces.jsonl');
    const lines = (await readFile(path, 'utf8')).split('\n');
    // Line 10 is at T0 + 3 min: in the range's first bucket, before the range starts.
    lines[9] = '{"traceId":"broken","start":"2026-03-02T12:03:00.000Z"}';
    await writeFile(path, lines.join('\n'));
    const range = { start: T0 + 5 * MINUTE, end: T0 + 30 * MINUTE };
    const { cache, outcomes } = recorder();
    expect(await readRange(dir, range, cache)).toEqual(await readRange(dir, range));
    expect(outcomes).toEqual(['metrics:built', 'logs:built', 'traces:bypassed']);
    // In the range, the read fails as an uncached one does.
    const inside = { start: T0, end: T0 + 30 * MINUTE };
    const uncached = await readRange(dir, inside).catch((e: Error) => e.message);
    const cached = await readRange(dir, inside, cache).catch((e: Error) => e.message);
    expect(cached).toEqual(uncached);
    expect(cached).toContain('traces.jsonl');
  });

  test('small files are read directly, and no cache folder is made for them', async () => {
    const dir = await makeBundle();
    const { cache, outcomes, all } = recorder();
    const { range } = RANGES[1]!;
    expect(await readRange(dir, range, { ...cache, minFileBytes: 1024 * 1024 })).toEqual(
      await readRange(dir, range),
    );
    expect(outcomes).toEqual(all('bypassed'));
    expect((await readdir(dir)).includes(BUNDLE_CACHE_FOLDER)).toBe(false);
  });

  test('a bundle folder that cannot hold the cache uses the user cache folder', async () => {
    const dir = await makeBundle();
    await writeFile(join(dir, BUNDLE_CACHE_FOLDER), 'not a folder');
    const userCacheDir = join(dir, '..', 'user-cache');
    const { cache, outcomes, all } = recorder();
    const { range } = RANGES[1]!;
    await readRange(dir, range, { ...cache, userCacheDir });
    await readRange(dir, range, { ...cache, userCacheDir });
    expect(outcomes.slice(3)).toEqual(all('hit'));
    const [folder] = await readdir(join(userCacheDir, 'bundles'));
    expect((await readdir(join(userCacheDir, 'bundles', folder as string))).length).toBeGreaterThan(0);
  });
});
