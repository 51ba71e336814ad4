/**
 * The built-in analyst's evidence and ranking on lab bundles of failure modes it once missed. Each
 * case is a lab fault (and variant, where the lab has one) over a few seeds; the truth the lab
 * planted is the expectation, never today's answer.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateOptions, makeTempRoot, removeDir } from '../../testing/lab/support.js';
import type { FaultName } from '../lab/faults/catalogue.js';
import { generateBundle } from '../lab/generate.js';
import { rankBundle } from './rank-bundle.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('evidence-lab');
});
afterAll(async () => {
  await removeDir(root);
});

test.each([
  // A 1 h window on a leak that began hours earlier: memory at its limit and OOM kills before the
  // baseline, no clean "before". Seed 1 happens to open before the first kill; 2 and 3 do not.
  { fault: 'memory-leak', seed: 2, hours: 1 },
  { fault: 'memory-leak', seed: 3, hours: 1 },
  // The variant the lab names for it: the window opens after the leak began.
  { fault: 'memory-leak', variant: 'under-way', seed: 1, hours: 1 },
  // A caller's calls fail on the wire to its dependency: the edge, not the caller's code.
  { fault: 'network-latency', variant: 'dns', seed: 1, hours: 3 },
  { fault: 'network-latency', variant: 'timeout', seed: 1, hours: 3 },
  // A cache that evicts: the store taking its misses is a victim.
  { fault: 'cache-failure', variant: 'evict', seed: 1, hours: 3 },
] as { fault: string; variant?: string; seed: number; hours: number }[])(
  '$fault $variant seed $seed, $hours h: the truth ranks first with its category',
  async ({ fault, variant, seed, hours }) => {
    const dir = join(root, `${fault}-${variant ?? 'default'}-${seed}-${hours}`);
    const options = generateOptions(fault as FaultName, { seed, hours, ...(variant ? { variant } : {}) });
    // The truth comes from the generator, not truth.yaml: nothing in investigate/ reads that file.
    const { truth } = await generateBundle(dir, options);
    const ranking = await rankBundle(dir);
    const [first] = ranking.suspects;
    expect({ service: first?.service, category: first?.category }).toEqual({
      service: truth.rootCause.service,
      category: truth.rootCause.category,
    });
  },
  60_000,
);
