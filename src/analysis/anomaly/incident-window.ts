/**
 * When did things go wrong, across many series? The search range runs from `lookbackMs` before
 * the alert to the end of the data; each series is compared with its own baseline before it (`scoreShift`'s robust, seasonal-when-possible z-scores); series that
 * depart in a sustained way become evidence, with an onset dated by a two-sided CUSUM (Page 1954)
 * to the last moment the departure had not yet begun, and an end at the last departed point.
 *
 * The incident's onset must be agreed on: it is the earliest evidence onset that another series'
 * onset falls within `agreementMs` of, so one metric that blipped an hour early does not date the
 * incident. When no two onsets agree (or there is one series), it is the score-weighted median of
 * the onsets. The end is the score-weighted median of the evidence ends: the incident is over when
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

/** Onset CUSUM: the textbook k = 0.5, h = 5 of `detectChangePoints`, winsorised at ±4σ. */
const ONSET_CUSUM = { drift: 0.5, threshold: 5, clip: 4 };

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
  return {
    onset: agreedOnset(evidence, agreementMs),
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
    onset:
      onsetIndex === undefined
        ? (shift.onset ?? searchStart)
        : (s.timestamps[incident.lo + onsetIndex] ?? searchStart),
    end: s.timestamps[incident.lo + lastDeparted] ?? last,
    peak: shift.incidentPeak,
    baseline: shift.baselineMedian,
  };
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

function agreedOnset(evidence: readonly SeriesEvidence[], agreementMs: number): number {
  const onsets = evidence.map((e) => e.onset).sort((a, b) => a - b);
  for (let k = 0; k + 1 < onsets.length; k++) {
    if ((onsets[k + 1] ?? 0) - (onsets[k] ?? 0) <= agreementMs) return onsets[k] ?? 0;
  }
  return weightedMedian(evidence.map((e) => ({ value: e.onset, weight: e.score })));
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
