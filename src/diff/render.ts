/**
 * A run diff as text for a person paged at 3 AM: where the runs parted, in one line, both sides of
 * what differed there, then what changed in the report. Pure; no colour, so files and tests agree.
 */
import type { Divergence, ReportDifference, ReportField, RunDiff, StepSummary } from './compare.js';

/** How each compared report field is named in the text. */
const FIELD_NAMES: Record<ReportField, string> = {
  'rootCause.service': 'root cause service',
  'rootCause.category': 'category',
  'rootCause.confidence': 'confidence',
  'rootCause.changeId': 'causing change',
  'rootCause.description': 'root cause description',
  alternatives: 'alternatives',
  actions: 'actions',
  summary: 'summary',
};

/** The diff as text ending in a newline; `a` and `b` name the runs (the paths or ids given). */
export function formatRunDiff(diff: RunDiff, names: { a: string; b: string }): string {
  const lines = [
    `a: ${names.a} (${plural(diff.stepsA, 'step')})`,
    `b: ${names.b} (${plural(diff.stepsB, 'step')})`,
    '',
  ];
  if (diff.identical) {
    lines.push(`The runs are identical: the same ${plural(diff.stepsA, 'step')} and the same report.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(...(diff.divergence ? divergenceLines(diff.divergence, diff) : [sameSteps(diff)]));
  lines.push('');
  if (diff.report.length === 0) lines.push('The reports are the same.');
  else lines.push('Report differences:', ...diff.report.flatMap(differenceLines));
  return `${lines.join('\n')}\n`;
}

function sameSteps(diff: RunDiff): string {
  return `The runs took the same ${plural(diff.stepsA, 'step')}.`;
}

function divergenceLines(d: Divergence, diff: RunDiff): string[] {
  const of = diff.stepsA === diff.stepsB ? `${diff.stepsA}` : `${diff.stepsA} (a) / ${diff.stepsB} (b)`;
  const head = `First divergence at step ${d.step} of ${of}`;
  const lines = [`${head}: ${what(d)}`];
  if (d.excerpt) lines.push(`  a: ${d.excerpt.a}`, `  b: ${d.excerpt.b}`);
  const spans =
    d.a && d.b && d.a.spanId === d.b.spanId
      ? [`span ${d.a.spanId} in both`]
      : [d.a && `span ${d.a.spanId} in a`, d.b && `span ${d.b.spanId} in b`].filter(Boolean);
  const before = d.step > 1 ? `; steps 1–${d.step - 1} are the same` : '';
  lines.push(`  (${spans.join(', ')}${before})`);
  return lines;
}

function what(d: Divergence): string {
  const { a, b } = d;
  if (d.kind === 'ended') {
    const [ended, went, step] = a === undefined ? ['a', 'b', b] : ['b', 'a', a];
    return `${ended} ended after ${d.step - 1} steps; ${went} went on with ${step ? stepName(step) : 'more'}`;
  }
  if (a === undefined || b === undefined) return 'one run has no step here';
  if (d.kind === 'step') return `a took ${stepName(a)}, b took ${stepName(b)}`;
  if (d.kind === 'arguments')
    return `${stepName(a)}, ${a.kind === 'model' ? 'prompts' : 'arguments'} differ:`;
  if (a.kind === 'stage') return `${stepName(a)}, what it recorded differs:`;
  return `${stepName(a)}, ${a.kind === 'tool' ? 'results' : 'outputs'} differ:`;
}

function stepName(step: StepSummary): string {
  if (step.kind === 'tool') return `tool ${step.name}`;
  if (step.kind === 'model') return `model ${step.name}`;
  return step.name;
}

function differenceLines(d: ReportDifference): string[] {
  const name = FIELD_NAMES[d.field];
  if (d.onlyA === undefined && d.a.length + d.b.length < 60) return [`  ${name}: ${d.a} → ${d.b}`];
  const lines = [`  ${name}:`, `    a: ${d.a}`, `    b: ${d.b}`];
  if (d.onlyA && d.onlyA.length > 0) lines.push(`    only in a: ${d.onlyA.join('; ')}`);
  if (d.onlyB && d.onlyB.length > 0) lines.push(`    only in b: ${d.onlyB.join('; ')}`);
  return lines;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
