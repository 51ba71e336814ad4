import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileDigests, generateOptions, makeTempRoot, removeDir } from '../../testing/lab/support.js';
import { openBundle, validateBundle } from '../bundle/index.js';
import { readTruth } from '../bundle/scoring.js';
import type { Change } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';
import { FAULT_NAMES, type FaultName, faultCatalogue } from './faults/catalogue.js';
import { type GenerateOptions, generateBundle } from './generate.js';
import type { LabTopologyName } from './topologies/index.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('lab-generate');
});
afterAll(async () => {
  await removeDir(root);
});

let made = 0;
async function generate(fault: FaultName, overrides: Partial<GenerateOptions> = {}) {
  const dir = join(root, `bundle-${made++}`);
  const summary = await generateBundle(dir, generateOptions(fault, overrides));
  return { dir, summary };
}

const ALL_FILES = [
  'changes.jsonl',
  'events.jsonl',
  'history.jsonl',
  'incident.yaml',
  'logs.jsonl.gz',
  'metrics.csv.gz',
  'topology.yaml',
  'traces.jsonl.gz',
  'truth.yaml',
];

test.each([
  { topology: 'shop', fault: 'feature-flag', seed: 3 },
  { topology: 'mini', fault: 'poison-input', seed: 2 },
] as const)(
  '$topology $fault seed $seed: two runs write the same files, byte for byte once gunzipped',
  async ({ topology, fault, seed }) => {
    const one = await generate(fault, { topology, seed, hours: 1 });
    const two = await generate(fault, { topology, seed, hours: 1 });
    expect((await readdir(one.dir)).sort()).toEqual(ALL_FILES);
    expect(await fileDigests(two.dir, { gunzip: true })).toEqual(
      await fileDigests(one.dir, { gunzip: true }),
    );
    expect(two.summary.counts).toEqual(one.summary.counts);
    await Promise.all([one, two].map((b) => removeDir(b.dir)));
  },
);

test('--no-gzip writes the same content; dropping traces changes no other file, and the rest validates', async () => {
  const options = { seed: 3, hours: 1 };
  const zipped = await generate('feature-flag', options);
  const digests = await fileDigests(zipped.dir, { gunzip: true });
  const plain = await generate('feature-flag', { ...options, gzip: false });
  expect((await readdir(plain.dir)).filter((f) => f.endsWith('.gz'))).toEqual([]);
  expect(await fileDigests(plain.dir, { gunzip: false })).toEqual(digests);

  // Each source has its own stream: leaving traces out changes nothing else.
  const dropped = await generate('feature-flag', { ...options, drop: ['traces'] });
  const { 'traces.jsonl': _traces, ...rest } = digests;
  expect(await fileDigests(dropped.dir, { gunzip: true })).toEqual(rest);
  expect(dropped.summary.counts).toEqual({ ...zipped.summary.counts, traces: 0 });
  const validation = await validateBundle(dropped.dir);
  expect(validation.problems).toEqual([]);
  expect(validation.counts.traces).toBeUndefined();
  await Promise.all([zipped, plain, dropped].map((b) => removeDir(b.dir)));
});

const CHANGE_KIND: Partial<Record<FaultName, Change['kind']>> = {
  'bad-deploy': 'deploy',
  'bad-config': 'config',
  'feature-flag': 'feature_flag',
};

/**
 * Every fault on shop seed 1, plus a few on the smaller topology, one of them a lock contention
 * that a migration caused (shop seed 1's is a long query, with no change to blame).
 */
const BUNDLES: Array<{ fault: FaultName; topology: LabTopologyName; seed: number; change?: Change['kind'] }> =
  [
    ...FAULT_NAMES.map((fault) => ({
      fault,
      topology: 'shop' as const,
      seed: 1,
      change: CHANGE_KIND[fault],
    })),
    { fault: 'lock-contention', topology: 'mini', seed: 8, change: 'migration' },
    { fault: 'bad-config', topology: 'mini', seed: 1, change: 'config' },
    { fault: 'dependency-outage', topology: 'mini', seed: 1 },
  ];

describe.each(BUNDLES)(
  '$fault on $topology seed $seed, written as a bundle',
  ({ fault, topology, seed, change: kind }) => {
    test('validates with no problems; its truth agrees with its topology, changes and alert', async () => {
      // One-minute steps halve the symptom lines and plain files skip compression: this is about the
      // records, and the determinism test above covers gzip.
      const { dir, summary } = await generate(fault, { topology, seed, stepSeconds: 60, gzip: false });
      const validation = await validateBundle(dir);
      expect(validation.problems).toEqual([]);
      expect(validation.counts).toEqual(summary.counts);

      const truth = await readTruth(dir);
      const bundle = await openBundle(dir);
      const rootService = truth?.rootCause.service;
      expect(truth?.rootCause.category).toBe(faultCatalogue[fault].category);
      expect(bundle.topology?.services.map((s) => s.name)).toContain(rootService);

      const { alert, window } = bundle.incident;
      expect(alert.startsAt).toBeGreaterThanOrEqual(window.start);
      expect(alert.startsAt).toBeLessThanOrEqual(window.end);
      const startedAt = truth?.rootCause.startedAt ?? 0;
      expect(alert.startsAt).toBeGreaterThanOrEqual(Math.max(startedAt, window.start) + 4 * MINUTE_MS);

      const changeId = truth?.rootCause.change;
      if (kind === undefined) {
        expect(changeId).toBeUndefined();
      } else {
        const change = (await bundle.readAll('changes')).find((c) => c.id === changeId);
        // On the root: the released or reconfigured service, or the database a migration locked.
        expect(change).toMatchObject({ service: rootService, kind });
        expect(change?.ts).toBeLessThanOrEqual(startedAt);
        expect(change?.ts).toBeGreaterThan(startedAt - 10 * MINUTE_MS);
      }
      await removeDir(dir);
    });
  },
);

test('a bundle needs telemetry: dropping metrics, logs and traces is refused before anything is written', async () => {
  const dir = join(root, 'no-telemetry');
  await expect(
    generateBundle(dir, generateOptions('bad-deploy', { drop: ['metrics', 'logs', 'traces'] })),
  ).rejects.toThrow(/keep at least one of metrics, logs or traces/);
  expect((await readdir(root)).filter((f) => f.includes('no-telemetry'))).toEqual([]);
});

test('incident.yaml does not name the fault or its category (memory-leak, shop seed 1)', async () => {
  const { dir } = await generate('memory-leak', { hours: 1, drop: ['logs', 'traces'] });
  const incident = await readFile(join(dir, 'incident.yaml'), 'utf8');
  expect(incident).not.toContain('memory-leak');
  expect(incident).not.toContain(faultCatalogue['memory-leak'].category);
});
