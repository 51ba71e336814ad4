/**
 * Suite families: the lab's tuning set and its test set. Every tuning decision (thresholds,
 * weights, rules) may look at the tuning family; the test family is what we report, and it differs
 * from tuning in everything a real deployment would differ in: other generated systems (generator
 * seeds from 1001), telemetry dialects tuning never sees, fault variants held out of tuning (each
 * fault type's last variant, when it has two or more), and cases missing logs or traces.
 * Deterministic: the same split and options always give the same list.
 */
import { type Dialect, LOG_DIALECTS, METRIC_DIALECTS, STACK_DIALECTS } from './emit/dialect.js';
import { FAULT_NAMES, type FaultName, faultCatalogue } from './faults/catalogue.js';
import type { FaultType } from './faults/fault.js';
import type { LabSource } from './generate.js';
import { Random } from './random.js';
import { resolveTopology } from './topologies/index.js';

export type LabSplit = 'tune' | 'test';
export const LAB_SPLITS: readonly LabSplit[] = ['tune', 'test'];

/** One case of a family: everything `generateBundle` needs besides volume and window length. */
export interface LabCaseSpec {
  topology: string;
  fault: FaultName;
  variant: string;
  seed: number;
  dialect: Dialect;
  drop: LabSource[];
}

export interface FamilyOptions {
  /** Generated systems in the family (tune: gen-1..gen-n beside shop and mini; test: gen-1001..). */
  topologies?: number;
  /** Cases per fault type and variant. */
  seeds?: number;
  /** Only these fault types (default all). */
  faults?: readonly FaultName[];
}

/** First generator seed of the test split; tuning uses seeds below it. */
export const TEST_TOPOLOGY_SEED = 1001;
/** Share of test cases that lose their logs or their traces. */
const PARTIAL_SHARE = 0.2;

/** Variants a fault shows in a split: tuning never sees the last of two or more. */
export function variantsIn(split: LabSplit, fault: FaultType): readonly string[] {
  const all = fault.variants ?? ['default'];
  if (split === 'test' || all.length < 2) return all;
  return all.slice(0, -1);
}

export function labFamily(split: LabSplit, options: FamilyOptions = {}): LabCaseSpec[] {
  const count = options.topologies ?? 20;
  const seeds = options.seeds ?? 3;
  const first = split === 'tune' ? 1 : TEST_TOPOLOGY_SEED;
  const generated = Array.from({ length: count }, (_, k) => `gen-${first + k}`);
  const topologies = split === 'tune' ? ['shop', 'mini', ...generated] : generated;
  const systems = topologies.map((name) => ({ name, topology: resolveTopology(name) }));
  const rng = new Random(`lab-family/${split}`);
  const dialects = split === 'test' ? testDialects() : [{}];
  const specs: LabCaseSpec[] = [];
  let rotation = 0;
  for (const fault of options.faults ?? FAULT_NAMES) {
    const type = faultCatalogue[fault] as FaultType;
    const hosts = systems.filter((s) => type.targets(s.topology).length > 0);
    if (hosts.length === 0) continue;
    for (const variant of variantsIn(split, type)) {
      for (let k = 0; k < seeds; k++) {
        // Walk the systems in turn so every fault meets many systems, not one.
        const host = hosts[rotation++ % hosts.length] as (typeof hosts)[number];
        const partial = split === 'test' && rng.chance(PARTIAL_SHARE);
        specs.push({
          topology: host.name,
          fault,
          variant,
          seed: first + k,
          dialect: rng.pick(dialects),
          drop: partial ? [rng.pick<LabSource>(['logs', 'traces'])] : [],
        });
      }
    }
  }
  return specs;
}

/** Every non-native combination: the test split never sees the lab's own log or metric format. */
function testDialects(): Dialect[] {
  const out: Dialect[] = [];
  for (const logs of LOG_DIALECTS.filter((d) => d !== 'native'))
    for (const stacks of STACK_DIALECTS.filter((d) => d !== 'none'))
      for (const metrics of METRIC_DIALECTS.filter((d) => d !== 'native'))
        out.push({ logs, stacks, metrics });
  return out;
}

/** A stable scratch name for a case, e.g. `gen-1003.cache-failure.evict.s1002`. */
export function caseName(spec: LabCaseSpec): string {
  return `${spec.topology}.${spec.fault}.${spec.variant}.s${spec.seed}`;
}
