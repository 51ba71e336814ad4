/**
 * What `eval save` prints before anything is written: what the anonymiser replaced, by kind with
 * counts and a few of the tokens used (never an original), how the recording was made, and the
 * start of the case as YAML.
 */
import type { ReplacementSummary } from '../../anonymise/index.js';
import type { SaveResult } from './save.js';

export const PREVIEW_LINES = 40;

export function formatReplacements(replaced: readonly ReplacementSummary[]): string {
  if (replaced.length === 0) return 'Replaced: nothing (no identifying data or secrets found).\n';
  const width = Math.max(...replaced.map((r) => r.kind.length));
  const rows = replaced.map(
    (r) =>
      `  ${r.kind.padEnd(width)}  ${String(r.count).padStart(4)}  e.g. ${r.examples.map((e) => e.to).join(', ')}`,
  );
  const total = replaced.reduce((sum, r) => sum + r.count, 0);
  return `Replaced ${total} value(s), by kind:\n${rows.join('\n')}\n`;
}

export function formatPreview(result: SaveResult, suite: string): string {
  const lines = result.yaml.trimEnd().split('\n');
  const shown = lines.slice(0, PREVIEW_LINES);
  const more = lines.length > PREVIEW_LINES ? [`  … ${lines.length - PREVIEW_LINES} more line(s)`] : [];
  const notes = result.notes.map((n) => `note: ${n}\n`).join('');
  const outcome = result.written
    ? `${result.created ? 'Created' : 'Added to'} ${suite}: case "${result.case.name}".\n`
    : `nothing written; pass --yes to add it to ${suite}\n`;
  return [
    formatReplacements(result.replaced),
    notes,
    `Case "${result.case.name}" (first ${Math.min(PREVIEW_LINES, lines.length)} of ${lines.length} lines):\n`,
    `${[...shown, ...more].map((l) => `  ${l}`).join('\n')}\n`,
    outcome,
  ].join('');
}
