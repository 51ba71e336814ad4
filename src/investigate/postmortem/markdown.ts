/** The postmortem draft and the runbook checklist as markdown. */
import { type Postmortem, toIso } from '../../core/index.js';
import { categoryWords, codeSpan } from '../render/index.js';
import type { Runbook } from './runbook.js';

export function renderPostmortemMarkdown(pm: Postmortem): string {
  const list = (items: readonly string[]) => items.map((i) => `- ${i}`);
  return `${[
    `# Postmortem (draft): ${pm.title}`,
    '',
    `Incident ${pm.incidentId}; alert ${pm.alert.name} on ${pm.alert.service} at ${toIso(pm.alert.startsAt)}.`,
    '',
    '## Summary',
    '',
    pm.summary,
    '',
    '## Impact',
    '',
    pm.impact,
    '',
    '## Timeline (UTC)',
    '',
    ...pm.timeline.map((t) => `- ${toIso(t.at)} ${codeSpan(t.what)}`),
    '',
    '## Root cause',
    '',
    `${pm.rootCause.service}: ${categoryWords(pm.rootCause.category)} (${pm.rootCause.confidence} confidence). ${pm.rootCause.description}`,
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
    ...pm.actionItems.map((a) => `| ${a.priority} | ${a.kind} | ${a.title} | ${a.owner} |`),
  ].join('\n')}\n`;
}

export function renderRunbookMarkdown(rb: Runbook): string {
  const lines = [`# ${rb.title}`, ''];
  for (const step of rb.steps) {
    lines.push(`- [ ] ${step.text}`);
    if (step.command) lines.push('', '  ```sh', `  ${step.command}`, '  ```', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
