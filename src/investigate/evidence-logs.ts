/**
 * Log patterns that appeared or grew at the incident: mine templates over the baseline and
 * incident windows together (so one template has one id in both), then test each service's
 * pattern rates between the windows.
 */
import { diffPatterns, mineTemplates, type PatternRecord } from '../analysis/logs/index.js';
import { type LogShift, mentionedServices } from '../analysis/rca/index.js';
import type { LogRecord, TimeRange as Range } from '../core/index.js';

export function logShifts(
  logs: readonly LogRecord[],
  windows: { baseline: Range; incident: Range },
  services: readonly string[],
): LogShift[] {
  const inWindow = (t: number, r: Range) => t >= r.start && t < r.end;
  const picked = logs.filter((l) => inWindow(l.ts, windows.baseline) || inWindow(l.ts, windows.incident));
  if (picked.length === 0) return [];
  const { assignments, templates } = mineTemplates(picked.map((l) => l.message));
  const text = new Map(templates.map((t) => [t.id, t.template]));
  const baseline: PatternRecord[] = [];
  const incident: PatternRecord[] = [];
  picked.forEach((l, i) => {
    const record = { service: l.service, level: l.level, templateId: assignments[i] as number };
    (inWindow(l.ts, windows.incident) ? incident : baseline).push(record);
  });
  const changes = diffPatterns(
    { records: baseline, durationMs: windows.baseline.end - windows.baseline.start },
    { records: incident, durationMs: windows.incident.end - windows.incident.start },
  );
  const names = [...services].sort((a, b) => b.length - a.length);
  const mentions = new Map<string, Map<string, number>>();
  picked.forEach((l, i) => {
    if (!inWindow(l.ts, windows.incident)) return;
    const key = `${l.service}\u0000${l.level}\u0000${assignments[i]}`;
    let counts = mentions.get(key);
    if (!counts) {
      counts = new Map();
      mentions.set(key, counts);
    }
    for (const name of mentionedServices(l.message, names)) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return changes.map((c) => {
    const counts = mentions.get(`${c.service}\u0000${c.level}\u0000${c.templateId}`);
    return {
      service: c.service,
      template: text.get(c.templateId) ?? '',
      level: c.level,
      kind: c.kind,
      baselineCount: c.baselineCount,
      incidentCount: c.incidentCount,
      significance: c.score,
      ...(c.baselineCount > 0
        ? { rateRatio: rate(c.incidentCount, windows.incident) / rate(c.baselineCount, windows.baseline) }
        : {}),
      mentions: Object.fromEntries(
        [...(counts ?? [])].map(([name, n]) => [name, n / Math.max(1, c.incidentCount)]),
      ),
    };
  });
}

/** Lines per minute over a window. */
function rate(count: number, window: Range): number {
  return count / Math.max(1, (window.end - window.start) / 60_000);
}
