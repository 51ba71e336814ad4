/**
 * The bundle read cache must never change an investigation: the same report, ranking and evidence
 * whether the bundle is read directly, through a cache being built, or from a cache already there.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateOptions, makeTempRoot, removeDir } from '../../testing/lab/support.js';
import type { BundleCacheOptions, CacheOutcome } from '../bundle/index.js';
import { generateBundle } from '../lab/index.js';
import { bundleCacheFromEnv, investigateBundle } from './run.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('bundle-cache');
});
afterAll(async () => {
  await removeDir(root);
});

test.each([
  { fault: 'bad-deploy' as const, hours: 4 },
  { fault: 'memory-leak' as const, hours: 3 },
])('$fault: the report is the same without the cache, cold and warm', async ({ fault, hours }) => {
  const dir = join(root, fault);
  await generateBundle(dir, generateOptions(fault, { hours }));
  const outcomes: CacheOutcome[] = [];
  const cache: BundleCacheOptions = { onRead: (_s, outcome) => outcomes.push(outcome), minFileBytes: 0 };
  const run = (bundleCache: BundleCacheOptions | false) =>
    investigateBundle(dir, { bundleCache, now: () => Date.UTC(2026, 2, 9), keepEvidence: true });
  const direct = await run(false);
  const cold = await run(cache);
  expect(outcomes.splice(0)).toEqual(['built', 'built', 'built']);
  const warm = await run(cache);
  expect(outcomes).toEqual(['hit', 'hit', 'hit']);
  expect(direct.report.rootCause).toBeDefined();
  for (const other of [cold, warm]) {
    expect(other.report).toEqual(direct.report);
    expect(other.evidence?.collected.series).toEqual(direct.evidence?.collected.series);
    expect(other.evidence?.collected.logs).toEqual(direct.evidence?.collected.logs);
    expect(other.evidence?.collected.spans).toEqual(direct.evidence?.collected.spans);
  }
});

test.each([
  { value: undefined, on: true },
  { value: 'on', on: true },
  { value: 'off', on: false },
  { value: ' OFF ', on: false },
  { value: '0', on: false },
  { value: 'false', on: false },
])('NIGHTSHIFT_BUNDLE_CACHE=$value turns the cache on: $on', ({ value, on }) => {
  expect(bundleCacheFromEnv(value === undefined ? {} : { NIGHTSHIFT_BUNDLE_CACHE: value }) !== false).toBe(
    on,
  );
});
