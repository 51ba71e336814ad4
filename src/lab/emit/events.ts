/**
 * Kubernetes-style events: rollouts for deploys, rescaling, OOM kills and back-offs from the
 * simulator's restarts, the fault's own events, and the harmless probe failures every cluster has.
 */
import type { Change, InfraEvent } from '../../core/index.js';
import { MINUTE_MS } from '../../core/index.js';
import { podName } from '../faults/fault.js';
import type { Random } from '../random.js';
import type { RestartRecord } from '../sim/state.js';
import type { LabTopology } from '../topology.js';

export interface EventOptions {
  topology: LabTopology;
  rng: Random;
  start: number;
  end: number;
  changes: readonly Change[];
  restarts: readonly RestartRecord[];
  faultEvents: readonly InfraEvent[];
  noise: number;
}

export function generateEvents(o: EventOptions): InfraEvent[] {
  const { rng, topology } = o;
  const events: InfraEvent[] = [];
  const byName = new Map(topology.services.map((s) => [s.name, s]));
  for (const c of o.changes) {
    const s = byName.get(c.service);
    if (!s) continue;
    if (c.kind === 'deploy') {
      const rs = `${c.service}-${rng.hex(9)}`;
      events.push({
        ts: c.ts + 2000,
        service: c.service,
        object: `deployment/${c.service}`,
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${rs} to ${s.replicas}`,
      });
      for (let r = 0; r < s.replicas; r++) {
        const pod = `${rs}-${rng.hex(5)}`;
        const at = c.ts + 5000 + r * 20000;
        events.push({
          ts: at,
          service: c.service,
          object: `pod/${pod}`,
          type: 'Normal',
          reason: 'Pulled',
          message: `Successfully pulled image "registry.example.internal/shop/${c.service}:${c.version ?? 'latest'}" in ${rng.float(0.8, 6).toFixed(1)}s`,
        });
        events.push({
          ts: at + 1500,
          service: c.service,
          object: `pod/${pod}`,
          type: 'Normal',
          reason: 'Started',
          message: `Started container ${c.service}`,
        });
      }
    } else if (c.kind === 'scale') {
      events.push({
        ts: c.ts,
        service: c.service,
        object: `horizontalpodautoscaler/${c.service}`,
        type: 'Normal',
        reason: 'SuccessfulRescale',
        message: `New size: ${/to (\d+)/.exec(c.summary)?.[1] ?? '?'}; reason: cpu resource utilization (percentage of request) above target`,
      });
    }
  }
  const lastRestart = new Map<string, number>();
  for (const r of o.restarts) {
    const s = topology.services[r.service];
    if (!s) continue;
    const pod = podName(s.name, r.replica);
    const limitMi = Math.round(s.memoryLimitBytes / 1024 ** 2);
    events.push({
      ts: r.ts,
      service: s.name,
      object: `pod/${pod}`,
      type: 'Warning',
      reason: r.reason,
      message: `Container ${s.name} in pod ${pod} exceeded its memory limit (${limitMi}Mi) and was killed`,
    });
    const previous = lastRestart.get(pod);
    if (previous !== undefined && r.ts - previous < 30 * MINUTE_MS) {
      events.push({
        ts: r.ts + 10_000,
        service: s.name,
        object: `pod/${pod}`,
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container ${s.name} in pod ${pod}`,
      });
    }
    events.push({
      ts: r.ts + 25_000,
      service: s.name,
      object: `pod/${pod}`,
      type: 'Normal',
      reason: 'Started',
      message: `Started container ${s.name}`,
    });
    lastRestart.set(pod, r.ts);
  }
  const probeable = topology.services.filter((s) => s.kind !== 'external');
  const hours = (o.end - o.start) / (60 * MINUTE_MS);
  const benign = rng.poisson(hours * 0.25 * o.noise);
  for (let k = 0; k < benign; k++) {
    const s = rng.pick(probeable);
    const pod = podName(s.name, rng.int(0, s.replicas - 1));
    events.push({
      ts: rng.float(o.start, o.end),
      service: s.name,
      object: `pod/${pod}`,
      type: 'Warning',
      reason: 'Unhealthy',
      message: `Readiness probe failed: Get "http://${rng.ip()}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  }
  events.push(...o.faultEvents);
  return events
    .filter((e) => e.ts >= o.start && e.ts < o.end)
    .map((e) => ({ ...e, ts: Math.floor(e.ts) }))
    .sort((a, b) => a.ts - b.ts);
}
