/**
 * The service graph an analysis uses: the bundle's topology when it has one, else the call graph
 * its traces show. Services seen only in telemetry are added without edges.
 */
import { buildCallGraph } from '../analysis/traces/index.js';
import type { Span, Topology } from '../core/index.js';

export interface ServiceGraph {
  services: string[];
  dependsOn: Map<string, string[]>;
  kinds: Map<string, string>;
}

export function graphOf(topology: Topology | undefined, spans: readonly Span[]): ServiceGraph {
  const dependsOn = new Map<string, string[]>();
  const kinds = new Map<string, string>();
  if (topology) {
    for (const s of topology.services) {
      dependsOn.set(s.name, [...s.dependsOn]);
      kinds.set(s.name, s.kind);
    }
  } else {
    for (const e of buildCallGraph(spans)) dependsOn.set(e.from, [...(dependsOn.get(e.from) ?? []), e.to]);
  }
  const services = new Set([...dependsOn.keys(), ...[...dependsOn.values()].flat()]);
  for (const s of spans) services.add(s.service);
  return { services: [...services].sort(), dependsOn, kinds };
}
