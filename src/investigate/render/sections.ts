/**
 * The brief's content in reading order, independent of the medium: what every renderer prints and
 * in which order, so the terminal, markdown and Slack briefs never disagree. Actions come safest
 * first whatever order they were given in; evidence strongest first.
 */
import { ACTION_KINDS, type Action, type Evidence, type Report, toIso } from '../../core/index.js';

/**
 * Said beside every action, not once per list: a reader who jumps to one command at 3 AM must
 * still see that Nightshift proposes and a human decides and runs.
 */
export const APPROVAL_NOTE = 'needs human approval';

/**
 * Actions safest first (rollback, restart, scale, config change, investigate: the order of
 * ACTION_KINDS). The sort is stable, so the brain's order is kept within a kind.
 */
export function sortedActions(actions: readonly Action[]): Action[] {
  return [...actions].sort((a, b) => ACTION_KINDS.indexOf(a.kind) - ACTION_KINDS.indexOf(b.kind));
}

/** Evidence strongest first (stable), so "top evidence" means the items that weigh most. */
export function strongestFirst(evidence: readonly Evidence[]): Evidence[] {
  return [...evidence].sort((a, b) => b.strength - a.strength);
}

/** `bad_deploy` → `bad deploy`: categories read as words in a brief. */
export function categoryWords(category: string): string {
  return category.replaceAll('_', ' ');
}

/** The tool call behind an evidence item, as a reader would re-run it: `log_patterns {"limit":10}`. */
export function sourceText(source: Evidence['source']): string {
  return source.query ? `${source.tool} ${source.query}` : source.tool;
}

/** One missing source with its reason: `traces (timed out after 10 s)`. */
export function notCheckedText(missing: Report['missingSources'][number]): string {
  return `${missing.source} (${missing.reason})`;
}

/** Which services are hurt, since when and how badly, in one line. */
export function impactLine(report: Report): string {
  const i = report.impact;
  const parts = [
    i.services.length > 0
      ? `services: ${i.services.join(', ')}`
      : 'no service with a clear error or latency shift',
    ...(i.startedAt === undefined ? [] : [`since ${toIso(i.startedAt)}`]),
    ...(i.errorRatioPeak === undefined ? [] : [`error ratio peak ${(i.errorRatioPeak * 100).toFixed(1)}%`]),
    ...(i.latencyP99PeakMs === undefined ? [] : [`p99 peak ${Math.round(i.latencyP99PeakMs)} ms`]),
  ];
  return parts.join('; ');
}

/** `checkout: bad deploy (HIGH confidence)`: the one line a reader must not miss. */
export function headline(report: Report): string {
  const r = report.rootCause;
  return `${r.service}: ${categoryWords(r.category)} (${r.confidence} confidence)`;
}
