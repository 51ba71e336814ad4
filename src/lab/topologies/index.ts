import type { LabTopology } from '../topology.js';
import { miniTopology } from './mini.js';
import { shopTopology } from './shop.js';

/** The lab's systems, by name. `shop` is the default. */
export const labTopologies = {
  shop: shopTopology,
  mini: miniTopology,
} satisfies Record<string, LabTopology>;
export type LabTopologyName = keyof typeof labTopologies;
