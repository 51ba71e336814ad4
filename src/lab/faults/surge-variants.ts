/**
 * The traffic-surge variant `edge-entry`: the surge enters at the edge and is sized so that the
 * service with the least headroom downstream pins its CPU or its connection pool first, while the
 * edge itself keeps up. The truth stays the surge at the entry (as for the broad surge); the
 * saturated service is its first victim, the answer a naive analysis gives. The autoscaler does
 * not react (the services run at their maximum replica count), unlike the broad surge.
 */

import { MINUTE_MS } from '../../core/index.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf, ramp } from './fault.js';

/** CPU utilisation the engine treats as saturated, and the idle floor of its CPU model (engine.ts). */
const SATURATED = 0.985;
const IDLE_CPU = 0.04;

interface Headroom {
  service: number;
  /** Traffic multiple at which the resource fills. */
  factor: number;
  resource: 'cpu' | 'pool';
}

/** The traffic multiple each service's CPU and pool can take at the incident's hour, weakest first. */
export function headrooms(ctx: FaultContext): Headroom[] {
  const base = ctx.baselineAt(ctx.incidentAt);
  const out: Headroom[] = [];
  ctx.index.services.forEach((s, k) => {
    if (s.role === 'external') return;
    const cpu = base.fields.cpu[k] ?? 0;
    if (s.cpuPerRps > 0 && cpu > IDLE_CPU + 0.01)
      out.push({ service: k, factor: (SATURATED - IDLE_CPU) / (cpu - IDLE_CPU), resource: 'cpu' });
    const inUse = base.fields.poolInUse[k] ?? 0;
    if ((s.poolMax ?? 0) > 0 && inUse > 0.3)
      out.push({ service: k, factor: (s.poolMax ?? 0) / inUse, resource: 'pool' });
  });
  return out.sort((a, b) => a.factor - b.factor);
}

export function planEdgeEntrySurge(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const all = headrooms(ctx);
  const entryLimit = Math.min(...all.filter((h) => h.service === i).map((h) => h.factor), 50);
  const weakest = all.find((h) => h.service !== i) ?? { service: i, factor: 3, resource: 'cpu' as const };
  const factor = Math.min(Math.max(1.6, weakest.factor * ctx.rng.float(1.25, 1.6)), 0.8 * entryLimit, 8);
  const rampMs = ctx.rng.float(6, 12) * MINUTE_MS + ctx.rampMs;
  const routes = ctx.index.services[i]?.operations ?? ['/'];
  const source = ctx.rng.pick([
    'a partner integration retrying without backoff',
    'a scraper rotating through residential IPs',
    'a marketing email sent to the whole customer base at once',
  ]);
  return {
    target,
    startedAt: ctx.incidentAt,
    // Which service fills first also depends on how its latency grows with load, so the summary
    // does not guess; the signature test finds it in the simulated metrics.
    summary: `Traffic entering at ${target} rose ${factor.toFixed(1)}x within minutes (${source}); the services downstream with the least headroom saturated while ${target} kept up`,
    apply(t, c) {
      c.trafficFactor *= 1 + (factor - 1) * ramp(t, ctx.incidentAt, rampMs);
    },
    logs(st) {
      const r = ramp(st.t, ctx.incidentAt, rampMs);
      if (r <= 0) return;
      emitMany(
        st,
        i,
        st.requests(i) * 0.001 * r,
        100,
        'warn',
        () =>
          `rate limit exceeded for client ${st.rng.int(1, 223)}.${st.rng.int(0, 255)}.${st.rng.int(0, 255)}.${st.rng.int(1, 254)} on ${st.rng.pick(routes)}`,
      );
      // Whatever fills up says so, as real services do when they shed load or wait for connections.
      st.index.services.forEach((svc, v) => {
        if (v === i) return;
        const cell = st.step * st.result.services + v;
        if (svc.cpuPerRps > 0 && (st.result.fields.cpu[cell] ?? 0) >= 0.95)
          emitMany(
            st,
            v,
            4,
            12,
            'warn',
            () => `request queue full: shed ${st.rng.int(5, 300)} requests in the last 10s`,
          );
        const poolMax = st.result.fields.poolMax[cell] ?? 0;
        if (poolMax > 0 && (st.result.fields.poolInUse[cell] ?? 0) >= poolMax * 0.98)
          emitMany(
            st,
            v,
            4,
            12,
            'warn',
            () =>
              `waiting for a database connection: pool ${poolMax}/${poolMax} in use, waited ${st.rng.int(800, 5000)} ms`,
          );
      });
    },
    fallbackAlert: {
      name: 'HighRequestRate',
      service: target,
      summary: `request rate at ${target} above capacity`,
    },
  };
}
