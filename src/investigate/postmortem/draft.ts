/**
 * A postmortem draft from a report and its alert: the facts filled in, lessons from the root
 * cause's category proposed, follow-ups for what slowed this investigation down (sources it could
 * not read, an alert on the wrong service, an uncertain cause), and the parts only the responders
 * know left as visible placeholders. Pure: the same report and alert give the same draft.
 */
import type { ActionItem, Alert, Postmortem, Report } from '../../core/index.js';
import { MINUTE_MS } from '../../core/index.js';
import { categoryWords, impactLine } from '../render/index.js';
import { LESSONS } from './lessons.js';

/** The owner of an action item when no alert label names one: loud, so it gets set in review. */
export const UNASSIGNED = 'unassigned — set an owner';
/** Placeholder for what only the people who responded can say. */
export const FOR_RESPONDERS = 'to be completed by the responders';
/** Detection slower than this is worth a line under "what went badly" (a typical paging SLO). */
export const SLOW_DETECTION_MINUTES = 10;

/**
 * The owning team from the alert's labels: `team`, then `owner`, then `service` (teams that label
 * alerts by service usually own action items per service), else the UNASSIGNED placeholder.
 */
export function ownerOf(alert: Alert): string {
  const l = alert.labels;
  return l.team?.trim() || l.owner?.trim() || l.service?.trim() || UNASSIGNED;
}

/** Drafts the postmortem of the incident `report` describes, started by `alert`. */
export function draftPostmortem(report: Report, alert: Alert): Postmortem {
  const r = report.rootCause;
  const lessons = LESSONS[r.category];
  const owner = ownerOf(alert);
  const detectionMin =
    report.impact.startedAt === undefined
      ? undefined
      : Math.round((alert.startsAt - report.impact.startedAt) / MINUTE_MS);
  const elsewhere = alert.service !== r.service;
  const missing = [...new Set(report.missingSources.map((m) => m.source))];
  const certain = r.confidence === 'HIGH';
  const item = (title: string, priority: ActionItem['priority'], kind: ActionItem['kind']): ActionItem => ({
    title,
    owner,
    priority,
    kind,
  });

  const items: ActionItem[] = [
    ...lessons.items.map((i) => ({ ...i, owner })),
    ...(certain
      ? []
      : [
          item(
            `Confirm the root cause (${r.confidence} confidence) before closing this postmortem`,
            'P1',
            'prevent',
          ),
        ]),
    ...(elsewhere
      ? [
          item(
            `Alert on ${r.service}'s own error ratio and latency, not only on ${alert.service}`,
            'P2',
            'detect',
          ),
        ]
      : []),
    ...(missing.length > 0
      ? [item(`Make ${missing.join(', ')} readable by investigations within their timeout`, 'P2', 'detect')]
      : []),
  ];

  return {
    incidentId: report.incidentId,
    alert: { name: alert.name, service: alert.service, startsAt: alert.startsAt },
    title: `${categoryWords(r.category)} in ${r.service}`,
    summary: report.summary,
    impact: impactLine(report),
    timeline: [
      ...report.timeline,
      { at: alert.startsAt, what: `alert ${alert.name} fired on ${alert.service}` },
    ].sort((a, b) => a.at - b.at),
    rootCause: {
      service: r.service,
      category: r.category,
      description: r.description,
      confidence: r.confidence,
    },
    contributingFactors: [
      ...lessons.factors,
      ...(r.changeId ? [`change ${r.changeId} shortly before the onset`] : []),
      ...(certain
        ? []
        : [`the root cause is not certain (${r.confidence} confidence): ${r.confidenceReason}`]),
    ],
    whatWentWell: [
      ...(detectionMin !== undefined && detectionMin >= 0 && detectionMin <= SLOW_DETECTION_MINUTES
        ? [`the alert ${alert.name} fired ${detectionMin} min after the onset`]
        : []),
      FOR_RESPONDERS,
    ],
    whatWentBadly: [
      ...(detectionMin !== undefined && detectionMin > SLOW_DETECTION_MINUTES
        ? [`the alert ${alert.name} fired ${detectionMin} min after the onset`]
        : []),
      ...(elsewhere ? [`the alert fired on ${alert.service}, not on ${r.service} where the cause was`] : []),
      ...(missing.length > 0 ? [`the investigation could not read: ${missing.join(', ')}`] : []),
      FOR_RESPONDERS,
    ],
    actionItems: items,
  };
}
