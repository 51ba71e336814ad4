/**
 * What the on-call engineer does now, in order: confirm the impact, confirm the root-cause
 * evidence, take the actions safest first, verify recovery, communicate, follow up. Confirming
 * comes first because the report may be wrong; each confirm step carries the query that produced
 * the evidence, so the engineer checks the data rather than trusting the brief. Nothing here is
 * run by Nightshift.
 */
import type { Evidence, Report } from '../../core/index.js';
import {
  APPROVAL_NOTE,
  categoryWords,
  notCheckedText,
  sortedActions,
  sourceText,
  strongestFirst,
} from '../render/index.js';

export interface RunbookStep {
  text: string;
  /** A command or tool query to run for this step, shown verbatim. */
  command?: string;
  done: false;
}

export interface Runbook {
  title: string;
  steps: RunbookStep[];
}

/** Minutes a service must stay at baseline before calling it recovered: one full alert window. */
export const RECOVERY_MINUTES = 15;

const step = (text: string, evidence?: Evidence): RunbookStep =>
  evidence ? { text, command: sourceText(evidence.source), done: false } : { text, done: false };

/** The checklist for the incident `report` describes, every step not done yet. */
export function runbookChecklist(report: Report): Runbook {
  const r = report.rootCause;
  const evidence = strongestFirst(report.evidence);
  const impacted = report.impact.services.length > 0 ? report.impact.services.join(', ') : r.service;
  const impactEvidence = evidence.find(
    (e) => e.kind === 'metric' && (e.service === undefined || report.impact.services.includes(e.service)),
  );
  const causeEvidence = evidence.find((e) => e.service === r.service && e !== impactEvidence) ?? evidence[0];

  const steps: RunbookStep[] = [
    step(
      impactEvidence
        ? `Confirm the impact on ${impacted} is still there: re-run the query behind "${impactEvidence.summary}"`
        : `Confirm the impact on ${impacted} is still there: check their error ratio and p99 latency`,
      impactEvidence,
    ),
    step(
      `Confirm the root cause (${r.service}: ${categoryWords(r.category)}, ${r.confidence} confidence)${
        r.changeId ? `, including change ${r.changeId}` : ''
      }${causeEvidence ? `: re-run the query behind "${causeEvidence.summary}"` : ''}`,
      causeEvidence,
    ),
  ];
  if (report.missingSources.length > 0)
    steps.push(
      step(
        `Check by hand what the investigation could not: ${report.missingSources.map(notCheckedText).join('; ')}`,
      ),
    );
  for (const a of sortedActions(report.actions))
    steps.push({
      text: `${a.kind}: ${a.title} (${APPROVAL_NOTE}): ${a.rationale}`,
      ...(a.command ? { command: a.command } : {}),
      done: false,
    });
  steps.push(
    step(
      `Verify recovery: ${impacted} back to baseline error ratio and p99 latency for ${RECOVERY_MINUTES} minutes${
        impactEvidence ? ' (re-run the impact query)' : ''
      }`,
      impactEvidence,
    ),
    step(
      'Communicate: post impact, cause, action taken and the time of the next update in the incident channel',
    ),
    step(
      `Follow up: open the postmortem draft for ${report.incidentId}, assign its action items, link this runbook`,
    ),
  );
  return { title: `Runbook: ${categoryWords(r.category)} in ${r.service} (${report.incidentId})`, steps };
}
