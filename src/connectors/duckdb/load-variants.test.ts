import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NightshiftError, ValidationError } from '../../core/index.js';
import { type BundleDb, loadBundle } from './load.js';
import { query } from './query.js';
import { DATA_TABLES } from './schema.js';

// Bundles with few sources, other formats and bad files; load.test.ts covers a bundle with every source.

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

async function rows(db: BundleDb, sql: string): Promise<Record<string, unknown>[]> {
  return (await query(db, sql)).rows;
}

describe('loadBundle with few sources', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nightshift-duckdb-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function bundle(name: string, files: Record<string, string | Buffer>): Promise<string> {
    const path = join(dir, name);
    await mkdir(path);
    await writeFile(join(path, 'incident.yaml'), INCIDENT_YAML);
    for (const [file, text] of Object.entries(files)) await writeFile(join(path, file), text);
    return path;
  }

  test('a missing source gives an empty table with the declared columns', async () => {
    const db = await loadBundle(
      await bundle('sparse', {
        'metrics.jsonl': jsonLines([{ ts: 1772460000000, service: 'a', metric: 'm', value: 1 }]),
      }),
    );
    try {
      for (const table of DATA_TABLES.filter((t) => t.name !== 'metrics')) {
        const empty = await query(db, `select * from ${table.name}`);
        expect({ table: table.name, columns: empty.columns, rows: empty.rows }).toEqual({
          table: table.name,
          columns: table.columns.map(({ name, type }) => ({ name, type })),
          rows: [],
        });
      }
    } finally {
      db.close();
    }
  });

  test('metrics.jsonl: a labels object becomes the map; absent labels an empty map', async () => {
    const path = await bundle('metrics-jsonl', {
      'metrics.jsonl': jsonLines([
        {
          ts: '2026-03-02T14:00:00Z',
          service: 'checkout',
          metric: 'latency_p99_ms',
          value: 212.5,
          labels: { route: '/pay' },
        },
        { ts: 1772460060000, service: 'checkout', metric: 'error_ratio', value: 0.5 },
      ]),
    });
    const db = await loadBundle(path);
    try {
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
          metric: 'error_ratio',
          value: 0.5,
          labels: {},
        },
      ]);
    } finally {
      db.close();
    }
  });

  test('metrics.csv.gz with no label columns', async () => {
    const path = await bundle('metrics-csv-gz', {
      'metrics.csv.gz': gzipSync('timestamp,service,metric,value\n1772460000000,a,cpu_utilization,0.25\n'),
    });
    const db = await loadBundle(path);
    try {
      expect(await rows(db, 'select * from metrics')).toEqual([
        { ts: '2026-03-02T14:00:00.000Z', service: 'a', metric: 'cpu_utilization', value: 0.25, labels: {} },
      ]);
    } finally {
      db.close();
    }
  });

  test.each([
    {
      name: 'malformed JSON',
      file: 'logs.jsonl',
      text: '{"ts": 1, "service": "a"\n',
      expected: /logs\.jsonl: cannot be loaded: .*Malformed JSON/s,
    },
    {
      name: 'a timestamp in neither form',
      file: 'logs.jsonl',
      text: jsonLines([{ ts: 'yesterday', service: 'a', level: 'info', message: 'm' }]),
      expected: /logs\.jsonl: cannot be loaded: .*"yesterday"/s,
    },
    {
      name: 'a CSV header without the fixed columns',
      file: 'metrics.csv',
      text: 'time,service,metric,value\n1,a,m,1\n',
      expected: /metrics\.csv: cannot be loaded: header must start with timestamp,service,metric,value/,
    },
  ])('a bad data file is a BAD_BUNDLE error naming it: $name', async ({ name, file, text, expected }) => {
    const path = await bundle(`bad-${name.replaceAll(' ', '-')}`, { [file]: text });
    const error = await loadBundle(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NightshiftError);
    expect(error).toMatchObject({ code: 'BAD_BUNDLE', message: expect.stringMatching(expected) });
  });

  test('a bad incident.yaml is a ValidationError naming the field', async () => {
    const path = await bundle('bad-incident', { 'logs.jsonl': '' });
    await writeFile(
      join(path, 'incident.yaml'),
      INCIDENT_YAML.replace('severity: critical', 'severity: urgent'),
    );
    const error = await loadBundle(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      { file: 'incident.yaml', field: 'alert.severity', message: expect.stringContaining('critical') },
    ]);
  });

  test('a metrics.csv with only its header gives an empty table', async () => {
    const db = await loadBundle(
      await bundle('header-only', { 'metrics.csv': 'timestamp,service,metric,value,route\n' }),
    );
    try {
      expect(await rows(db, 'select count(*) as n from metrics')).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });

  test('loads into a database file when given one', async () => {
    const databasePath = join(dir, 'bundle.duckdb');
    const db = await loadBundle(
      await bundle('to-file', {
        'logs.jsonl': jsonLines([{ ts: 0, service: 'a', level: 'info', message: 'm' }]),
      }),
      {
        databasePath,
      },
    );
    try {
      expect(await rows(db, 'select ts, service from logs')).toEqual([
        { ts: '1970-01-01T00:00:00.000Z', service: 'a' },
      ]);
      expect(existsSync(databasePath)).toBe(true);
    } finally {
      db.close();
    }
  });

  test('an empty data file gives an empty table', async () => {
    const db = await loadBundle(await bundle('empty-logs', { 'logs.jsonl': '' }));
    try {
      expect(await rows(db, 'select count(*) as n from logs')).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });
});
