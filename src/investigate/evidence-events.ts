/**
 * Warning events per service and reason: how many fell in the incident window, against how many
 * the baseline's rate predicts for a window that long (every cluster has a few failed probes).
 */

import type { EventShift } from '../analysis/rca/index.js';
import type { InfraEvent, TimeRange as Range } from '../core/index.js';

/**
 * Reasons a healthy service never shows: a container killed for memory, crash-looping or evicted.
 * Kills in the baseline that go on into the incident are a fault already under way when the
 * window opened, not a normal rate to subtract, so for these a healthy baseline predicts none.
 */
const NEVER_NORMAL = /^(OOMKill(ed|ing)|BackOff|CrashLoopBackOff|Evicted)$/;

export function eventShifts(
  events: readonly InfraEvent[],
  windows: { baseline: Range; incident: Range },
): EventShift[] {
  const counts = new Map<
    string,
    { service: string; reason: string; incident: number; baseline: number; message: string }
  >();
  for (const e of events) {
    if (e.type.toLowerCase() === 'normal') continue;
    const inIncident = e.ts >= windows.incident.start && e.ts < windows.incident.end;
    const inBaseline = e.ts >= windows.baseline.start && e.ts < windows.baseline.end;
    if (!inIncident && !inBaseline) continue;
    const key = `${e.service}\u0000${e.reason}`;
    const c = counts.get(key) ?? {
      service: e.service,
      reason: e.reason,
      incident: 0,
      baseline: 0,
      message: e.message,
    };
    if (inIncident) {
      c.incident++;
      c.message = e.message;
    } else c.baseline++;
    counts.set(key, c);
  }
  const ratio =
    (windows.incident.end - windows.incident.start) /
    Math.max(1, windows.baseline.end - windows.baseline.start);
  return [...counts.values()]
    .filter((c) => c.incident > 0)
    .map((c) => ({
      service: c.service,
      reason: c.reason,
      incidentCount: c.incident,
      baselineCount: NEVER_NORMAL.test(c.reason) ? 0 : c.baseline * ratio,
      windowCount: c.incident + c.baseline,
      message: c.message,
    }));
}
