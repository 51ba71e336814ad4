/** The metrics specialist: every series that shifted, and services that stopped reporting. */
import { ALL, defineSpecialist } from './specialist.js';

export const metricsSpecialist = defineSpecialist({
  description: 'metric series that shifted between baseline and incident, and services that went silent',
  tool: 'query_metrics',
  input: { limit: ALL },
  examine: (o) => ({ shifts: o.shifts, silences: o.silences }),
  rank: (f) => ({ metrics: f.shifts, silences: f.silences }),
  signals: ['metric', 'silence', 'traffic', 'edge'],
  evidenceKind: 'metric',
});
