/**
 * The figures users quote, from confirmed cases: overall and split by service, category or
 * account, within a window. Each figure carries its sample size, its 95% Wilson interval and its
 * sentence. Pure: the window's start and the cases are passed in.
 */
import { CONFIDENCE_LEVELS, type Confidence, toIso } from '../core/index.js';
import type { CaseSource, ConfirmedCase, SkippedCase } from './cases.js';
import { type Figure, figureOf } from './figure.js';

/**
 * How figures can be split: by the alert's service, the report's category, the alert's account
 * label, the alert's environment label.
 */
export const ACCURACY_SPLITS = ['service', 'category', 'account', 'environment'] as const;
export type AccuracySplit = (typeof ACCURACY_SPLITS)[number];

/** The group of cases whose first alert carries no account label. */
export const NO_ACCOUNT = '(no account label)';

/** The group of cases whose first alert carries no environment label. */
export const NO_ENVIRONMENT = '(no environment label)';

/** How a set of cases is described: feedback's confirmed incidents by default. */
export interface CaseWording {
  /** What was counted, plural: "confirmed incidents", "backtest cases". */
  noun: string;
  /** Said when no case's truth names a causing change. */
  changeWhenNone: string;
}

const FEEDBACK_WORDING: CaseWording = {
  noun: 'confirmed incidents',
  changeWhenNone: 'not measured from feedback yet',
};

/** Every figure of one set of cases, and their sentences in reading order. */
export interface AccuracyFigures {
  /** Confirmed incidents counted. */
  confirmed: number;
  /** Graded `correct`. */
  rootCause: Figure;
  /** Graded `correct` or `partly_correct`. */
  rootCauseOrPartly: Figure;
  /** The truth gave no different category. */
  category: Figure;
  /** Only where the truth says which change caused it; feedback never does yet. */
  causingChange: Figure;
  /** Calibration: root cause right among the answers given at each confidence. */
  confidence: Record<Confidence, Figure>;
  sentences: string[];
}

export interface AccuracyGroup extends AccuracyFigures {
  key: string;
}

export interface AccuracyReport {
  /** The window's start (ISO 8601): investigations created at or after it count. */
  since: string;
  /** The sources of truth the cases came from. */
  sources: CaseSource[];
  /** One line saying what was counted. */
  headline: string;
  overall: AccuracyFigures;
  by?: AccuracySplit;
  /** Largest first; present with `by`. */
  groups?: AccuracyGroup[];
  /** Graded investigations in the window that could not be counted, by reason. */
  skipped: Record<SkippedCase['reason'], number>;
}

/** The figures of these cases (all of them: filter first). */
export function figuresOf(
  cases: readonly ConfirmedCase[],
  wording: CaseWording = FEEDBACK_WORDING,
): AccuracyFigures {
  const { noun } = wording;
  const count = (pick: (c: ConfirmedCase) => boolean) => cases.filter(pick).length;
  const changeMeasured = cases.filter((c) => c.changeRight !== undefined);
  const confidence = Object.fromEntries(
    CONFIDENCE_LEVELS.map((level) => {
      const answered = cases.filter((c) => c.confidence === level);
      return [
        level,
        figureOf(answered.filter((c) => c.rootCause === 'right').length, answered.length, {
          what: 'root cause right',
          among: `answered with ${level} confidence`,
          noun,
        }),
      ];
    }),
  ) as Record<Confidence, Figure>;
  const figures = {
    rootCause: figureOf(
      count((c) => c.rootCause === 'right'),
      cases.length,
      { what: 'root cause right', noun },
    ),
    rootCauseOrPartly: figureOf(
      count((c) => c.rootCause !== 'wrong'),
      cases.length,
      {
        what: 'root cause right or partly right',
        noun,
      },
    ),
    category: figureOf(
      count((c) => c.categoryRight),
      cases.length,
      { what: 'category right', noun },
    ),
    causingChange: figureOf(
      changeMeasured.filter((c) => c.changeRight === true).length,
      changeMeasured.length,
      { what: 'causing change found', whenNone: wording.changeWhenNone, noun },
    ),
  };
  return {
    confirmed: cases.length,
    ...figures,
    confidence,
    sentences: [
      ...Object.values(figures).map((f) => f.sentence),
      ...CONFIDENCE_LEVELS.map((level) => confidence[level].sentence),
    ],
  };
}

/**
 * The report of cases created at or after `sinceMs`, split by `by` when given. Cases outside the
 * window, and skipped ones outside it, are not counted.
 */
export function accuracyReport(
  input: { cases: readonly ConfirmedCase[]; skipped: readonly SkippedCase[] },
  options: {
    sinceMs: number;
    by?: AccuracySplit;
    /** Replaces the feedback headline, e.g. for a backtest's cases. */
    headline?: string;
    wording?: CaseWording;
  },
): AccuracyReport {
  const wording = options.wording ?? FEEDBACK_WORDING;
  const cases = input.cases.filter((c) => c.createdAt >= options.sinceMs);
  const skipped: AccuracyReport['skipped'] = { 'no report': 0, 'unreadable report': 0 };
  for (const s of input.skipped) if (s.createdAt >= options.sinceMs) skipped[s.reason]++;
  const since = toIso(options.sinceMs);
  const sources = [...new Set(cases.map((c) => c.source))].sort();
  const report: AccuracyReport = {
    since,
    sources,
    headline: options.headline ?? headline(cases.length, since),
    overall: figuresOf(cases, wording),
    skipped,
  };
  if (options.by === undefined) return report;
  const split = options.by;
  const byKey = new Map<string, ConfirmedCase[]>();
  for (const c of cases) {
    const key = keyOf(c, split);
    const members = byKey.get(key);
    if (members === undefined) byKey.set(key, [c]);
    else members.push(c);
  }
  const groups = [...byKey]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .map(([key, members]) => {
      const figures = figuresOf(members, wording);
      return { key, ...figures, sentences: figures.sentences.map((s) => `${split} ${key}: ${s}`) };
    });
  return { ...report, by: split, groups };
}

function keyOf(c: ConfirmedCase, split: AccuracySplit): string {
  switch (split) {
    case 'service':
      return c.service;
    case 'category':
      return c.category;
    case 'account':
      return c.account ?? NO_ACCOUNT;
    case 'environment':
      return c.environment ?? NO_ENVIRONMENT;
  }
}

function headline(confirmed: number, since: string): string {
  const day = since.slice(0, 10);
  if (confirmed === 0)
    return `no confirmed incidents yet since ${day} (confirmed: a responder gave feedback)`;
  const noun = confirmed === 1 ? 'incident' : 'incidents';
  return `${confirmed} confirmed ${noun} since ${day} (confirmed: a responder gave feedback; unconfirmed reports are not counted)`;
}
