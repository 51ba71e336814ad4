import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { makeTempRoot, removeDir, SMALL_VOLUME } from '../../testing/lab/support.js';
import { readTruth } from '../bundle/scoring.js';
import { fullDialect } from './emit/dialect.js';
import { caseName, labFamily, TEST_TOPOLOGY_SEED, variantsIn } from './families.js';
import { FAULT_NAMES, faultCatalogue } from './faults/catalogue.js';
import type { FaultType } from './faults/fault.js';
import { generateFamily } from './suite.js';
import { generateTopology } from './topologies/index.js';

const tune = labFamily('tune');
const test_ = labFamily('test');

describe('labFamily', () => {
  test('is deterministic', () => {
    expect(labFamily('test')).toEqual(test_);
    expect(labFamily('tune')).toEqual(tune);
  });

  test('tuning runs on shop, mini and gen-1..gen-20 in the native dialect, with every case complete', () => {
    const allowed = new Set(['shop', 'mini', ...Array.from({ length: 20 }, (_, k) => `gen-${k + 1}`)]);
    expect(tune.filter((c) => !allowed.has(c.topology))).toEqual([]);
    expect(new Set(tune.map((c) => c.topology)).size).toBeGreaterThan(15);
    for (const c of tune) {
      expect(fullDialect(c.dialect)).toEqual({ logs: 'native', stacks: 'none', metrics: 'native' });
      expect(c.drop).toEqual([]);
      expect(c.seed).toBeLessThan(TEST_TOPOLOGY_SEED);
    }
  });

  test('testing runs on other systems, never in a native dialect, and a share of cases lacks logs or traces', () => {
    for (const c of test_) {
      expect(Number(/^gen-(\d+)$/.exec(c.topology)?.[1])).toBeGreaterThanOrEqual(TEST_TOPOLOGY_SEED);
      const d = fullDialect(c.dialect);
      expect(d.logs).not.toBe('native');
      expect(d.stacks).not.toBe('none');
      expect(d.metrics).not.toBe('native');
    }
    const dialects = new Set(test_.map((c) => JSON.stringify(c.dialect)));
    expect(dialects.size).toBeGreaterThanOrEqual(8);
    const partial = test_.filter((c) => c.drop.length > 0);
    expect(partial.length / test_.length).toBeGreaterThan(0.08);
    expect(partial.length / test_.length).toBeLessThan(0.35);
    expect(new Set(partial.flatMap((c) => c.drop))).toEqual(new Set(['logs', 'traces']));
  });

  test("every fault is in both splits; a fault's last variant (of two or more) is only ever in testing", () => {
    for (const fault of FAULT_NAMES) {
      const type = faultCatalogue[fault] as FaultType;
      const variants = type.variants ?? ['default'];
      expect(new Set(test_.filter((c) => c.fault === fault).map((c) => c.variant))).toEqual(
        new Set(variants),
      );
      const tuned = new Set(tune.filter((c) => c.fault === fault).map((c) => c.variant));
      expect(tuned).toEqual(new Set(variantsIn('tune', type)));
      expect(tuned.has(variants[0] as string)).toBe(true);
      if (variants.length >= 2) expect(tuned.has(variants[variants.length - 1] as string)).toBe(false);
    }
  });

  test('seeds, topologies and faults can be narrowed', () => {
    const small = labFamily('test', { topologies: 3, seeds: 1, faults: ['bad-deploy', 'cache-failure'] });
    const variants = (faultCatalogue['cache-failure'] as FaultType).variants?.length ?? 1;
    expect(small).toHaveLength(1 + variants);
    expect(new Set(small.map((c) => c.topology)).size).toBeLessThanOrEqual(3);
    expect(new Set(small.map(caseName)).size).toBe(small.length);
  });
});

describe('generateFamily', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTempRoot('lab-family');
  });
  afterAll(async () => {
    await removeDir(root);
  });

  test('writes one bundle per case with its variant and dialect, and skips a case its system cannot host', async () => {
    const noCache = Array.from({ length: 200 }, (_, k) => k + 1).find(
      (s) => faultCatalogue['cache-failure'].targets(generateTopology(s)).length === 0,
    );
    const [first] = labFamily('test', { topologies: 2, seeds: 1, faults: ['provider-outage'] });
    if (!first || noCache === undefined)
      throw new Error('fixture: expected a test case and a cacheless system');
    const specs = [
      first,
      { ...first, topology: `gen-${noCache}`, fault: 'cache-failure' as const, variant: 'down' },
    ];
    const out = join(root, 'family');
    const result = await generateFamily(out, specs, {
      ...SMALL_VOLUME,
      hours: 1,
      gzip: false,
      force: false,
      label: 'test',
    });
    expect(result.summaries).toHaveLength(1);
    expect(result.skipped.map((s) => s.spec)).toEqual([specs[1]]);
    const manifest = parse(await readFile(join(out, 'suite.yaml'), 'utf8'));
    expect(manifest.bundles).toEqual([{ ...first, id: result.summaries[0]?.incident.id }]);
    const dirs = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory());
    expect(dirs).toHaveLength(1);
    const truth = await readTruth(join(out, dirs[0]?.name ?? ''));
    expect(truth?.rootCause.category).toBe(faultCatalogue['provider-outage'].category);
  });
});
