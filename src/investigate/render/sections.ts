/**
 * The brief's content in reading order, independent of the medium: what a renderer prints and in
 * which order. Actions come safest first (rollback, restart, scale, config change, investigate)
 * whatever order they were given in; text that came from logs or tools stays data.
 */
import { ACTION_KINDS, type Action, type Report, toIso } from '../../core/index.js';

export function sortedActions(actions: readonly Action[]): Action[] {
  return [...actions].sort((a, b) => ACTION_KINDS.indexOf(a.kind) - ACTION_KINDS.indexOf(b.kind));
}

export function categoryWords(category: string): string {
  return category.replaceAll('_', ' ');
}

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

export function headline(report: Report): string {
  const r = report.rootCause;
  return `${r.service}: ${categoryWords(r.category)} (${r.confidence} confidence)`;
}
