/**
 * Two runs compared: the first step where they part, and how their reports differ. Pure.
 *
 * Only the first divergence is reported: after it the runs work from different inputs, and every
 * later difference may follow from it. The reports are compared whatever the steps did, since two
 * runs can take different steps to the same answer.
 */
import type { Report } from '../core/index.js';
import { excerpts, shortHash } from './canonical.js';
import type { Step, StepKind } from './steps.js';

/**
 * What differs at the first divergent step. `step`: a different step was taken there (another
 * tool, another model, another stage, or a tool call against a model call); `arguments`: the same
 * tool or model with other arguments or another prompt; `result`: the same call with another
 * result, error or output; `ended`: one run has no step there.
 */
export type DivergenceKind = 'step' | 'arguments' | 'result' | 'ended';

/** A step as a diff shows it: what it was, and hashes of what went in and out. */
export interface StepSummary {
  index: number;
  kind: StepKind;
  name: string;
  spanId: string;
  inputHash: string;
  outputHash: string;
}

export interface Divergence {
  /** 1-based index of the first step that differs. */
  step: number;
  kind: DivergenceKind;
  /** The step of each run there; absent for the run that had ended. */
  a?: StepSummary;
  b?: StepSummary;
  /** Where the compared texts part (arguments or results), both sides; absent for `step`/`ended`. */
  excerpt?: { a: string; b: string };
}

/** A report field whose value differs. Lists also say what only one side has. */
export interface ReportDifference {
  field: ReportField;
  a: string;
  b: string;
  onlyA?: string[];
  onlyB?: string[];
}

/** The report fields compared, in the order a responder reads them. */
export const REPORT_FIELDS = [
  'rootCause.service',
  'rootCause.category',
  'rootCause.confidence',
  'rootCause.changeId',
  'rootCause.description',
  'alternatives',
  'actions',
  'summary',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export interface RunDiff {
  stepsA: number;
  stepsB: number;
  /** Undefined when every step of both runs is the same. */
  divergence: Divergence | undefined;
  report: ReportDifference[];
  /** No step and no compared report field differs. */
  identical: boolean;
}

/** The first step where `a` and `b` differ, or undefined when they took the same steps. */
export function firstDivergence(a: readonly Step[], b: readonly Step[]): Divergence | undefined {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    const sides = { ...(x ? { a: summary(x) } : {}), ...(y ? { b: summary(y) } : {}) };
    if (x === undefined || y === undefined) return { step: i + 1, kind: 'ended', ...sides };
    if (x.kind !== y.kind || x.name !== y.name) return { step: i + 1, kind: 'step', ...sides };
    const input = excerpts(x.input, y.input);
    if (input) return { step: i + 1, kind: 'arguments', ...sides, excerpt: input };
    const output = excerpts(x.output, y.output);
    if (output) return { step: i + 1, kind: 'result', ...sides, excerpt: output };
  }
  return undefined;
}

/** The compared fields of two reports that differ, in REPORT_FIELDS order. */
export function diffReports(a: Report, b: Report): ReportDifference[] {
  const out: ReportDifference[] = [];
  const scalar = (field: ReportField, x: string, y: string) => {
    if (x !== y) out.push({ field, a: x, b: y });
  };
  const list = (field: ReportField, x: string[], y: string[]) => {
    if (x.join('\n') === y.join('\n')) return;
    out.push({
      field,
      a: listText(x),
      b: listText(y),
      onlyA: x.filter((v) => !y.includes(v)),
      onlyB: y.filter((v) => !x.includes(v)),
    });
  };
  scalar('rootCause.service', a.rootCause.service, b.rootCause.service);
  scalar('rootCause.category', a.rootCause.category, b.rootCause.category);
  scalar('rootCause.confidence', a.rootCause.confidence, b.rootCause.confidence);
  scalar('rootCause.changeId', a.rootCause.changeId ?? NONE, b.rootCause.changeId ?? NONE);
  scalar('rootCause.description', a.rootCause.description, b.rootCause.description);
  list('alternatives', a.alternatives.map(hypothesisText), b.alternatives.map(hypothesisText));
  list('actions', a.actions.map(actionText), b.actions.map(actionText));
  scalar('summary', a.summary, b.summary);
  return out;
}

/** Compares two runs: their steps (from their traces) and their reports. */
export function diffRuns(
  a: { steps: readonly Step[]; report: Report },
  b: { steps: readonly Step[]; report: Report },
): RunDiff {
  const divergence = firstDivergence(a.steps, b.steps);
  const report = diffReports(a.report, b.report);
  return {
    stepsA: a.steps.length,
    stepsB: b.steps.length,
    divergence,
    report,
    identical: divergence === undefined && report.length === 0,
  };
}

/** How an absent causing change reads. */
export const NONE = '(none)';

function summary(step: Step): StepSummary {
  return {
    index: step.index,
    kind: step.kind,
    name: step.name,
    spanId: step.spanId,
    inputHash: shortHash(step.input),
    outputHash: shortHash(step.output),
  };
}

function hypothesisText(h: Report['alternatives'][number]): string {
  return `${h.service} (${h.category})`;
}

function actionText(action: Report['actions'][number]): string {
  return `${action.kind}: ${action.title}`;
}

function listText(items: readonly string[]): string {
  return items.length === 0 ? NONE : items.join('; ');
}
