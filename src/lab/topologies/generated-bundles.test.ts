import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateOptions, makeTempRoot, removeDir } from '../../../testing/lab/support.js';
import { validateBundle } from '../../bundle/index.js';
import { FAULT_NAMES, type FaultName, faultCatalogue } from '../faults/catalogue.js';
import type { FaultType } from '../faults/fault.js';
import { generateBundle } from '../generate.js';
import { generateTopology } from './index.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('lab-generated');
});
afterAll(async () => {
  await removeDir(root);
});

/** Two generated systems of different sizes (both host every fault type), the faults taking turns. */
const SYSTEMS = ['gen-12', 'gen-29'];
const CASES = FAULT_NAMES.map((fault, k) => ({
  topology: SYSTEMS[k % SYSTEMS.length] as string,
  fault,
  variant: undefined as string | undefined,
}));
// Every other variant once, on the first system that hosts the fault.
for (const fault of FAULT_NAMES) {
  const type = faultCatalogue[fault] as FaultType;
  for (const variant of type.variants?.slice(1) ?? []) CASES.push({ topology: 'gen-12', fault, variant });
}

test('the systems used below host every fault type', () => {
  for (const name of SYSTEMS) {
    const t = generateTopology(Number(name.slice(4)));
    expect(FAULT_NAMES.filter((f) => faultCatalogue[f].targets(t).length === 0)).toEqual([]);
  }
});

test.each(CASES)(
  '$fault ($variant) on $topology makes a valid bundle blaming a service of the system',
  async ({ topology, fault, variant }) => {
    const dir = join(root, `${topology}-${fault}-${variant ?? 'default'}`);
    const overrides = variant === undefined ? { topology, hours: 1 } : { topology, hours: 1, variant };
    const summary = await generateBundle(dir, generateOptions(fault as FaultName, overrides));
    const names = generateTopology(Number(topology.slice(4))).services.map((s) => s.name);
    expect(names).toContain(summary.truth.rootCause.service);
    expect(summary.truth.rootCause.category).toBe(faultCatalogue[fault as FaultName].category);
    expect(summary.incident.id).toMatch(/^sys-[0-9a-f]{4}-/);
    const validation = await validateBundle(dir);
    expect(validation.problems).toEqual([]);
    await removeDir(dir);
  },
);
