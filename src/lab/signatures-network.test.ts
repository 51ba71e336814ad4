/**
 * Signatures of the faults between components: the wire, an internal service that is down, the
 * external provider, an expired certificate. The callers log the symptom, and it names the root.
 */
import { expect, test } from 'vitest';
import {
  logLines,
  medianAfter,
  medianBefore,
  type Observation,
  observe,
  SIGNATURE_RUNS,
  type SignatureCase,
  signatureRows,
  stepAt,
} from '../../testing/lab/support.js';

/** Steps at or after `at`, and before it. */
function splitSteps(o: Observation, at: number) {
  const first = stepAt(o.s, at) + (o.s.result.start + stepAt(o.s, at) * o.s.result.stepMs < at ? 1 : 0);
  const all = Array.from({ length: o.s.result.steps }, (_, k) => k);
  return { before: all.slice(0, first), after: all.slice(first) };
}

/** Client spans of calls that never reached their callee, with this error type, before and after onset. */
function failedCalls(o: Observation, errorType: string) {
  const calls = o.telemetry().spans.filter((sp) => sp.attrs?.['error.type'] === errorType);
  return {
    before: calls.filter((sp) => sp.start < o.incidentAt),
    after: calls.filter((sp) => sp.start >= o.incidentAt),
  };
}

function namesRoot(o: Observation, line: { service: string; message: string }): boolean {
  return line.service === o.root || line.message.includes(o.root);
}

const cases: SignatureCase[] = [
  {
    fault: 'network-latency',
    signature: 'latency on every edge touching the root and no other; resets name the root',
    // Seed 1 hits a service without a pool; seed 2 one whose pool saturates behind the slow wire.
    runs: SIGNATURE_RUNS,
    check(o) {
      const r = o.s.result;
      const i = o.s.index.byName.get(o.root) ?? -1;
      const edges = o.s.index.edges;
      const { before } = splitSteps(o, o.incidentAt);
      const full = stepAt(o.s, o.incidentAt + 5 * 60_000);
      const wrong: string[] = [];
      edges.forEach((e, k) => {
        const name = `${o.s.topology.services[e.from]?.name}->${o.s.topology.services[e.to]?.name}`;
        const touching = e.from === i || e.to === i;
        for (const step of before) {
          if (r.edgeLatencyMs[step * edges.length + k] !== 0) wrong.push(`${name} slow before onset`);
        }
        for (let step = full; step < r.steps; step++) {
          const added = r.edgeLatencyMs[step * edges.length + k] ?? 0;
          if (touching ? added < 150 : added !== 0) wrong.push(`${name} +${added} ms at step ${step}`);
        }
      });
      expect(wrong).toEqual([]);
      // The service itself is not slower; only a pool held open across the slow wire can make it wait.
      const self = medianAfter(o.s, 'selfMedianMs', o.root) / medianBefore(o.s, 'selfMedianMs', o.root);
      const poolMax = o.s.topology.services.find((s) => s.name === o.root)?.poolMax ?? 0;
      if (poolMax > 0 && medianAfter(o.s, 'poolInUse', o.root) === poolMax) expect(self).toBeGreaterThan(1);
      else expect(self).toBeLessThan(1.3);

      const logs = o.telemetry().logs;
      const resets = logLines(
        logs.filter((l) => l.level === 'error'),
        /connection reset by peer|upstream reset: connection termination/,
        o.incidentAt,
      );
      expect(resets.before).toBe(0);
      expect(resets.after).toBeGreaterThan(100);
      expect(resets.lines.filter((l) => !namesRoot(o, l))).toEqual([]);
      const retransmits = logLines(logs, /TCP retransmission rate/, o.incidentAt);
      expect(retransmits.services).toEqual([o.root]);
      expect(retransmits.before).toBe(0);
      // Calls lost on the wire show as the caller's client spans, only on edges that touch the root.
      const resetCalls = failedCalls(o, 'connection_reset');
      expect(resetCalls.before).toEqual([]);
      expect(resetCalls.after.length).toBeGreaterThan(0);
      expect(
        resetCalls.after.filter((sp) => sp.service !== o.root && sp.attrs?.['peer.service'] !== o.root),
      ).toEqual([]);
    },
  },
  {
    fault: 'dependency-outage',
    signature: 'the root is down and exports only restarts_total; BackOff for it alone; refusals name it',
    runs: SIGNATURE_RUNS,
    check(o) {
      const r = o.s.result;
      const i = o.s.index.byName.get(o.root) ?? -1;
      const { before, after } = splitSteps(o, o.incidentAt);
      expect(before.map((k) => r.down[k * r.services + i])).not.toContain(1);
      expect(after.map((k) => r.down[k * r.services + i])).not.toContain(0);

      const { metrics, logs } = o.telemetry();
      const names = (from: number, to: number) =>
        [
          ...new Set(
            metrics.filter((m) => m.service === o.root && m.ts >= from && m.ts < to).map((m) => m.metric),
          ),
        ].sort();
      expect(names(o.incidentAt, Number.POSITIVE_INFINITY)).toEqual(['restarts_total']);
      expect(names(0, o.incidentAt)).toContain('requests_per_second');
      const restarts = metrics.filter((m) => m.service === o.root && m.metric === 'restarts_total');
      expect(restarts.at(-1)?.value ?? 0).toBeGreaterThan(restarts[0]?.value ?? 0);

      const backOff = o.s.events.filter((e) => e.reason === 'BackOff');
      expect(backOff.length).toBeGreaterThan(0);
      expect(new Set(backOff.map((e) => e.service))).toEqual(new Set([o.root]));
      const probes = o.s.events.filter((e) => e.service === o.root && /HTTP probe failed/.test(e.message));
      expect(probes.length).toBeGreaterThan(0);
      expect(probes.every((e) => e.ts >= o.incidentAt)).toBe(true);
      const refused = logLines(logs, /connection refused|reset reason: connection failure/, o.incidentAt);
      expect(refused.before).toBe(0);
      expect(refused.after).toBeGreaterThan(100);
      expect(refused.lines.filter((l) => !l.message.includes(o.root))).toEqual([]);
      // A down service writes no spans; its callers' client spans record the refused calls.
      const { spans } = o.telemetry();
      expect(spans.filter((sp) => sp.service === o.root && sp.start >= o.incidentAt)).toEqual([]);
      const calls = failedCalls(o, 'connection_refused');
      expect(calls.before).toEqual([]);
      expect(calls.after.length).toBeGreaterThan(0);
      expect(new Set(calls.after.map((sp) => sp.attrs?.['peer.service']))).toEqual(new Set([o.root]));
    },
  },
  {
    fault: 'provider-outage',
    signature: 'the external provider fails calls; it writes no log lines or spans of its own',
    runs: SIGNATURE_RUNS,
    check(o) {
      expect(o.s.topology.services.find((s) => s.name === o.root)?.role).toBe('external');
      const before = medianBefore(o.s, 'errorRatio', o.root);
      const after = medianAfter(o.s, 'errorRatio', o.root);
      expect(after).toBeGreaterThan(0.2);
      expect(after).toBeGreaterThan(10 * before);
      const { logs, spans } = o.telemetry();
      expect(logs.filter((l) => l.service === o.root)).toEqual([]);
      // Nor spans: calls to it are its callers' client spans.
      expect(spans.filter((sp) => sp.service === o.root)).toEqual([]);
      const callers = o.s.topology.services.filter((s) => s.dependsOn.some((d) => d.service === o.root));
      const calls = spans.filter((sp) => sp.attrs?.['peer.service'] === o.root);
      expect(new Set(calls.map((sp) => sp.service))).toEqual(new Set(callers.map((s) => s.name)));
      // Sampled traces hold only a handful of these calls on shop: too few to compare error rates.
      expect(calls.filter((sp) => sp.attrs?.['span.kind'] !== 'client')).toEqual([]);
    },
  },
  {
    fault: 'cert-expiry',
    signature: 'x509 errors name the root; handshakes fail only towards it; its traffic collapses',
    runs: SIGNATURE_RUNS,
    check(o) {
      // Renewal failures are the root's alone, before it expires (a 2 h window often holds none: see below).
      for (const e of o.s.events.filter((x) => x.reason === 'Failed')) {
        expect(e).toMatchObject({ service: o.root, object: `certificate/${o.root}-tls` });
        expect(e.ts).toBeLessThan(o.incidentAt);
      }
      const x509 = logLines(o.telemetry().logs, /x509: |CERTIFICATE_VERIFY_FAILED/, o.incidentAt);
      expect(x509.before).toBe(0);
      expect(x509.after).toBeGreaterThan(100);
      expect(x509.lines.filter((l) => !l.message.includes(o.root))).toEqual([]);
      expect(x509.services).not.toContain(o.root);
      const handshakes = failedCalls(o, 'tls_handshake');
      expect(handshakes.before).toEqual([]);
      expect(handshakes.after.length).toBeGreaterThan(0);
      expect(new Set(handshakes.after.map((sp) => sp.attrs?.['peer.service']))).toEqual(new Set([o.root]));
      expect(medianAfter(o.s, 'rps', o.root)).toBeLessThan(0.2 * medianBefore(o.s, 'rps', o.root));
    },
  },
];

test.each(signatureRows(cases))('$name', ({ run }) => run());

test.each(SIGNATURE_RUNS)(
  'cert-expiry on %s seed %i: renewals of the root fail for hours before it expires (7 h window)',
  (topology, seed) => {
    // Renewals fail every 6 h from 4–20 h before the incident, so a 7 h window holds at least one.
    const o = observe('cert-expiry', { topology, seed, hours: 7 });
    const failed = o.s.events.filter((e) => e.reason === 'Failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const e of failed) {
      expect(e).toMatchObject({ service: o.root, object: `certificate/${o.root}-tls`, type: 'Warning' });
      expect(e.message).toContain(`Failed to renew certificate ${o.root}-tls`);
      expect(e.ts).toBeLessThan(o.incidentAt);
    }
  },
);
