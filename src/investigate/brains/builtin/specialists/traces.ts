/** The traces specialist: where failing traces originate, and whose own time grew. */
import { defineSpecialist } from './specialist.js';

export const tracesSpecialist = defineSpecialist({
  description: 'the services failing traces originate in, and the services whose self time grew',
  tool: 'trace_errors',
  input: { limit: 50 },
  examine: (o) => ({ origins: o.origins, latency: o.latency }),
  rank: (f) => ({ traceOrigins: f.origins, traceLatency: f.latency }),
  signals: ['trace_origin', 'trace_latency'],
  evidenceKind: 'trace',
});
