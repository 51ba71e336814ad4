/** infra_events: Kubernetes-style events that rose in the incident, and the events themselves. */
import { z } from 'zod';
import type { EventShift } from '../../analysis/rca/index.js';
import { type InfraEvent, toIso } from '../../core/index.js';
import { eventShiftsOf } from './derived.js';
import { defineTool } from './tool.js';

export const infraEventsTool = defineTool({
  name: 'infra_events',
  description:
    "Infrastructure events (OOMKilled, BackOff, Unhealthy, FailedScheduling, …) by service and reason that were more frequent in the incident than the baseline predicts, and the incident window's events, newest last.",
  input: z.object({
    service: z.string().optional(),
    limit: z.number().int().min(1).max(1000).default(30),
  }),
  run: (input, ctx): { shifts: EventShift[]; events: InfraEvent[]; total: number } => {
    const match = (service: string) => input.service === undefined || service === input.service;
    const events = ctx.data.events.filter(
      (e) => e.ts >= ctx.windows.incident.start && e.ts < ctx.windows.incident.end && match(e.service),
    );
    return {
      shifts: eventShiftsOf(ctx).filter((s) => match(s.service) && s.incidentCount > s.baselineCount),
      events: events.slice(-input.limit),
      total: events.length,
    };
  },
  present: (out) => ({
    rising: out.shifts.map((s) => ({
      service: s.service,
      reason: s.reason,
      baseline: s.baselineCount,
      incident: s.incidentCount,
      example: s.message,
    })),
    total: out.total,
    events: out.events.map((e) => ({
      at: toIso(e.ts),
      service: e.service,
      reason: e.reason,
      type: e.type,
      message: e.message,
    })),
  }),
});
