/**
 * When did things go wrong, across many series? The search range runs from `lookbackMs` before
 * the alert to the end of the data; each series is compared with its own baseline before it (`scoreShift`'s robust, seasonal-when-possible z-scores); series that
 * depart in a sustained way become evidence, with an onset dated by a two-sided CUSUM (Page 1954)
 * to the last moment the departure had not yet begun, and an end at the last departed point.
 *
 * The incident's onset must be agreed on: onsets within `agreementMs` of each other form a group
 * weighted by their scores, and the onset is the start of the earliest group with at least half the
 * heaviest group's weight, so one metric that blipped an hour early, or two benign blips that
 * happen to coincide, do not date the incident. When no two onsets agree (or there is one series),
 * it is the score-weighted median of the onsets. Given the alert's service, the onset is instead
 * the start of the run of departures (each within a few minutes of the next) that ends at that
 * service's first strong departure. The end is the score-weighted median of the evidence ends: the incident is over when
 * most of the weight of evidence has recovered.
 */
import type { Series } from '../../core/index.js';
import { HOUR_MS, MINUTE_MS } from '../../core/index.js';
import { type Direction, TwoSidedCusum } from './change-points.js';
import { lowerBound } from './robust-stats.js';
import { type IndexRange, incidentDeviations, NOISE_Z, scoreShift } from './shift-score.js';

export interface IncidentWindowOptions {
  /** When the alert fired (epoch ms); by default the latest timestamp of any series. */
  alertAt?: number;
  /** How far before `alertAt` the incident may have begun. */
  lookbackMs?: number;
  /** How much history before the search range is the baseline; by default all of it. */
  baselineMs?: number;
  /** Two series' onsets within this much of each other confirm each other. */
  agreementMs?: number;
  /**
   * The service the alert fired on. Its own departure anchors the onset: the incident began with
   * the run of departures that leads up to it, whatever else blipped earlier.
   */
  anchorService?: string;
}

export interface SeriesEvidence {
  /** `service/metric{label="value",…}`, labels sorted by name. */
  seriesId: string;
  service: string;
  metric: string;
  labels: Record<string, string>;
  direction: Direction;
  /** `scoreShift`'s score of the search range against the baseline (> 0 for evidence). */
  score: number;
  onset: number;
  end: number;
  /** The value furthest from the baseline in `direction`, and the baseline median. */
  peak: number;
  baseline: number;
}

export interface IncidentWindow {
  onset: number;
  end: number;
  /** Strongest first. */
  evidence: SeriesEvidence[];
}

const DEFAULTS = {
  lookbackMs: 2 * HOUR_MS,
  baselineMs: Number.POSITIVE_INFINITY,
  agreementMs: 15 * MINUTE_MS,
};

/** How far before its first sustained departure a series' onset may be dated. */
const MAX_LEAD_MS = 5 * MINUTE_MS;
/** An anchor series must depart at least this strongly (a `scoreShift` score). */
const ANCHOR_MIN_SCORE = 3;
/** Walking back from the anchor, departures no more than this apart belong to one run. */
const RUN_GAP_MS = 5 * MINUTE_MS;

/** Onset CUSUM: the textbook k = 0.5, h = 5 of `detectChangePoints`, winsorised at ±4σ. */
const ONSET_CUSUM = { drift: 0.5, threshold: 5, clip: 4 };
/** An agreeing group of onsets dates the incident when it carries this share of the heaviest group's score. */
const ONSET_WEIGHT_SHARE = 0.5;

export function seriesId(series: Pick<Series, 'service' | 'metric' | 'labels'>): string {
  const labels = Object.keys(series.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(series.labels[k])}`);
  return `${series.service}/${series.metric}${labels.length > 0 ? `{${labels.join(',')}}` : ''}`;
}

/** The incident's window and the series that show it; undefined when no series departs. */
export function detectIncidentWindow(
  series: readonly Series[],
  options: IncidentWindowOptions = {},
): IncidentWindow | undefined {
  const { lookbackMs, baselineMs, agreementMs } = { ...DEFAULTS, ...options };
  const alertAt =
    options.alertAt ??
    series.reduce((latest, s) => Math.max(latest, s.timestamps.at(-1) ?? latest), Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(alertAt)) return undefined;
  const searchStart = alertAt - lookbackMs;

  const evidence: SeriesEvidence[] = [];
  for (const s of series) {
    const found = seriesEvidence(s, searchStart, baselineMs);
    if (found) evidence.push(found);
  }
  if (evidence.length === 0) return undefined;
  evidence.sort((a, b) => b.score - a.score || a.onset - b.onset);
  const anchored = options.anchorService ? anchoredOnset(evidence, options.anchorService) : undefined;
  return {
    onset: anchored ?? agreedOnset(evidence, agreementMs),
    end: weightedMedian(evidence.map((e) => ({ value: e.end, weight: e.score }))),
    evidence,
  };
}

function seriesEvidence(s: Series, searchStart: number, baselineMs: number): SeriesEvidence | undefined {
  const last = s.timestamps.at(-1);
  if (last === undefined || last < searchStart) return undefined;
  const shift = scoreShift(s, {
    baselineStart: searchStart - baselineMs,
    baselineEnd: searchStart,
    incidentStart: searchStart,
    incidentEnd: last,
  });
  if (shift === undefined || shift.score <= 0) return undefined;
  const baseline: IndexRange = {
    lo: lowerBound(s.timestamps, searchStart - baselineMs),
    hi: lowerBound(s.timestamps, searchStart),
  };
  const incident: IndexRange = { lo: baseline.hi, hi: s.timestamps.length };
  const { deviations } = incidentDeviations(s, baseline, incident);
  const sign = shift.direction === 'up' ? 1 : -1;
  let lastDeparted = 0;
  deviations.forEach((z, k) => {
    if (sign * z > NOISE_Z) lastDeparted = k;
  });
  const onsetIndex = cusumOnset(deviations, shift.direction);
  return {
    seriesId: seriesId(s),
    service: s.service,
    metric: s.metric,
    labels: s.labels,
    direction: shift.direction,
    score: shift.score,
    onset: datedOnset(
      onsetIndex === undefined ? undefined : s.timestamps[incident.lo + onsetIndex],
      shift.onset,
      searchStart,
    ),
    end: s.timestamps[incident.lo + lastDeparted] ?? last,
    peak: shift.incidentPeak,
    baseline: shift.baselineMedian,
  };
}

/**
 * CUSUM dates a departure to the start of the run that crossed its threshold, which is right for a
 * step and for a ramp; but a slow drift (the afternoon's traffic climbing against a morning
 * baseline) keeps that run going for an hour before the real jump. The onset is therefore never
 * more than `MAX_LEAD_MS` before the first sustained departure beyond the noise band.
 */
function datedOnset(cusum: number | undefined, sustained: number | undefined, fallback: number): number {
  if (cusum === undefined) return sustained ?? fallback;
  if (sustained === undefined) return cusum;
  return Math.max(cusum, sustained - MAX_LEAD_MS);
}

/** Index where the first CUSUM alarm in `direction` says the departure began. */
function cusumOnset(z: readonly number[], direction: Direction): number | undefined {
  const cusum = new TwoSidedCusum(ONSET_CUSUM.drift, ONSET_CUSUM.clip);
  for (const value of z) {
    cusum.push(value);
    if (direction === 'up' && cusum.up >= ONSET_CUSUM.threshold) return cusum.upSince;
    if (direction === 'down' && cusum.down >= ONSET_CUSUM.threshold) return cusum.downSince;
  }
  return undefined;
}

/**
 * The start of the run of departures that leads up to the anchor service's first strong one:
 * walk back through earlier onsets while each is within `RUN_GAP_MS` of the next.
 */
function anchoredOnset(evidence: readonly SeriesEvidence[], service: string): number | undefined {
  const anchors = evidence.filter((e) => e.service === service && e.score >= ANCHOR_MIN_SCORE);
  if (anchors.length === 0) return undefined;
  let onset = Math.min(...anchors.map((e) => e.onset));
  const earlier = evidence
    .filter((e) => e.onset < onset && e.score >= ANCHOR_MIN_SCORE)
    .map((e) => e.onset)
    .sort((a, b) => b - a);
  for (const t of earlier) {
    if (onset - t > RUN_GAP_MS) break;
    onset = t;
  }
  return onset;
}

function agreedOnset(evidence: readonly SeriesEvidence[], agreementMs: number): number {
  const sorted = [...evidence].sort((a, b) => a.onset - b.onset);
  // Each onset opens a window of `agreementMs`; its weight is the score of the evidence inside.
  const windows = sorted.map((e, k) => {
    let weight = 0;
    let members = 0;
    for (let j = k; j < sorted.length && (sorted[j]?.onset ?? 0) - e.onset <= agreementMs; j++) {
      weight += sorted[j]?.score ?? 0;
      members++;
    }
    return { onset: e.onset, weight, members };
  });
  const agreed = windows.filter((w) => w.members >= 2);
  if (agreed.length === 0) return weightedMedian(evidence.map((e) => ({ value: e.onset, weight: e.score })));
  const heaviest = Math.max(...agreed.map((w) => w.weight));
  // The earliest window carrying at least half the heaviest one's weight: a couple of blips that
  // happen to agree do not date the incident, while a cause that leads its symptoms still can.
  return agreed.find((w) => w.weight >= ONSET_WEIGHT_SHARE * heaviest)?.onset ?? sorted[0]?.onset ?? 0;
}

/** The lower weighted median: the smallest value with at least half the total weight at or below it. */
export function weightedMedian(items: ReadonlyArray<{ value: number; weight: number }>): number {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  let cumulative = 0;
  for (const item of sorted) {
    cumulative += item.weight;
    if (cumulative >= total / 2) return item.value;
  }
  return sorted.at(-1)?.value ?? Number.NaN;
}
