/**
 * The postmortem draft and the runbook checklist as GitHub-flavoured markdown, to paste into the
 * team's postmortem doc or incident ticket. Text that came from logs and tools (timeline entries)
 * is in code spans; the rest is escaped so it cannot format, link or mention.
 */
import { type Postmortem, toIso } from '../../core/index.js';
import { categoryWords, codeBlock, codeSpan, markdownInline, tableCell } from '../render/index.js';
import type { Runbook } from './runbook.js';

const list = (items: readonly string[]) => items.map((i) => `- ${markdownInline(i)}`);

/** Renders a postmortem draft; sections the responders must complete say so. */
export function renderPostmortemMarkdown(pm: Postmortem): string {
  const rc = pm.rootCause;
  return `${[
    `# Postmortem (draft): ${markdownInline(pm.title)}`,
    '',
    `Incident ${codeSpan(pm.incidentId)}, alert ${codeSpan(pm.alert.name)} on ${markdownInline(pm.alert.service)} at ${toIso(pm.alert.startsAt)}.`,
    '',
    '## Summary',
    '',
    markdownInline(pm.summary),
    '',
    '## Impact',
    '',
    markdownInline(pm.impact),
    '',
    '## Timeline (UTC)',
    '',
    ...pm.timeline.map((t) => `- ${toIso(t.at)} ${codeSpan(t.what)}`),
    '',
    '## Root cause',
    '',
    `**${markdownInline(rc.service)}: ${categoryWords(rc.category)}** (${rc.confidence} confidence): ${markdownInline(rc.description)}`,
    '',
    '## Contributing factors',
    '',
    ...list(pm.contributingFactors),
    '',
    '## What went well',
    '',
    ...list(pm.whatWentWell),
    '',
    '## What went badly',
    '',
    ...list(pm.whatWentBadly),
    '',
    '## Action items',
    '',
    '| priority | kind | item | owner |',
    '| --- | --- | --- | --- |',
    ...pm.actionItems.map(
      (a) =>
        `| ${[a.priority, a.kind, markdownInline(a.title), markdownInline(a.owner)].map(tableCell).join(' | ')} |`,
    ),
  ].join('\n')}\n`;
}

/** Renders a runbook as a markdown task list, each command in a fenced block under its step. */
export function renderRunbookMarkdown(rb: Runbook): string {
  const lines = [`# ${markdownInline(rb.title)}`, ''];
  for (const s of rb.steps) {
    lines.push(`- [ ] ${markdownInline(s.text)}`);
    if (s.command) lines.push('', ...codeBlock(s.command, { indent: '  ' }), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
