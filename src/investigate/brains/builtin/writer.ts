/**
 * The built-in writer: turns the reviewed hypotheses into the report — what is happening, the most
 * likely root cause with its confidence and reason, the alternatives, the evidence (each item
 * naming its tool call), the timeline, safest actions first, similar past incidents and the
 * sources that were not checked.
 */
import type { MetricShift } from '../../../analysis/rca/index.js';
import type { Confidence, Evidence, Hypothesis, Report } from '../../../core/index.js';
import { MINUTE_MS, toIso } from '../../../core/index.js';
import type { SimilarIncident, ToolContext } from '../../tools/index.js';
import { recommendActions } from './actions.js';
import type { Hypotheses } from './hypotheses.js';
import type { Findings } from './specialists/index.js';

export interface WriterInput {
  incidentId: string;
  ctx: ToolContext;
  findings: Findings;
  built: Hypotheses;
  ranked: Hypothesis[];
  confidence: { confidence: Confidence; reason: string };
  similar: SimilarIncident[];
}

/** A service is impacted when its errors or latency shifted at least this much (score 0–20). */
const IMPACT_SCORE = 5;
const EVIDENCE_IN_REPORT = 12;

export function writeReport(w: WriterInput): Report {
  const { ctx, ranked } = w;
  const top = ranked[0];
  const shifts = w.findings.metrics?.shifts ?? [];
  const impacted = impactedServices(shifts);
  const change = top?.changeId ? w.findings.changes?.changes.find((c) => c.id === top.changeId) : undefined;
  const namespace = ctx.alert.labels.namespace ?? 'default';
  const evidence = pickEvidence(ranked, w.built.evidence);
  const rootCause: Report['rootCause'] = top
    ? {
        service: top.service,
        category: top.category,
        description: top.description,
        confidence: w.confidence.confidence,
        confidenceReason: w.confidence.reason,
        ...(top.changeId ? { changeId: top.changeId } : {}),
      }
    : {
        service: ctx.alert.service,
        category: 'other',
        description: 'no service showed anomalous behaviour in the telemetry that was read',
        confidence: 'LOW',
        confidenceReason: w.confidence.reason,
      };
  return {
    incidentId: w.incidentId,
    summary: summarise(w, rootCause, impacted),
    impact: {
      services: impacted,
      startedAt: ctx.windows.onset,
      ...peak(shifts, ctx.alert.service, 'error_ratio', 'errorRatioPeak'),
      ...peak(shifts, ctx.alert.service, 'latency_p99_ms', 'latencyP99PeakMs'),
    },
    timeline: timeline(w),
    rootCause,
    alternatives: ranked.slice(1, 4),
    evidence,
    actions: top ? recommendActions(top.category, { service: top.service, namespace, change }) : [],
    similarIncidents: w.similar.slice(0, 3).map((s) => ({
      id: s.incident.id,
      title: s.incident.title,
      score: Number(s.score.toFixed(2)),
    })),
    missingSources: [
      ...ctx.data.missing.map((m) => ({ source: m.source, reason: m.reason })),
      ...w.findings.failed.map((f) => ({ source: f.tool, reason: f.error })),
    ],
  };
}

function impactedServices(shifts: readonly MetricShift[]): string[] {
  const hit = new Map<string, number>();
  for (const s of shifts) {
    if (s.direction !== 'up' || s.score < IMPACT_SCORE || s.labels.to !== undefined) continue;
    if (!/error|latency/.test(s.metric)) continue;
    hit.set(s.service, Math.max(hit.get(s.service) ?? 0, s.score));
  }
  return [...hit].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([service]) => service);
}

function peak(
  shifts: readonly MetricShift[],
  service: string,
  metric: string,
  field: 'errorRatioPeak' | 'latencyP99PeakMs',
): Partial<Report['impact']> {
  const found = shifts.find((s) => s.service === service && s.metric === metric && s.direction === 'up');
  return found ? { [field]: Number(found.incidentPeak.toPrecision(4)) } : {};
}

function pickEvidence(ranked: readonly Hypothesis[], all: ReadonlyMap<string, Evidence>): Evidence[] {
  const ids = [
    ...(ranked[0]?.evidenceIds ?? []),
    ...ranked.slice(1, 3).flatMap((h) => h.evidenceIds.slice(0, 2)),
  ];
  return [...new Set(ids)]
    .map((id) => all.get(id))
    .filter((e): e is Evidence => e !== undefined)
    .slice(0, EVIDENCE_IN_REPORT);
}

function timeline(w: WriterInput): Report['timeline'] {
  const { ctx } = w;
  const suspects = new Set(w.ranked.slice(0, 3).map((h) => h.service));
  const items: Report['timeline'] = [];
  for (const c of w.findings.changes?.changes ?? []) {
    const near = c.ts >= ctx.windows.onset - 60 * MINUTE_MS && c.ts <= ctx.alert.startsAt;
    if (near && (suspects.has(c.service) || c.id === w.ranked[0]?.changeId)) {
      items.push({ at: c.ts, what: `${c.kind} ${c.id} on ${c.service}: ${c.summary}` });
    }
  }
  items.push({
    at: ctx.windows.onset,
    what:
      ctx.windows.onsetFrom === 'telemetry'
        ? `onset: ${ctx.windows.evidence
            .filter((e) => Math.abs(e.onset - ctx.windows.onset) <= 5 * MINUTE_MS)
            .slice(0, 3)
            .map((e) => e.seriesId)
            .join(', ')} depart from their baseline`
        : 'onset assumed (10 minutes before the alert; none found in the telemetry)',
  });
  const firstEvent = new Map<string, number>();
  for (const e of ctx.data.events) {
    if (e.type !== 'Warning' || !suspects.has(e.service)) continue;
    if (e.ts < ctx.windows.incident.start || e.ts > ctx.windows.incident.end) continue;
    const key = `${e.service} ${e.reason}`;
    if (!firstEvent.has(key)) {
      firstEvent.set(key, e.ts);
      items.push({ at: e.ts, what: `first ${e.reason} on ${e.service}: ${e.message}` });
    }
  }
  items.push({ at: ctx.alert.startsAt, what: `alert ${ctx.alert.name} fired on ${ctx.alert.service}` });
  return items.sort((a, b) => a.at - b.at).slice(0, 20);
}

function summarise(w: WriterInput, root: Report['rootCause'], impacted: readonly string[]): string {
  const { alert } = w.ctx;
  const scope =
    impacted.length > 0
      ? `errors or latency up on ${impacted.slice(0, 4).join(', ')}${impacted.length > 4 ? ` and ${impacted.length - 4} more` : ''}`
      : 'no clear error or latency shift in the metrics';
  const cause =
    root.category === 'other' && w.ranked.length === 0
      ? 'No likely root cause found.'
      : `Most likely cause: ${root.service}, ${root.category.replaceAll('_', ' ')} (${root.confidence} confidence)${
          root.changeId ? ` after ${root.changeId}` : ''
        }.`;
  return `${alert.name} on ${alert.service} since ${toIso(w.ctx.windows.onset)}: ${scope}. ${cause}`;
}
