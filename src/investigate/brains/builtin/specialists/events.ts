/** The events specialist: infrastructure event reasons that rose in the incident. */
import { ALL, defineSpecialist } from './specialist.js';

export const eventsSpecialist = defineSpecialist({
  description: 'infrastructure events (restarts, OOM kills, failed probes) that rose in the incident',
  tool: 'infra_events',
  input: { limit: ALL },
  examine: (o) => ({ shifts: o.shifts }),
  rank: (f) => ({ events: f.shifts }),
  signals: ['event'],
  evidenceKind: 'event',
});
