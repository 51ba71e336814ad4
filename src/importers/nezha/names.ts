/**
 * Names in Nezha's files → Nightshift's names: pods to services, fault types to root-cause
 * categories, edge columns to caller and callee. Pure.
 */
import type { RootCauseCategory } from '../../core/index.js';

// A Deployment's pod is `<deployment>-<pod-template-hash>-<suffix>`: Kubernetes writes the hash
// in 6 to 10 characters and the suffix in 5 (frontend-579b9bff58-t2dbm). A StatefulSet's pod is
// `<name>-<ordinal>` (redis-0).
const DEPLOYMENT_POD = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/;
const STATEFUL_SET_POD = /^(.+)-\d+$/;

/** The service (workload) a pod belongs to; a name without a pod suffix is returned as it is. */
export function serviceOfPod(pod: string): string {
  return DEPLOYMENT_POD.exec(pod)?.[1] ?? STATEFUL_SET_POD.exec(pod)?.[1] ?? pod;
}

/**
 * Nezha's fault types (the `inject_type` of its fault lists) and the category each one is scored
 * under. `cpu_contention` and `cpu_consumed` both starve the pod of CPU; `network_delay`
 * adds latency on the pod's network; `return` and `exception` change the code's behaviour (an
 * early return, a thrown exception) without a deploy that the data would show.
 */
export const FAULT_CATEGORIES = {
  cpu_contention: 'resource_cpu',
  cpu_consumed: 'resource_cpu',
  network_delay: 'network',
  return: 'code_error',
  exception: 'code_error',
} as const satisfies Record<string, RootCauseCategory>;
export type NezhaFaultType = keyof typeof FAULT_CATEGORIES;

/** The category of a fault type, or undefined when the importer does not know the type. */
export function categoryOfFault(type: string): RootCauseCategory | undefined {
  return Object.hasOwn(FAULT_CATEGORIES, type) ? FAULT_CATEGORIES[type as NezhaFaultType] : undefined;
}

/** A call edge named by a latency column: `frontend_cartservice` is frontend calling cartservice. */
export interface CallEdge {
  from: string;
  to: string;
}

/**
 * The edge a column of `source_50.csv` or `destination_50.csv` names, or undefined when the name
 * is not `<caller>_<callee>`. Kubernetes names cannot hold "_", so the split is unambiguous.
 */
export function parseEdgeColumn(column: string): CallEdge | undefined {
  const parts = column.split('_');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { from: parts[0]!, to: parts[1]! };
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Whether a `dependency.csv` target is a node rather than a service. Nezha lists, beside the call
 * edges, an edge from every workload to the IP address of the node it ran on (`adservice,33.33.33.76`):
 * placement, not a dependency, and no service of the topology.
 */
export function isNodeAddress(target: string): boolean {
  return IPV4.test(target) || target.includes(':');
}
