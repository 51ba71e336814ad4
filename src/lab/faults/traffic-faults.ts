/** Load that the system was not sized for. */
import { MINUTE_MS } from '../../core/index.js';
import { emitMany, type FaultType, indexOf, ramp } from './fault.js';
import { planEdgeEntrySurge } from './surge-variants.js';

export const trafficSurge: FaultType = {
  category: 'traffic_surge',
  description: 'user traffic jumps several-fold (a campaign or a scraper); the weakest services saturate',
  signature:
    'entry traffic at least doubles (edge-entry: rises until one downstream service pins its CPU or pool, first of all); the autoscaler scales app services after onset',
  variants: ['broad', 'edge-entry'],
  targets: (t) => [t.entry],
  plan(ctx, target) {
    if (ctx.variant === 'edge-entry') return planEdgeEntrySurge(ctx, target);
    const i = indexOf(ctx, target);
    const factor = ctx.rng.float(2.6, 4);
    const campaign = ctx.rng.pick([
      'a push notification campaign',
      'a scraper rotating through residential IPs',
      'a flash sale announced on social media',
    ]);
    const scaled = ctx.index.services.filter((s) => s.role === 'app' || s.role === 'web').slice(0, 4);
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `Traffic at ${target} rose ${factor.toFixed(1)}x within minutes (${campaign}); downstream services saturated`,
      otherChanges: scaled.map((s, k) => ({
        ts: ctx.incidentAt + (4 + 2 * k) * MINUTE_MS,
        service: s.name,
        kind: 'scale' as const,
        summary: `HPA scaled ${s.name} from ${s.replicas} to ${s.replicas * 2} replicas`,
        author: 'horizontal-pod-autoscaler',
      })),
      apply(t, c) {
        c.trafficFactor *= 1 + (factor - 1) * ramp(t, ctx.incidentAt, 3 * MINUTE_MS + ctx.rampMs);
      },
      logs(s) {
        const r = ramp(s.t, ctx.incidentAt, 3 * MINUTE_MS + ctx.rampMs);
        if (r <= 0) return;
        emitMany(
          s,
          i,
          s.requests(i) * 0.002 * r,
          200,
          'warn',
          () =>
            `rate limit exceeded for client ${s.rng.int(1, 223)}.${s.rng.int(0, 255)}.${s.rng.int(0, 255)}.${s.rng.int(1, 254)} on ${s.rng.pick(['/api/products', '/api/search', '/'])}`,
        );
      },
      fallbackAlert: {
        name: 'HighRequestRate',
        service: target,
        summary: `request rate at ${target} above capacity`,
      },
    };
  },
};
