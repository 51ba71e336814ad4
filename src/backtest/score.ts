/**
 * One report scored against its bundle's truth.yaml: the verdicts a backtest and `bench:investigate`
 * count. Pure. A case's accepted services are the truth's root-cause service and any
 * `alsoAcceptable` service (RCAEval's convention, as in bench/rca-score.ts).
 */
import type { Confidence, Report, Truth } from '../core/index.js';

/** How many ranked services "top 3" looks at: the root cause, then the alternatives in order. */
export const TOP_K = 3;

export interface Verdicts {
  /** The report's root-cause service is an accepted one. */
  top1: boolean;
  /** An accepted service is among the root cause and the first alternatives (TOP_K in all). */
  top3: boolean;
  /** The report's category is the truth's. */
  category: boolean;
  /** The report named the truth's causing change; undefined when the truth names none. */
  change: boolean | undefined;
  /** The report named a change where the truth has none; undefined when the truth names one. */
  falseChange: boolean | undefined;
  confidence: Confidence;
}

/** The services the truth accepts as the root cause. */
export function acceptedServices(truth: Truth): string[] {
  return [truth.rootCause.service, ...truth.alsoAcceptable.flatMap((a) => (a.service ? [a.service] : []))];
}

/** The report's ranking of services: its root cause, then its alternatives, without repeats. */
export function rankedServices(report: Report): string[] {
  return [...new Set([report.rootCause.service, ...report.alternatives.map((a) => a.service)])];
}

/** Scores `report` against `truth`. */
export function scoreReport(report: Report, truth: Truth): Verdicts {
  const accepted = acceptedServices(truth);
  const truthChange = truth.rootCause.change;
  const namedChange = report.rootCause.changeId;
  return {
    top1: accepted.includes(report.rootCause.service),
    top3: rankedServices(report)
      .slice(0, TOP_K)
      .some((s) => accepted.includes(s)),
    category: report.rootCause.category === truth.rootCause.category,
    change: truthChange === undefined ? undefined : namedChange === truthChange,
    falseChange: truthChange === undefined ? namedChange !== undefined : undefined,
    confidence: report.rootCause.confidence,
  };
}
