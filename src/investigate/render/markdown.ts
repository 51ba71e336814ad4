/**
 * The brief as GitHub-flavoured markdown (report.md, an issue, a PR): the same content and order
 * as the terminal brief, complete rather than cut to the top items. Text from logs and tools is
 * in code spans; commands are in fenced blocks so they can be copied exactly.
 */
import { type Report, toIso } from '../../core/index.js';
import { codeBlock, codeSpan, markdownInline, tableCell } from './markdown-text.js';
import {
  APPROVAL_NOTE,
  categoryWords,
  headline,
  impactLine,
  sortedActions,
  strongestFirst,
} from './sections.js';

/** Renders the whole report as markdown, ending with one newline. */
export function renderMarkdown(report: Report): string {
  const r = report.rootCause;
  const out: string[] = [
    `# Incident ${markdownInline(report.incidentId)}`,
    '',
    `**Root cause: ${markdownInline(headline(report))}**  `,
    markdownInline(r.confidenceReason),
  ];
  if (report.missingSources.length > 0) {
    out.push('', '> **Not checked**, so the confidence above does not account for:');
    for (const m of report.missingSources)
      out.push(`> - **${markdownInline(m.source)}**: ${markdownInline(m.reason)}`);
  }
  out.push(
    '',
    markdownInline(report.summary),
    '',
    `- **Impact:** ${markdownInline(impactLine(report))}`,
    `- **Why:** ${markdownInline(r.description)}`,
  );
  if (r.changeId) out.push(`- **Causing change:** ${codeSpan(r.changeId)}`);

  if (report.evidence.length > 0) {
    out.push('', '## Evidence (strongest first)', '');
    strongestFirst(report.evidence).forEach((e, i) => {
      const about = [
        e.kind,
        ...(e.service ? [markdownInline(e.service)] : []),
        `strength ${e.strength.toFixed(2)}`,
      ];
      const query = e.source.query ? ` ${codeSpan(e.source.query)}` : '';
      out.push(
        `${i + 1}. ${codeSpan(e.summary)} (${about.join(', ')}) from ${codeSpan(e.source.tool)}${query}`,
      );
    });
  }

  if (report.alternatives.length > 0) {
    out.push(
      '',
      '## Alternatives',
      '',
      '| service | category | score | against it |',
      '| --- | --- | --- | --- |',
    );
    for (const h of report.alternatives) {
      const cells = [
        markdownInline(h.service),
        categoryWords(h.category),
        h.score.toFixed(2),
        h.weaknesses.map(markdownInline).join('; ') || 'none found',
      ];
      out.push(`| ${cells.map(tableCell).join(' | ')} |`);
    }
  }

  const actions = sortedActions(report.actions);
  if (actions.length > 0) {
    out.push('', `## Next actions (safest first, each ${APPROVAL_NOTE})`, '');
    actions.forEach((a, i) => {
      out.push(
        `${i + 1}. **${a.kind}**: ${markdownInline(a.title)} (${APPROVAL_NOTE}) — ${markdownInline(a.rationale)}`,
      );
      if (a.command) out.push('', ...codeBlock(a.command, { indent: '   ', lang: 'sh' }));
    });
  }

  if (report.timeline.length > 0) {
    out.push('', '## Timeline (UTC)', '');
    for (const t of report.timeline) out.push(`- ${toIso(t.at)} ${codeSpan(t.what)}`);
  }

  if (report.similarIncidents.length > 0) {
    out.push('', '## Similar past incidents', '');
    for (const s of report.similarIncidents)
      out.push(`- ${codeSpan(s.id)} ${codeSpan(s.title)} (score ${s.score.toFixed(2)})`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
