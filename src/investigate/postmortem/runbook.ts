/**
 * What the on-call engineer does now, in order: confirm the impact, confirm the cause, take the
 * safest action, verify recovery, communicate, follow up. Nothing here is run by Nightshift.
 */
import type { Report } from '../../core/index.js';
import { categoryWords, sortedActions } from '../render/index.js';

export interface Runbook {
  title: string;
  steps: { text: string; command?: string; done: false }[];
}

export function runbookChecklist(report: Report): Runbook {
  const r = report.rootCause;
  const steps: Runbook['steps'] = [
    {
      text: `Confirm the impact: ${report.impact.services.join(', ') || 'check the alerting service'} still failing or slow`,
      done: false,
    },
    {
      text: `Confirm the cause: ${r.service}, ${categoryWords(r.category)} (${r.confidence}); check the top evidence${r.changeId ? ` and change ${r.changeId}` : ''}`,
      done: false,
    },
  ];
  for (const a of sortedActions(report.actions)) {
    steps.push({
      text: `${a.kind}: ${a.title} (${a.rationale}); get approval first`,
      ...(a.command ? { command: a.command } : {}),
      done: false,
    });
  }
  steps.push(
    {
      text: 'Verify recovery: error ratio and p99 latency back to their baseline for 15 minutes',
      done: false,
    },
    {
      text: 'Post an update in the incident channel: impact, cause, action taken, next update time',
      done: false,
    },
    { text: 'Open the postmortem draft and assign its action items', done: false },
  );
  return { title: `Runbook: ${categoryWords(r.category)} in ${r.service}`, steps };
}
