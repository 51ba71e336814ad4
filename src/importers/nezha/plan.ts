/**
 * A day of Nezha data → the bundles to write, one per injected fault (pure). Every fault is mapped
 * before anything is written, so an unknown fault type or a fault outside the data stops the import
 * with nothing on disk. Things worth knowing about the data come back as notes.
 */
import type { BundleContent } from '../../bundle/index.js';
import type { MetricSample, RootCauseCategory } from '../../core/index.js';
import { MINUTE_MS, NightshiftError, toIso } from '../../core/index.js';
import type { NezhaFault } from './decode.js';
import {
  bundleId,
  faultCategory,
  faultWindow,
  type IncidentNaming,
  injectTimeDriftMs,
  toIncident,
  toTopology,
  toTruth,
  WINDOW_BEFORE_MS,
} from './map.js';
import {
  edgeSamples,
  frontServiceSamples,
  podSamples,
  samplesInWindow,
  sortByTime,
  successRateIsBlank,
} from './map-metrics.js';
import { serviceOfPod } from './names.js';
import type { NezhaDay } from './read.js';
import { POD_VALUE_COLUMNS } from './wire.js';

/** One bundle to write. */
export interface PlannedBundle {
  fault: NezhaFault;
  category: RootCauseCategory;
  content: BundleContent & { truth: NonNullable<BundleContent['truth']> };
}

/** The bundles of a day, the services seen, and notes on the data. */
export interface ImportPlan {
  bundles: PlannedBundle[];
  services: string[];
  notes: string[];
}

/** Maps every fault of `day` to its bundle. */
export function planImport(day: NezhaDay, naming: IncidentNaming): ImportPlan {
  const notes: string[] = [];
  const topology = toTopology(day.dependencies?.rows ?? [], servicesOf(day));
  const services = topology.services.map((s) => s.name);
  if (!services.includes(naming.entryService)) {
    throw new NightshiftError(
      'BAD_INPUT',
      `entry service "${naming.entryService}" is not a service of this day: ${services.join(', ')}`,
      { hint: 'Pass --entry with the service that users call.' },
    );
  }
  const samples = sortByTime(daySamples(day, naming.entryService, notes));
  const data = { firstMs: samples[0]!.ts, lastMs: samples.at(-1)!.ts };
  const ids = new Map<string, NezhaFault>();
  const bundles = day.faults.map((fault): PlannedBundle => {
    const category = faultCategory(fault, day.faultListFile);
    const window = faultWindow(fault.injectedAtMs, data);
    if (!window) {
      throw new NightshiftError(
        'BAD_INPUT',
        `${day.faultListFile}: ${fault.where}: injected at ${toIso(fault.injectedAtMs)}, but the metrics cover ${toIso(data.firstMs)} to ${toIso(data.lastMs)}`,
      );
    }
    const id = bundleId(naming.idPrefix, fault.injectedAtMs);
    const twin = ids.get(id);
    if (twin) {
      throw new NightshiftError(
        'BAD_INPUT',
        `${day.faultListFile}: ${twin.where} and ${fault.where} were injected in the same second`,
      );
    }
    ids.set(id, fault);
    notes.push(...faultNotes(fault, window.start, services));
    return {
      fault,
      category,
      content: {
        incident: toIncident(fault, window, naming),
        truth: toTruth(fault, category),
        topology,
        metrics: samplesInWindow(samples, window),
      },
    };
  });
  return { bundles, services, notes };
}

/** The services with metrics: the pods' and both ends of each measured call edge. */
function servicesOf(day: NezhaDay): string[] {
  const services = new Set(day.pods.map((p) => p.service));
  for (const { table } of day.edges) {
    for (const edge of table.edges) services.add(edge.from).add(edge.to);
  }
  return [...services];
}

function daySamples(day: NezhaDay, entryService: string, notes: string[]): MetricSample[] {
  let samples: MetricSample[] = [];
  let noRequests = 0;
  for (const pod of day.pods) {
    samples = samples.concat(podSamples(pod.service, pod.rows));
    for (const row of pod.rows) noRequests += POD_VALUE_COLUMNS.length - Object.keys(row.values).length;
  }
  if (noRequests > 0) {
    notes.push(
      `${noRequests} pod metric cells were NaN (no request that minute); no sample was written for them`,
    );
  }
  if (day.front) {
    const blank = successRateIsBlank(day.front.rows);
    if (blank) notes.push(`${day.front.file}: SuccessRate(%) is 0 in every row; error_ratio left out`);
    samples = samples.concat(frontServiceSamples(entryService, day.front.rows, { errorRatio: !blank }));
  }
  let noCalls = 0;
  for (const { reporter, table } of day.edges) {
    samples = samples.concat(edgeSamples(reporter, table));
    for (const row of table.rows) noCalls += table.edges.length - row.seconds.size;
  }
  if (noCalls > 0) {
    notes.push(
      `${noCalls} edge latency cells were empty (no call on the edge that minute); no sample was written`,
    );
  }
  if (samples.length === 0) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${day.pods[0]!.file}: the metric files of this day hold no sample`,
    );
  }
  return samples;
}

function faultNotes(fault: NezhaFault, windowStart: number, services: readonly string[]): string[] {
  const notes: string[] = [];
  const driftMs = injectTimeDriftMs(fault);
  if (Number.isNaN(driftMs)) {
    notes.push(`${fault.where}: inject_time ${fault.injectTime} is not a date; inject_timestamp was used`);
  } else if (driftMs !== 0) {
    notes.push(
      `${fault.where}: inject_time ${fault.injectTime} is ${driftMs / 1000} s off inject_timestamp ${toIso(fault.injectedAtMs)}; the timestamp was used`,
    );
  }
  const leadMs = fault.injectedAtMs - windowStart;
  if (leadMs < WINDOW_BEFORE_MS) {
    notes.push(
      `${fault.where}: the metrics begin ${(leadMs / MINUTE_MS).toFixed(1)} min before the injection; the window starts there`,
    );
  }
  const service = serviceOfPod(fault.pod);
  if (!services.includes(service)) {
    notes.push(`${fault.where}: service ${service} of pod ${fault.pod} is not among this day's services`);
  }
  return notes;
}
