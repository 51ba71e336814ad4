import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeTables } from './describe.js';
import { type BundleDb, loadBundle } from './load.js';
import { query } from './query.js';
import { TABLES } from './schema.js';

const INCIDENT_YAML = `version: 1
id: shop-checkout-latency-0042
title: High p99 latency on api-gateway
alert:
  name: HighLatencyP99
  service: api-gateway
  severity: critical
  startsAt: 2026-03-02T14:05:00Z
window:
  start: 2026-03-01T14:05:00Z
  end: 2026-03-02T14:35:00.500+01:00
`;

const jsonLines = (records: object[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Writes a bundle with every source, both timestamp forms mixed in each file, and gzip logs. */
async function writeFullBundle(dir: string): Promise<void> {
  await writeFile(join(dir, 'incident.yaml'), INCIDENT_YAML);
  await writeFile(
    join(dir, 'metrics.csv'),
    [
      'timestamp,service,metric,value,route',
      '1772460000000,checkout,latency_p99_ms,212.5,/pay',
      '2026-03-02T14:01:00Z,checkout,latency_p99_ms,250,',
      '2026-03-02T15:02:00.500+01:00,db-proxy,db_connections_in_use,10,"/a,b"',
      '',
    ].join('\n'),
  );
  const logs = jsonLines([
    {
      ts: 1772460300250,
      service: 'payments',
      level: 'error',
      message: 'upstream timeout after 5000 ms calling db-proxy',
      traceId: '9f1c',
      attrs: { pod: 'payments-7d9f', retries: 3 },
    },
    {
      ts: '2026-03-02T14:05:00.250+01:00',
      service: 'checkout',
      level: 'WARN',
      message: 'slow "query"\nline 2',
    },
    {
      ts: '2026-03-02T14:06:00Z',
      service: 'db-proxy',
      level: 'Info',
      message: 'pool size 10',
      traceId: null,
    },
  ]);
  await writeFile(join(dir, 'logs.jsonl.gz'), gzipSync(logs));
  await writeFile(
    join(dir, 'traces.jsonl'),
    jsonLines([
      {
        traceId: '9f1c',
        spanId: 'a1',
        parentSpanId: null,
        service: 'api-gateway',
        name: 'POST /checkout',
        start: '2026-03-02T14:05:01.120Z',
        durationMs: 5012.4,
        status: 'error',
        attrs: { 'http.status_code': 504 },
      },
      {
        traceId: '9f1c',
        spanId: 'b2',
        service: 'payments',
        name: 'charge',
        start: 1772460301200,
        durationMs: 0,
        status: 'ok',
      },
    ]),
  );
  await writeFile(
    join(dir, 'changes.jsonl'),
    jsonLines([
      {
        id: 'chg-0042',
        ts: '2026-03-02T13:57:10Z',
        service: 'db-proxy',
        kind: 'deploy',
        summary: 'release 2.14.3',
        version: '2.14.3',
        author: 'ci-bot',
        diff: '-POOL_MAX=100\n+POOL_MAX=10',
        url: 'https://git.example/c/42',
      },
      { id: 'chg-0043', ts: 1772459000000, service: 'checkout', kind: 'feature_flag', summary: 'new cart' },
    ]),
  );
  await writeFile(
    join(dir, 'events.jsonl'),
    jsonLines([
      {
        ts: 1772460120000,
        service: 'payments',
        object: 'pod/payments-7d9f',
        type: 'Warning',
        reason: 'OOMKilled',
        message: 'container payments exceeded memory limit',
      },
    ]),
  );
  await writeFile(
    join(dir, 'history.jsonl'),
    jsonLines([
      {
        id: 'INC-311',
        title: 'Checkout errors after pool change',
        startedAt: '2025-11-12T09:10:00Z',
        resolvedAt: 1762938120000,
        services: ['db-proxy', 'checkout'],
        category: 'connection_pool_exhaustion',
        rootCause: 'pool size set too low in config',
        resolution: 'rolled back config',
      },
      {
        id: 'INC-7',
        title: 'Cache down',
        startedAt: 1700000000000,
        category: 'cache_failure',
        rootCause: 'node lost',
      },
    ]),
  );
}

async function rows(db: BundleDb, sql: string): Promise<Record<string, unknown>[]> {
  return (await query(db, sql)).rows;
}

describe('loadBundle with every source', () => {
  let dir: string;
  let db: BundleDb;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nightshift-duckdb-'));
    await writeFullBundle(dir);
    db = await loadBundle(dir);
  });
  afterAll(async () => {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('incident: the alert and the window from incident.yaml', async () => {
    expect(await rows(db, 'select * from incident')).toEqual([
      {
        id: 'shop-checkout-latency-0042',
        title: 'High p99 latency on api-gateway',
        alert_name: 'HighLatencyP99',
        service: 'api-gateway',
        severity: 'critical',
        starts_at: '2026-03-02T14:05:00.000Z',
        window_start: '2026-03-01T14:05:00.000Z',
        window_end: '2026-03-02T13:35:00.500Z',
      },
    ]);
  });

  test('metrics.csv: both timestamp forms, label columns as a map without empty cells', async () => {
    expect(await rows(db, 'select * from metrics order by ts')).toEqual([
      {
        ts: '2026-03-02T14:00:00.000Z',
        service: 'checkout',
        metric: 'latency_p99_ms',
        value: 212.5,
        labels: { route: '/pay' },
      },
      {
        ts: '2026-03-02T14:01:00.000Z',
        service: 'checkout',
        metric: 'latency_p99_ms',
        value: 250,
        labels: {},
      },
      {
        ts: '2026-03-02T14:02:00.500Z',
        service: 'db-proxy',
        metric: 'db_connections_in_use',
        value: 10,
        labels: { route: '/a,b' },
      },
    ]);
    expect(await rows(db, "select labels['route'] as route from metrics where service = 'db-proxy'")).toEqual(
      [{ route: '/a,b' }],
    );
  });

  test('logs.jsonl.gz: gzip, both timestamp forms, levels lower-cased, attrs as JSON', async () => {
    expect(await rows(db, 'select * from logs order by ts')).toEqual([
      {
        ts: '2026-03-02T13:05:00.250Z',
        service: 'checkout',
        level: 'warn',
        message: 'slow "query"\nline 2',
        trace_id: null,
        attrs: null,
      },
      {
        ts: '2026-03-02T14:05:00.250Z',
        service: 'payments',
        level: 'error',
        message: 'upstream timeout after 5000 ms calling db-proxy',
        trace_id: '9f1c',
        attrs: { pod: 'payments-7d9f', retries: 3 },
      },
      {
        ts: '2026-03-02T14:06:00.000Z',
        service: 'db-proxy',
        level: 'info',
        message: 'pool size 10',
        trace_id: null,
        attrs: null,
      },
    ]);
    expect(await rows(db, "select attrs->>'pod' as pod from logs where attrs is not null")).toEqual([
      { pod: 'payments-7d9f' },
    ]);
  });

  test('spans: snake_case columns, end_ts = start + duration, null or absent parent', async () => {
    expect(await rows(db, 'select * from spans order by start')).toEqual([
      {
        trace_id: '9f1c',
        span_id: 'a1',
        parent_span_id: null,
        service: 'api-gateway',
        name: 'POST /checkout',
        start: '2026-03-02T14:05:01.120Z',
        duration_ms: 5012.4,
        end_ts: '2026-03-02T14:05:06.132Z',
        status: 'error',
        attrs: { 'http.status_code': 504 },
      },
      {
        trace_id: '9f1c',
        span_id: 'b2',
        parent_span_id: null,
        service: 'payments',
        name: 'charge',
        start: '2026-03-02T14:05:01.200Z',
        duration_ms: 0,
        end_ts: '2026-03-02T14:05:01.200Z',
        status: 'ok',
        attrs: null,
      },
    ]);
  });

  test('changes, events and incidents (history.jsonl)', async () => {
    expect(await rows(db, 'select * from changes order by ts')).toEqual([
      {
        id: 'chg-0043',
        ts: '2026-03-02T13:43:20.000Z',
        service: 'checkout',
        kind: 'feature_flag',
        summary: 'new cart',
        version: null,
        author: null,
        diff: null,
        url: null,
      },
      {
        id: 'chg-0042',
        ts: '2026-03-02T13:57:10.000Z',
        service: 'db-proxy',
        kind: 'deploy',
        summary: 'release 2.14.3',
        version: '2.14.3',
        author: 'ci-bot',
        diff: '-POOL_MAX=100\n+POOL_MAX=10',
        url: 'https://git.example/c/42',
      },
    ]);
    expect(await rows(db, 'select * from events')).toEqual([
      {
        ts: '2026-03-02T14:02:00.000Z',
        service: 'payments',
        object: 'pod/payments-7d9f',
        type: 'Warning',
        reason: 'OOMKilled',
        message: 'container payments exceeded memory limit',
      },
    ]);
    expect(await rows(db, 'select * from incidents order by started_at')).toEqual([
      {
        id: 'INC-7',
        title: 'Cache down',
        started_at: '2023-11-14T22:13:20.000Z',
        resolved_at: null,
        services: [],
        category: 'cache_failure',
        root_cause: 'node lost',
        resolution: null,
      },
      {
        id: 'INC-311',
        title: 'Checkout errors after pool change',
        started_at: '2025-11-12T09:10:00.000Z',
        resolved_at: '2025-11-12T09:02:00.000Z',
        services: ['db-proxy', 'checkout'],
        category: 'connection_pool_exhaustion',
        root_cause: 'pool size set too low in config',
        resolution: 'rolled back config',
      },
    ]);
  });

  test('describeTables: every table with its columns and row count', async () => {
    const tables = await describeTables(db);
    expect(tables.map((t) => [t.name, t.rowCount])).toEqual([
      ['incident', 1],
      ['metrics', 3],
      ['logs', 3],
      ['spans', 2],
      ['changes', 2],
      ['events', 1],
      ['incidents', 2],
    ]);
    expect(tables.find((t) => t.name === 'logs')?.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'ts TIMESTAMPTZ',
      'service VARCHAR',
      'level VARCHAR',
      'message VARCHAR',
      'trace_id VARCHAR',
      'attrs JSON',
    ]);
  });

  test('the types DuckDB reports are the ones schema.ts declares', async () => {
    for (const table of TABLES) {
      const { columns } = await query(db, `select * from ${table.name} limit 0`);
      expect(columns, table.name).toEqual(table.columns.map((c) => ({ name: c.name, type: c.type })));
    }
  });
});
