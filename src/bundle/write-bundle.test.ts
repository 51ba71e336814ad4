import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { openBundle } from './reader.js';
import { readTruth } from './truth.js';
import { validateBundle } from './validate.js';
import { type BundleContent, type WriteBundleOptions, writeBundle } from './write-bundle.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** Everything a bundle holds, read back through the public readers. */
async function readContent(dir: string): Promise<BundleContent> {
  const bundle = await openBundle(dir);
  return {
    incident: bundle.incident,
    topology: bundle.topology,
    truth: await readTruth(dir),
    metrics: await bundle.readAll('metrics'),
    logs: await bundle.readAll('logs'),
    spans: await bundle.readAll('traces'),
    changes: await bundle.readAll('changes'),
    events: await bundle.readAll('events'),
    history: await bundle.readAll('history'),
  };
}

describe('writeBundle round trip', () => {
  test.each<{ name: string; options: WriteBundleOptions; files: string[] }>([
    {
      name: 'metrics as CSV',
      options: {},
      files: ['metrics.csv', 'logs.jsonl', 'traces.jsonl', 'changes.jsonl', 'events.jsonl', 'history.jsonl'],
    },
    {
      name: 'metrics as JSON Lines, gzip',
      options: { metricsFormat: 'jsonl', gzip: true },
      files: [
        'metrics.jsonl.gz',
        'logs.jsonl.gz',
        'traces.jsonl.gz',
        'changes.jsonl.gz',
        'events.jsonl.gz',
        'history.jsonl.gz',
      ],
    },
  ])('write → open → read equals the input ($name)', async ({ options, files }) => {
    const input = await readContent(FIXTURE);
    const root = await mkdtemp(join(tmpdir(), 'nightshift-roundtrip-'));
    roots.push(root);
    const out = join(root, 'bundle');
    await writeBundle(out, input, options);
    expect((await readdir(out)).sort()).toEqual(
      ['incident.yaml', 'topology.yaml', 'truth.yaml', ...files].sort(),
    );
    expect(await readContent(out)).toEqual(input);
    expect((await validateBundle(out)).problems).toEqual([]);
  });

  test('incident.yaml, topology.yaml and truth.yaml are written in the wire form of the spec', async () => {
    const input = await readContent(FIXTURE);
    const root = await mkdtemp(join(tmpdir(), 'nightshift-roundtrip-'));
    roots.push(root);
    const out = join(root, 'bundle');
    await writeBundle(out, input);
    expect(await readFile(join(out, 'incident.yaml'), 'utf8')).toBe(
      [
        'version: 1',
        'id: shop-checkout-latency-0042',
        'title: High p99 latency on api-gateway',
        'alert:',
        '  name: HighLatencyP99',
        '  service: api-gateway',
        '  severity: critical',
        '  startsAt: 2026-03-02T14:05:00.000Z',
        '  labels:',
        '    team: payments',
        '    env: production',
        '  annotations:',
        '    summary: p99 latency above 2s for 5 minutes',
        'window:',
        '  start: 2026-03-01T14:05:00.000Z',
        '  end: 2026-03-02T14:35:00.000Z',
        '',
      ].join('\n'),
    );
    expect(await readFile(join(out, 'truth.yaml'), 'utf8')).toBe(
      [
        'rootCause:',
        '  service: db-proxy',
        '  category: connection_pool_exhaustion',
        '  change: chg-0042',
        '  startedAt: 2026-03-02T13:58:00.000Z',
        '  summary: Pool max lowered from 100 to 10 in release 2.14.3',
        'alsoAcceptable:',
        '  - service: postgres',
        '',
      ].join('\n'),
    );
    const topology = await readFile(join(out, 'topology.yaml'), 'utf8');
    expect(topology).toContain('  - name: api-gateway\n    dependsOn: [checkout, catalog, auth]\n');
    expect(topology).toContain('  - name: auth\n  - name: payments\n');
    expect(topology).toContain('  - name: postgres\n    kind: database\n');
  });
});
