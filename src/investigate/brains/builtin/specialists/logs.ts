/** The logs specialist: log templates that appeared or grew in the incident. */
import { ALL, defineSpecialist } from './specialist.js';

export const logsSpecialist = defineSpecialist({
  description: 'log templates that are new or more frequent in the incident, and the services they name',
  tool: 'log_patterns',
  input: { limit: ALL },
  examine: (o) => ({ patterns: o.patterns }),
  rank: (f) => ({ logs: f.patterns }),
  signals: ['log', 'log_pointer'],
  evidenceKind: 'log',
});
