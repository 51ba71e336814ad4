/** The brief for a terminal: scannable at 3 AM, colour only when asked. */
import { createColors } from 'picocolors';
import { type Report, toIso } from '../../core/index.js';
import { categoryWords, headline, impactLine, sortedActions } from './sections.js';

export function renderTerminal(report: Report, options: { color: boolean }): string {
  const c = createColors(options.color);
  const r = report.rootCause;
  const level = { HIGH: c.green, MEDIUM: c.yellow, LOW: c.red }[r.confidence];
  const out: string[] = [
    `${c.bold('Root cause')}  ${c.bold(headline(report).replace(`(${r.confidence} confidence)`, ''))}${level(`${r.confidence} confidence`)}`,
    `            ${c.dim(r.confidenceReason)}`,
    '',
    report.summary,
    '',
    `${c.bold('Impact')}      ${impactLine(report)}`,
    `${c.bold('Why')}         ${r.description}`,
  ];
  if (report.evidence.length > 0) {
    out.push('', c.bold('Evidence'));
    for (const e of report.evidence)
      out.push(
        `  - ${e.summary}`,
        c.dim(`    ${e.source.tool}${e.source.query ? ` ${e.source.query}` : ''}`),
      );
  }
  if (report.alternatives.length > 0) {
    out.push('', c.bold('Alternatives'));
    for (const h of report.alternatives)
      out.push(`  - ${h.service}: ${categoryWords(h.category)} (score ${h.score.toFixed(2)})`);
  }
  const actions = sortedActions(report.actions);
  if (actions.length > 0) {
    out.push(
      '',
      `${c.bold('Next actions')} ${c.dim('(safest first; each needs a human to approve and run it)')}`,
    );
    actions.forEach((a, i) => {
      out.push(`  ${i + 1}. [${a.kind}] ${a.title}`, c.dim(`     ${a.rationale}`));
      if (a.command) out.push(`     ${c.cyan(a.command)}`);
    });
  }
  if (report.timeline.length > 0) {
    out.push('', c.bold('Timeline'));
    for (const t of report.timeline) out.push(`  ${toIso(t.at).slice(11, 19)}  ${t.what}`);
  }
  if (report.similarIncidents.length > 0) {
    out.push('', c.bold('Similar past incidents'));
    for (const s of report.similarIncidents) out.push(`  - ${s.id}: ${s.title}`);
  }
  if (report.missingSources.length > 0) {
    out.push('', c.yellow(c.bold('Not checked')));
    for (const m of report.missingSources) out.push(c.yellow(`  - ${m.source}: ${m.reason}`));
  }
  return `${out.join('\n')}\n`;
}
