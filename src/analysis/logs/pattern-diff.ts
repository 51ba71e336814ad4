/**
 * Which log patterns appeared or rose in an incident window compared with a baseline window. A
 * pattern is a (service, template, level); each is tested with the conditional binomial test for two
 * Poisson rates (rate-test.ts), which accounts for windows of different lengths, and the patterns
 * kept are those that survive the Benjamini–Hochberg procedure at `alpha` over all patterns tested
 * (Benjamini and Hochberg, JRSS B 1995): among the patterns reported, the expected share of chance
 * rises is at most `alpha`.
 */
import { type LogLevel, NightshiftError } from '../../core/index.js';
import { logRateIncreasePValue } from './rate-test.js';

/** One log line as the diff needs it: its service, level and mined template. */
export interface PatternRecord {
  service: string;
  level: LogLevel;
  templateId: number;
}

/** The lines of one window and its length. */
export interface PatternWindow {
  records: Iterable<PatternRecord>;
  durationMs: number;
}

export interface PatternDiffOptions {
  /**
   * Least lines of a pattern in the incident window for it to be tested. 3: one or two lines are
   * anecdotes an on-call engineer reads directly, and a single line that never occurred before can
   * pass a test on its own when the baseline is short.
   */
  minCount: number;
  /**
   * False discovery rate for the Benjamini–Hochberg procedure over the patterns tested. 0.01: a
   * brief that lists twenty patterns holds a chance rise less than one time in five.
   */
  alpha: number;
}

export const DEFAULT_PATTERN_DIFF_OPTIONS: PatternDiffOptions = { minCount: 3, alpha: 0.01 };

/** A pattern that is new in the incident window, or more frequent there than in the baseline. */
export interface PatternChange {
  service: string;
  level: LogLevel;
  templateId: number;
  /** `new`: no line in the baseline; `increased`: a higher rate than in the baseline. */
  kind: 'new' | 'increased';
  baselineCount: number;
  incidentCount: number;
  baselineRatePerMin: number;
  incidentRatePerMin: number;
  /** One-sided p-value of the rate test, before the Benjamini–Hochberg adjustment. */
  pValue: number;
  /** −log10 of the p-value, computed in log space so that it stays finite: larger is stronger. */
  score: number;
}

const MINUTE_MS = 60_000;

/**
 * Patterns that rose significantly from `baseline` to `incident`, most significant first (ties:
 * more incident lines first, then service, level and template for a stable order).
 */
export function diffPatterns(
  baseline: PatternWindow,
  incident: PatternWindow,
  options: Partial<PatternDiffOptions> = {},
): PatternChange[] {
  const { minCount, alpha } = { ...DEFAULT_PATTERN_DIFF_OPTIONS, ...options };
  checkWindow('baseline', baseline.durationMs);
  checkWindow('incident', incident.durationMs);
  const counts = new Map<string, { record: PatternRecord; baseline: number; incident: number }>();
  const tally = (records: Iterable<PatternRecord>, side: 'baseline' | 'incident') => {
    for (const record of records) {
      const key = `${record.service}\u0000${record.level}\u0000${record.templateId}`;
      let entry = counts.get(key);
      if (entry === undefined) {
        entry = { record, baseline: 0, incident: 0 };
        counts.set(key, entry);
      }
      entry[side]++;
    }
  };
  tally(baseline.records, 'baseline');
  tally(incident.records, 'incident');

  const t1 = baseline.durationMs;
  const t2 = incident.durationMs;
  const tested: PatternChange[] = [];
  for (const { record, baseline: k1, incident: k2 } of counts.values()) {
    if (k2 < minCount || k2 * t1 <= k1 * t2) continue;
    const logP = logRateIncreasePValue(k1, t1, k2, t2);
    tested.push({
      service: record.service,
      level: record.level,
      templateId: record.templateId,
      kind: k1 === 0 ? 'new' : 'increased',
      baselineCount: k1,
      incidentCount: k2,
      baselineRatePerMin: (k1 * MINUTE_MS) / t1,
      incidentRatePerMin: (k2 * MINUTE_MS) / t2,
      pValue: Math.exp(logP),
      score: -logP / Math.LN10,
    });
  }
  tested.sort(bySignificance);
  return tested.slice(0, benjaminiHochberg(tested, alpha));
}

/** How many of the patterns (sorted by p-value) the Benjamini–Hochberg procedure keeps at `alpha`. */
function benjaminiHochberg(sorted: readonly PatternChange[], alpha: number): number {
  const m = sorted.length;
  let kept = 0;
  sorted.forEach((change, i) => {
    if (change.pValue <= ((i + 1) / m) * alpha) kept = i + 1;
  });
  return kept;
}

function bySignificance(a: PatternChange, b: PatternChange): number {
  return (
    b.score - a.score ||
    b.incidentCount - a.incidentCount ||
    a.service.localeCompare(b.service) ||
    a.level.localeCompare(b.level) ||
    a.templateId - b.templateId
  );
}

function checkWindow(name: string, durationMs: number): void {
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) {
    throw new NightshiftError(
      'BAD_INPUT',
      `the ${name} window must last a positive time; got ${durationMs} ms`,
      {
        hint: 'Pass the window length in milliseconds.',
      },
    );
  }
}
