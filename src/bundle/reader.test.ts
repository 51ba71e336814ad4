import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { ValidationError } from '../core/index.js';
import { openBundle } from './reader.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));
const roots: string[] = [];

async function copyFixture(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-reader-'));
  roots.push(root);
  const dir = join(root, 'bundle');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

const ms = (iso: string) => Date.parse(iso);

describe('openBundle on the spec fixture', () => {
  test('reads incident.yaml and topology.yaml into the internal form', async () => {
    const bundle = await openBundle(FIXTURE);
    expect(bundle.incident).toEqual({
      version: 1,
      id: 'shop-checkout-latency-0042',
      title: 'High p99 latency on api-gateway',
      alert: {
        name: 'HighLatencyP99',
        service: 'api-gateway',
        severity: 'critical',
        startsAt: ms('2026-03-02T14:05:00Z'),
        labels: { team: 'payments', env: 'production' },
        annotations: { summary: 'p99 latency above 2s for 5 minutes' },
      },
      window: { start: ms('2026-03-01T14:05:00Z'), end: ms('2026-03-02T14:35:00Z') },
    });
    expect(bundle.topology?.services.map((s) => `${s.name}:${s.kind}:${s.dependsOn.join('+')}`)).toEqual([
      'api-gateway:service:checkout+catalog+auth',
      'checkout:service:payments+db-proxy',
      'catalog:service:db-proxy',
      'auth:service:',
      'payments:service:db-proxy',
      'db-proxy:service:postgres',
      'postgres:database:',
    ]);
  });

  test('reads both timestamp forms, any level case, quoted CSV fields and empty label cells', async () => {
    const bundle = await openBundle(FIXTURE);
    const logs = await collect(bundle.logs());
    expect(logs.map((r) => [r.ts, r.level])).toEqual([
      [ms('2026-03-02T14:04:58Z'), 'warn'],
      [1772460306140, 'error'],
      [ms('2026-03-02T14:05:06.146Z'), 'error'],
      [ms('2026-03-02T14:05:07Z'), 'info'],
    ]);
    const metrics = await bundle.readAll('metrics');
    expect(metrics[2]).toEqual({
      ts: 1772460000000,
      service: 'db-proxy',
      metric: 'db_connections_in_use',
      value: 10,
      labels: {},
    });
    expect(metrics[5]).toEqual({
      ts: ms('2026-03-02T14:05:00Z'),
      service: 'api-gateway',
      metric: 'error_ratio',
      value: 0.12,
      labels: { route: '/checkout,v2' },
    });
  });

  test('a root span with a null parent has no parentSpanId; a child keeps its parent', async () => {
    const spans = await collect((await openBundle(FIXTURE)).spans());
    expect(spans.map((s) => [s.spanId, s.parentSpanId])).toEqual([
      ['a1', undefined],
      ['a2', 'a1'],
      ['a3', 'a2'],
    ]);
  });

  test('the small sources read whole', async () => {
    const bundle = await openBundle(FIXTURE);
    expect((await bundle.readAll('changes')).map((c) => c.id)).toEqual(['chg-0041', 'chg-0042']);
    expect((await collect(bundle.events())).map((e) => e.reason)).toEqual(['ScalingReplicaSet', 'OOMKilled']);
    expect((await collect(bundle.history())).map((h) => [h.id, h.services])).toEqual([
      ['INC-311', ['db-proxy', 'checkout']],
      ['INC-287', ['catalog']],
    ]);
  });

  test('a gzip-compressed copy reads the same records', async () => {
    const dir = await copyFixture();
    await writeFile(join(dir, 'logs.jsonl.gz'), gzipSync(await readFile(join(dir, 'logs.jsonl'))));
    await rm(join(dir, 'logs.jsonl'));
    const gz = await openBundle(dir);
    expect(gz.files.data.logs).toMatchObject({ name: 'logs.jsonl.gz', gzip: true });
    expect(await gz.readAll('logs')).toEqual(await (await openBundle(FIXTURE)).readAll('logs'));
  });

  test('has() and a missing source', async () => {
    const dir = await copyFixture();
    await rm(join(dir, 'events.jsonl'));
    const bundle = await openBundle(dir);
    expect(bundle.has('events')).toBe(false);
    expect(bundle.has('logs')).toBe(true);
    expect(await collect(bundle.events())).toEqual([]);
  });
});

describe('batches', () => {
  test.each([
    { size: 1, sizes: [1, 1, 1, 1] },
    { size: 3, sizes: [3, 1] },
    { size: 4, sizes: [4] },
    { size: 100, sizes: [4] },
  ])('logBatches($size) yields arrays of at most $size', async ({ size, sizes }) => {
    const bundle = await openBundle(FIXTURE);
    const batches = await collect(bundle.logBatches(size));
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(await bundle.readAll('logs'));
  });

  test('rejects a batch size that is not a positive integer', async () => {
    const bundle = await openBundle(FIXTURE);
    await expect(collect(bundle.logBatches(0))).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('readers on malformed input', () => {
  test('throw at the first malformed line with the spec message, after the records before it', async () => {
    const dir = await copyFixture();
    const good = '{"ts": "2026-03-02T14:00:00Z", "service": "payments", "level": "info", "message": "ok"}';
    const bad = '{"ts": "12/03/2026", "service": "payments", "level": "info", "message": "ok"}';
    const lines = [...Array.from({ length: 1833 }, () => good), bad, bad];
    await writeFile(join(dir, 'logs.jsonl'), `${lines.join('\n')}\n`);
    const bundle = await openBundle(dir);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const batch of bundle.logBatches(1000)) seen.push(batch.length);
    })();
    const error = await reading.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('BAD_BUNDLE');
    expect((error as ValidationError).message).toBe(
      'logs.jsonl line 1834: field "ts": expected RFC 3339 with a zone or epoch milliseconds, got "12/03/2026"',
    );
    expect(seen).toEqual([1000, 833]);
  });

  test('name every issue of the first bad line', async () => {
    const dir = await copyFixture();
    await writeFile(join(dir, 'traces.jsonl'), '{"traceId": "t", "spanId": "s", "durationMs": -1}\n');
    const bundle = await openBundle(dir);
    await expect(collect(bundle.spans())).rejects.toThrow(
      [
        'traces.jsonl line 1: field "service": missing (required)',
        'traces.jsonl line 1: field "name": missing (required)',
        'traces.jsonl line 1: field "start": missing (required)',
        'traces.jsonl line 1: field "durationMs": must be zero or more',
        'traces.jsonl line 1: field "status": missing (required)',
      ].join('\n'),
    );
  });

  test('openBundle lists every problem of incident.yaml and topology.yaml together', async () => {
    const dir = await copyFixture();
    await writeFile(join(dir, 'incident.yaml'), 'version: 1\nid: x\ntitle: t\n');
    await writeFile(join(dir, 'topology.yaml'), 'services: []\n');
    await expect(openBundle(dir)).rejects.toThrow(
      [
        'incident.yaml line 1: field "alert": missing (required)',
        'incident.yaml line 1: field "window": missing (required)',
        'topology.yaml line 1: field "services": list at least one service',
      ].join('\n'),
    );
  });

  test('openBundle throws BAD_BUNDLE for a bundle without incident.yaml', async () => {
    const dir = await copyFixture();
    await rm(join(dir, 'incident.yaml'));
    await expect(openBundle(dir)).rejects.toMatchObject({
      code: 'BAD_BUNDLE',
      message: 'incident.yaml: file is missing; every bundle needs one',
    });
  });
});
