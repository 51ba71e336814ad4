/**
 * Two runs side by side (`nightshift eval compare`): per-case pass-rate deltas, the cases that
 * flipped between passing and failing their gate, the cases only one run has, and the overall
 * delta. Pure. Cases are matched by suite file and name.
 */
import type { CaseResult, CaseStatus, EvalRunResult } from './schema.js';
import { type Paint, PLAIN, percent } from './table.js';

export interface CaseDelta {
  suite: string;
  name: string;
  before: { status: CaseStatus; passRate: number };
  after: { status: CaseStatus; passRate: number };
  /** after − before, in -1..1. */
  delta: number;
}

export interface RunComparison {
  before: { id: string; startedAt: number; passRate: number };
  after: { id: string; startedAt: number; passRate: number };
  /** Cases in both runs, in the after run's order. */
  cases: CaseDelta[];
  /** Met the gate before, not after (fail or error): regressions. */
  passToFail: CaseDelta[];
  /** Missed the gate before, met it after: fixes. */
  failToPass: CaseDelta[];
  added: { suite: string; name: string; status: CaseStatus }[];
  removed: { suite: string; name: string; status: CaseStatus }[];
  /** after − before of the runs' pass rates. */
  overallDelta: number;
}

/** Whether a status met its gate (an unexpected pass did). */
const metGate = (status: CaseStatus) => status === 'pass' || status === 'xpass';
const keyOf = (c: Pick<CaseResult, 'suite' | 'name'>) => `${c.suite}\u0000${c.name}`;

export function compareRuns(before: EvalRunResult, after: EvalRunResult): RunComparison {
  const earlier = new Map(before.cases.map((c) => [keyOf(c), c]));
  const later = new Set(after.cases.map(keyOf));
  const cases: CaseDelta[] = [];
  const added: RunComparison['added'] = [];
  for (const c of after.cases) {
    const old = earlier.get(keyOf(c));
    if (old === undefined) {
      added.push({ suite: c.suite, name: c.name, status: c.status });
      continue;
    }
    cases.push({
      suite: c.suite,
      name: c.name,
      before: { status: old.status, passRate: old.passRate },
      after: { status: c.status, passRate: c.passRate },
      delta: c.passRate - old.passRate,
    });
  }
  const flipped = (from: boolean) =>
    cases.filter(
      (d) =>
        metGate(d.before.status) === from &&
        metGate(d.after.status) !== from &&
        d.after.status !== 'xfail' &&
        d.before.status !== 'xfail',
    );
  return {
    before: { id: before.id, startedAt: before.startedAt, passRate: before.summary.passRate },
    after: { id: after.id, startedAt: after.startedAt, passRate: after.summary.passRate },
    cases,
    passToFail: flipped(true),
    failToPass: flipped(false),
    added,
    removed: before.cases
      .filter((c) => !later.has(keyOf(c)))
      .map((c) => ({ suite: c.suite, name: c.name, status: c.status })),
    overallDelta: after.summary.passRate - before.summary.passRate,
  };
}

function signed(delta: number): string {
  const points = Math.round(delta * 100);
  return points > 0 ? `+${points}%` : points < 0 ? `${points}%` : '±0%';
}

export function renderComparison(comparison: RunComparison, paint: Paint = PLAIN): string {
  const { before, after } = comparison;
  const lines = [
    `${before.id} → ${after.id}: pass rate ${percent(before.passRate)} → ${percent(after.passRate)} (${signed(comparison.overallDelta)})`,
  ];
  const label = (c: { suite: string; name: string }) => `${c.suite} › ${c.name}`;
  const changed = comparison.cases.filter((d) => d.delta !== 0 || d.before.status !== d.after.status);
  if (changed.length > 0) {
    const width = Math.max(...changed.map((d) => label(d).length));
    lines.push('', 'changed:');
    for (const d of changed) {
      const text = `  ${label(d).padEnd(width)}  ${d.before.status} ${percent(d.before.passRate)} → ${d.after.status} ${percent(d.after.passRate)}  ${signed(d.delta)}`;
      lines.push(d.delta < 0 ? paint.red(text) : d.delta > 0 ? paint.green(text) : text);
    }
  }
  const section = (
    title: string,
    items: { suite: string; name: string }[],
    colour: (t: string) => string,
  ) => {
    if (items.length > 0) lines.push('', title, ...items.map((c) => colour(`  ${label(c)}`)));
  };
  section('flipped pass → fail:', comparison.passToFail, paint.red);
  section('flipped fail → pass:', comparison.failToPass, paint.green);
  section('added:', comparison.added, (t) => t);
  section('removed:', comparison.removed, paint.dim);
  if (changed.length === 0 && comparison.added.length === 0 && comparison.removed.length === 0)
    lines.push('', 'no case changed');
  return `${lines.join('\n')}\n`;
}
