/**
 * One Nezha fault → the bundle's documents (pure): its id, the time window, incident.yaml with a
 * neutral alert on the entry service, truth.yaml, and topology.yaml from `dependency.csv`.
 */
import type { Incident, RootCauseCategory, TimeWindow, Topology, Truth } from '../../core/index.js';
import { MINUTE_MS, NightshiftError, toIso } from '../../core/index.js';
import type { DependencyRow, NezhaFault } from './decode.js';
import { categoryOfFault, FAULT_CATEGORIES, isNodeAddress, serviceOfPod } from './names.js';

/**
 * The window written for a fault: 30 minutes of lead-up, enough for a baseline at Nezha's
 * one-minute step, and 10 minutes after the injection, in which its symptoms show. Faults come
 * every 8 to 9 minutes, so a window also holds the faults before it; that is the data.
 */
export const WINDOW_BEFORE_MS = 30 * MINUTE_MS;
export const WINDOW_AFTER_MS = 10 * MINUTE_MS;

/** The first and last sample time of the day's metrics. */
export interface DataRange {
  firstMs: number;
  lastMs: number;
}

/**
 * The window of a fault injected at `injectedAtMs`, cut to the data (a window says what was
 * collected, and the first fault of a day comes minutes after collection began). Undefined when
 * no data falls in it.
 */
export function faultWindow(injectedAtMs: number, data: DataRange): TimeWindow | undefined {
  const start = Math.max(injectedAtMs - WINDOW_BEFORE_MS, data.firstMs);
  const end = Math.min(injectedAtMs + WINDOW_AFTER_MS, data.lastMs);
  return end > start ? { start, end } : undefined;
}

/**
 * A bundle id that sorts by injection time: `<prefix>-<YYYY-MM-DD>-<hhmmss>` (UTC). It names
 * neither the pod nor the fault type, since an investigation reads the id in incident.yaml.
 */
export function bundleId(prefix: string, injectedAtMs: number): string {
  const iso = toIso(injectedAtMs);
  return `${prefix}-${iso.slice(0, 10)}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** The root-cause category of a fault; throws BAD_INPUT naming the fault and its file for an unknown type. */
export function faultCategory(fault: NezhaFault, faultListFile: string): RootCauseCategory {
  const category = categoryOfFault(fault.type);
  if (category !== undefined) return category;
  throw new NightshiftError(
    'BAD_INPUT',
    `${faultListFile}: ${fault.where}: unknown inject_type "${fault.type}" (pod ${fault.pod}, ${fault.injectTime})`,
    { hint: `Known fault types: ${Object.keys(FAULT_CATEGORIES).join(', ')}.` },
  );
}

/** truth.yaml: the pod's service, the category, the injection time. */
export function toTruth(fault: NezhaFault, category: RootCauseCategory): Truth {
  return {
    rootCause: {
      service: serviceOfPod(fault.pod),
      category,
      startedAt: fault.injectedAtMs,
      summary: `Nezha injected a ${fault.type} fault into pod ${fault.pod}`,
    },
    alsoAcceptable: [],
  };
}

/** How the incident's alert and id are named. */
export interface IncidentNaming {
  idPrefix: string;
  /** The service users call, where the alert fires. */
  entryService: string;
}

/**
 * incident.yaml. Nezha has no alerts, so the alert is the page a team would get from the entry
 * service at the injection time: a symptom on what users call, the same for every fault, so it
 * says nothing of the cause.
 */
export function toIncident(fault: NezhaFault, window: TimeWindow, naming: IncidentNaming): Incident {
  const service = naming.entryService;
  return {
    version: 1,
    id: bundleId(naming.idPrefix, fault.injectedAtMs),
    title: `High latency on ${service}`,
    alert: {
      name: `${pascalCase(service)}LatencyHigh`,
      service,
      severity: 'warning',
      startsAt: fault.injectedAtMs,
      labels: { source: 'nezha' },
      annotations: { summary: `${service}: requests slower or failing more than usual` },
    },
    window,
  };
}

/**
 * topology.yaml: every service seen, and the call edges of `dependency.csv` between services.
 * Edges to node addresses are placement, not calls, and are left out.
 */
export function toTopology(dependencies: readonly DependencyRow[], seen: Iterable<string>): Topology {
  const dependsOn = new Map<string, Set<string>>();
  for (const service of seen) dependsOn.set(service, new Set());
  for (const { source, target } of dependencies) {
    if (isNodeAddress(target)) continue;
    if (!dependsOn.has(target)) dependsOn.set(target, new Set());
    const callees = dependsOn.get(source) ?? new Set<string>();
    callees.add(target);
    dependsOn.set(source, callees);
  }
  return {
    services: [...dependsOn.keys()].sort().map((name) => ({
      name,
      kind: 'service',
      dependsOn: [...dependsOn.get(name)!].sort(),
    })),
  };
}

/** How far `inject_time` (UTC text) is from `inject_timestamp`, in ms: 0 when they agree, NaN when it is no date. */
export function injectTimeDriftMs(fault: NezhaFault): number {
  return Date.parse(`${fault.injectTime.replace(' ', 'T')}Z`) - fault.injectedAtMs;
}

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
