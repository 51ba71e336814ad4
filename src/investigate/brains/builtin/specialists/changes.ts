/** The changes specialist: deploys, config changes and flags in the hours before the onset. */
import { ALL, defineSpecialist } from './specialist.js';

export const changesSpecialist = defineSpecialist({
  description: 'deploys, configuration changes and feature flags in the six hours before the onset',
  tool: 'recent_changes',
  input: { hoursBefore: 6, limit: ALL },
  examine: (o) => ({ changes: o.changes }),
  rank: (f) => ({ changes: f.changes }),
  signals: ['change'],
  evidenceKind: 'change',
});
