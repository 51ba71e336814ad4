/**
 * The lab's fault catalogue, by the name `nightshift lab generate --fault` takes. Each covers one
 * root-cause category of the bundle spec with its own signature, and carries its description and
 * signature as text for `nightshift lab faults` and the docs. Adding a fault is one `FaultType` in a
 * `*-faults.ts` file of this folder and one line here; `satisfies` makes an entry missing a
 * property fail to compile (see catalogue.test.ts).
 */
import { badConfig, badDeploy, featureFlag, poisonInput } from './change-faults.js';
import { cacheFailure, lockContention, poolExhaustion, queueBacklog } from './data-faults.js';
import type { FaultType } from './fault.js';
import { certExpiry, dependencyOutage, networkLatency, providerOutage } from './network-faults.js';
import { cpuSaturation, diskFull, memoryLeak } from './resource-faults.js';
import { trafficSurge } from './traffic-faults.js';

export const faultCatalogue = {
  'bad-deploy': badDeploy,
  'bad-config': badConfig,
  'feature-flag': featureFlag,
  'poison-input': poisonInput,
  'cpu-saturation': cpuSaturation,
  'memory-leak': memoryLeak,
  'disk-full': diskFull,
  'pool-exhaustion': poolExhaustion,
  'lock-contention': lockContention,
  'cache-failure': cacheFailure,
  'queue-backlog': queueBacklog,
  'network-latency': networkLatency,
  'dependency-outage': dependencyOutage,
  'provider-outage': providerOutage,
  'traffic-surge': trafficSurge,
  'cert-expiry': certExpiry,
} satisfies Record<string, FaultType>;
export type FaultName = keyof typeof faultCatalogue;
export const FAULT_NAMES = Object.keys(faultCatalogue) as FaultName[];
