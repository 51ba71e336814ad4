/**
 * The truth of a production incident, from what the responder said about its report (their latest
 * feedback, as accuracy counts it). Pure: no store, no clock.
 *
 * - `correct`: the report's root cause is the truth (its service and causing change), with the
 *   feedback's category when the responder gave one, else the report's.
 * - `partly_correct`, `wrong_but_useful`, `wrong`: the truth is the responder's correction: the
 *   service their root cause names first (their words are prose: "the db-proxy pool was
 *   exhausted" names `db-proxy`, the rule `eval save` uses), and the category they gave. Without a
 *   category, only `partly_correct` vouches for the report's category (the responder called the
 *   report partly right and corrected the service, not the kind of failure); after `wrong` or
 *   `wrong_but_useful` there is no category to score against, and the case is skipped. Feedback has
 *   no field for the causing change, so a correction carries none.
 * - Anything else (no correction that names a service of the incident, a category Nightshift does
 *   not know) is skipped with the reason: a backtest scores only what someone confirmed.
 */
import { type Report, ROOT_CAUSE_CATEGORIES } from '../core/index.js';
import { serviceNamedIn } from '../evals/save/index.js';
import type { Feedback } from '../store/index.js';

/** What a confirmed incident is scored against: the shape of a bundle truth's root cause. */
export interface StoreCaseTruth {
  service: string;
  category: string;
  change?: string;
  /** A correction: feedback cannot say whether a change caused it, so the change is not scored. */
  changeUnknown?: true;
}

export type TruthDecision = { ok: true; truth: StoreCaseTruth } | { ok: false; reason: string };

/** The truth `feedback` confirms for `report`; `services` are the incident's, for reading a correction. */
export function truthFromFeedback(
  report: Report,
  feedback: Pick<Feedback, 'grade' | 'rootCause' | 'category'>,
  services: readonly string[],
): TruthDecision {
  const { grade } = feedback;
  if (
    feedback.category !== undefined &&
    !(ROOT_CAUSE_CATEGORIES as readonly string[]).includes(feedback.category)
  ) {
    return {
      ok: false,
      reason: `graded ${grade} with the category "${feedback.category}", which is not one Nightshift knows`,
    };
  }
  const answer = report.rootCause;
  if (grade === 'correct') {
    return {
      ok: true,
      truth: {
        service: answer.service,
        category: feedback.category ?? answer.category,
        ...(answer.changeId === undefined ? {} : { change: answer.changeId }),
      },
    };
  }
  const named = feedback.rootCause === undefined ? undefined : serviceNamedIn(feedback.rootCause, services);
  if (named === undefined) {
    return {
      ok: false,
      reason: `graded ${grade} without a corrected root cause that names one of its services: nothing to score against`,
    };
  }
  const category = feedback.category ?? (grade === 'partly_correct' ? answer.category : undefined);
  if (category === undefined) {
    return {
      ok: false,
      reason: `graded ${grade} and corrected to ${named} without a category: nothing to score the category against`,
    };
  }
  return { ok: true, truth: { service: named, category, changeUnknown: true } };
}

/**
 * The services of an incident a correction may name: the report's (root cause, alternatives,
 * impact), the alert's, and every service in the evidence it was investigated from.
 */
export function incidentServices(
  report: Report,
  alertService: string,
  evidence: {
    topology?: { services: readonly { name: string; dependsOn: readonly string[] }[] };
    collected: {
      series: readonly { service: string }[];
      logs: readonly { service: string }[];
      spans: readonly { service: string }[];
      changes: readonly { service: string }[];
    };
  },
): string[] {
  const { collected, topology } = evidence;
  const all = [
    alertService,
    report.rootCause.service,
    ...report.alternatives.map((h) => h.service),
    ...report.impact.services,
    ...(topology?.services.flatMap((s) => [s.name, ...s.dependsOn]) ?? []),
    ...[collected.series, collected.logs, collected.spans, collected.changes].flatMap((records) =>
      records.map((r) => r.service),
    ),
  ];
  return [...new Set(all)].filter((s) => s !== '').sort();
}
