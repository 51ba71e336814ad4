/**
 * The brief for a terminal, read at 3 AM: the root cause and how sure we are first, what was not
 * checked right under it (it limits that confidence), then impact, evidence with the tool call
 * behind each item, alternatives, and the actions safest first. Colour only when asked, so a pipe
 * or a log file gets plain text; text from logs and tools is made printable so it cannot drive
 * the terminal.
 */
import { createColors } from 'picocolors';
import { type Report, toIso } from '../../core/index.js';
import {
  APPROVAL_NOTE,
  categoryWords,
  impactLine,
  notCheckedText,
  sortedActions,
  sourceText,
  strongestFirst,
} from './sections.js';
import { printable, wrap } from './terminal-text.js';

/** A terminal shows the strongest few; the full list is in report.md and report.json. */
export const TERMINAL_TOP_EVIDENCE = 5;
/** Timeline entries shown before "… N more"; the writer puts the causing change early. */
export const TERMINAL_TIMELINE = 8;

export interface TerminalOptions {
  /** ANSI colours on (a TTY that wants them) or off (pipes, files, NO_COLOR). */
  color: boolean;
  /** Wrap at this many columns (e.g. `process.stdout.columns`); unset: one line per item. */
  width?: number;
}

const LABEL = 12;

/** Renders the report as plain or coloured text for a terminal. */
export function renderTerminal(report: Report, options: TerminalOptions): string {
  const c = createColors(options.color);
  const { width } = options;
  const r = report.rootCause;
  const level = { HIGH: c.green, MEDIUM: c.yellow, LOW: c.red }[r.confidence];
  const field = (label: string, text: string) => wrap(label.padEnd(LABEL), text, width, LABEL);
  const item = (bullet: string, text: string, indent = bullet.length) => wrap(bullet, text, width, indent);
  const more = (n: number, what: string) =>
    n > 0 ? [c.dim(`  … ${n} more ${what} in the full report`)] : [];

  const out: string[] = [
    `${c.bold('Root cause'.padEnd(LABEL))}${c.bold(printable(`${r.service}: ${categoryWords(r.category)}`))} ${level(c.bold(`${r.confidence} confidence`))}`,
    ...wrap(' '.repeat(LABEL), printable(r.confidenceReason), width, LABEL).map((l) => c.dim(l)),
    ...report.missingSources.flatMap((m) =>
      item(' '.repeat(LABEL), `not checked: ${printable(notCheckedText(m))}`).map((l) => c.yellow(l)),
    ),
    '',
    ...item('', printable(report.summary), 0),
    '',
    ...field('Impact', printable(impactLine(report))),
    ...field('Why', printable(r.description)),
    ...(r.changeId ? field('Change', printable(r.changeId)) : []),
  ];

  const evidence = strongestFirst(report.evidence);
  if (evidence.length > 0) {
    const shown = evidence.slice(0, TERMINAL_TOP_EVIDENCE);
    out.push('', c.bold(`Evidence (strongest ${shown.length} of ${evidence.length})`));
    shown.forEach((e, i) => {
      out.push(...item(`  ${i + 1}. `, printable(e.summary)));
      out.push(...item('     from ', printable(sourceText(e.source)), 10).map((l) => c.dim(l)));
    });
    out.push(...more(evidence.length - shown.length, 'evidence items'));
  }

  if (report.alternatives.length > 0) {
    out.push('', c.bold('Alternatives'));
    for (const h of report.alternatives) {
      const weak = h.weaknesses.length > 0 ? `; against it: ${h.weaknesses.join('; ')}` : '';
      out.push(
        ...item(
          '  - ',
          printable(`${h.service}: ${categoryWords(h.category)}, score ${h.score.toFixed(2)}${weak}`),
        ),
      );
    }
  }

  const actions = sortedActions(report.actions);
  if (actions.length > 0) {
    out.push('', `${c.bold('Next actions')} ${c.dim('(safest first)')}`);
    actions.forEach((a, i) => {
      const title = item(`  ${i + 1}. `, `[${a.kind}] ${printable(a.title)} (${APPROVAL_NOTE})`);
      out.push(...title.map((l) => l.replace(`(${APPROVAL_NOTE})`, c.yellow(`(${APPROVAL_NOTE})`))));
      out.push(...item('     ', printable(a.rationale)).map((l) => c.dim(l)));
      // Never wrapped: a command broken over lines is not the command when pasted.
      if (a.command) out.push(c.cyan(`     $ ${printable(a.command)}`));
    });
  }

  if (report.timeline.length > 0) {
    out.push('', c.bold('Timeline (UTC)'));
    for (const t of report.timeline.slice(0, TERMINAL_TIMELINE))
      out.push(...item(`  ${toIso(t.at).slice(11, 19)}  `, printable(t.what)));
    out.push(...more(report.timeline.length - TERMINAL_TIMELINE, 'timeline entries'));
  }

  if (report.similarIncidents.length > 0) {
    out.push('', c.bold('Similar past incidents'));
    for (const s of report.similarIncidents)
      out.push(...item('  - ', printable(`${s.id}: ${s.title} (score ${s.score.toFixed(2)})`)));
  }
  return `${out.join('\n')}\n`;
}
