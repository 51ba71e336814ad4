import { NightshiftError } from '../../core/index.js';
import type { LabTopology } from '../topology.js';
import { miniTopology } from './mini.js';
import { generateTopology } from './procedural.js';
import { shopTopology } from './shop.js';

export { GENERATED_SIZE, generateTopology } from './procedural.js';
export { ROLE_WORDS } from './procedural-names.js';

/** The lab's hand-made systems, by name. `shop` is the default. */
export const labTopologies = {
  shop: shopTopology,
  mini: miniTopology,
} satisfies Record<string, LabTopology>;
export type LabTopologyName = keyof typeof labTopologies;

const GENERATED = /^gen-(\d{1,9})$/;

/**
 * The system a topology name stands for: `shop`, `mini`, or `gen-<seed>`, a procedurally
 * generated system (the seed fixes its size, names and shape).
 */
export function resolveTopology(name: string): LabTopology {
  if (Object.hasOwn(labTopologies, name)) return labTopologies[name as LabTopologyName];
  const generated = GENERATED.exec(name);
  if (generated) return generateTopology(Number(generated[1]));
  throw new NightshiftError('BAD_INPUT', `unknown topology "${name}"`, {
    hint: `Valid topologies: ${Object.keys(labTopologies).join(', ')}, or gen-<seed> for a generated system (e.g. gen-12)`,
  });
}
