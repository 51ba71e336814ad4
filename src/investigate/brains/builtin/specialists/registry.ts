/**
 * The built-in brain's specialists by name. They start in this order, so their tool calls are
 * numbered in it (call-1 is the metrics specialist's). Adding a specialist is one file in this
 * folder and one line here; `satisfies` makes an entry that lacks a property fail to compile.
 */
import { changesSpecialist } from './changes.js';
import { eventsSpecialist } from './events.js';
import { logsSpecialist } from './logs.js';
import { metricsSpecialist } from './metrics.js';
import type { Specialist } from './specialist.js';
import { tracesSpecialist } from './traces.js';

export const specialists = {
  metrics: metricsSpecialist,
  logs: logsSpecialist,
  traces: tracesSpecialist,
  changes: changesSpecialist,
  events: eventsSpecialist,
} satisfies Record<string, Specialist>;

export type SpecialistName = keyof typeof specialists;
export const SPECIALIST_NAMES = Object.keys(specialists) as SpecialistName[];
