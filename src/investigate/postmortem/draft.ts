/**
 * A postmortem draft from a report: the facts (timeline, impact, root cause) filled in, lessons
 * from the root cause's category proposed, and the parts only the responders know marked for them.
 * Owners come from the alert's labels (`team`, else `owner`), else are marked to be set.
 */
import type { Alert, Postmortem, Report } from '../../core/index.js';
import { categoryWords, impactLine } from '../render/index.js';
import { LESSONS } from './lessons.js';

export const UNASSIGNED = 'unassigned: set an owner';

export function draftPostmortem(report: Report, alert: Alert): Postmortem {
  const owner = alert.labels.team ?? alert.labels.owner ?? UNASSIGNED;
  const r = report.rootCause;
  const lessons = LESSONS[r.category];
  const detectionMinutes =
    report.impact.startedAt === undefined
      ? undefined
      : Math.round((alert.startsAt - report.impact.startedAt) / 60_000);
  return {
    incidentId: report.incidentId,
    alert: { name: alert.name, service: alert.service, startsAt: alert.startsAt },
    title: `${categoryWords(r.category)} in ${r.service}`,
    summary: report.summary,
    impact: impactLine(report),
    timeline: report.timeline,
    rootCause: {
      service: r.service,
      category: r.category,
      description: r.description,
      confidence: r.confidence,
    },
    contributingFactors: [
      ...lessons.factors,
      ...(r.changeId ? [`change ${r.changeId} around the onset`] : []),
      ...(r.confidence === 'HIGH'
        ? []
        : [`the root cause is not certain (${r.confidence}): ${r.confidenceReason}`]),
    ],
    whatWentWell: [
      `the alert ${alert.name} fired${detectionMinutes === undefined ? '' : ` ${detectionMinutes} min after the onset`}`,
      'to be completed by the responders',
    ],
    whatWentBadly: [
      ...(report.missingSources.length > 0
        ? [
            `sources not available to the investigation: ${report.missingSources.map((m) => m.source).join(', ')}`,
          ]
        : []),
      ...(alert.service === r.service
        ? []
        : [`the alert fired on ${alert.service}, not on ${r.service} where the cause was`]),
      'to be completed by the responders',
    ],
    actionItems: lessons.items.map((i) => ({ ...i, owner })),
  };
}
