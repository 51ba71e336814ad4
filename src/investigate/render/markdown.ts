/**
 * The brief as GitHub-flavoured markdown. Text from logs and tools goes into code spans with
 * backticks neutralised, so it can neither format the page nor be read as markup.
 */
import { type Report, toIso } from '../../core/index.js';
import { categoryWords, headline, impactLine, sortedActions } from './sections.js';

/** A code span that holds any text: backticks become a look-alike, newlines spaces. */
export function codeSpan(text: string): string {
  return `\`${text.replaceAll('`', 'ˋ').replace(/\s*\n\s*/g, ' ')}\``;
}

export function renderMarkdown(report: Report): string {
  const r = report.rootCause;
  const out: string[] = [
    `# Incident ${report.incidentId}`,
    '',
    `**Root cause: ${headline(report)}**  `,
    `${r.confidenceReason}`,
    '',
    report.summary,
    '',
    `**Impact:** ${impactLine(report)}`,
    '',
    `**Why:** ${r.description}`,
  ];
  if (r.changeId) out.push('', `**Causing change:** ${codeSpan(r.changeId)}`);
  if (report.evidence.length > 0) {
    out.push('', '## Evidence', '');
    for (const e of report.evidence)
      out.push(
        `- ${codeSpan(e.summary)} — from \`${e.source.tool}\`${e.source.query ? ` ${codeSpan(e.source.query)}` : ''}`,
      );
  }
  const actions = sortedActions(report.actions);
  if (actions.length > 0) {
    out.push('', '## Next actions (safest first, each needs human approval)', '');
    actions.forEach((a, i) => {
      out.push(`${i + 1}. **${a.kind}**: ${a.title}. ${a.rationale}`);
      if (a.command) out.push('', '   ```sh', `   ${a.command}`, '   ```');
    });
  }
  if (report.alternatives.length > 0) {
    out.push(
      '',
      '## Alternatives',
      '',
      '| service | category | score | weaknesses |',
      '| --- | --- | --- | --- |',
    );
    for (const h of report.alternatives)
      out.push(
        `| ${h.service} | ${categoryWords(h.category)} | ${h.score.toFixed(2)} | ${h.weaknesses.join('; ').replaceAll('|', '\\|')} |`,
      );
  }
  if (report.timeline.length > 0) {
    out.push('', '## Timeline', '');
    for (const t of report.timeline) out.push(`- ${toIso(t.at)} ${codeSpan(t.what)}`);
  }
  if (report.similarIncidents.length > 0) {
    out.push('', '## Similar past incidents', '');
    for (const s of report.similarIncidents) out.push(`- ${s.id}: ${s.title}`);
  }
  if (report.missingSources.length > 0) {
    out.push('', '## Not checked', '');
    for (const m of report.missingSources) out.push(`- **${m.source}**: ${m.reason}`);
  }
  return `${out.join('\n')}\n`;
}
