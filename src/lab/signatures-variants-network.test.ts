/**
 * Signatures of the fault variants between components and of a config push: one caller's calls to
 * the root time out, are reset, cannot resolve it or fail the TLS handshake; an identity provider
 * fails behind the internal service that validates tokens; a config push with no deploy breaks one
 * service. Each runs on shop (where it can) and on generated topologies.
 */
import { expect, test } from 'vitest';
import {
  logLines,
  medianAfter,
  medianBefore,
  type Observation,
  type SignatureCase,
  signatureRows,
  stepAt,
} from '../../testing/lab/support.js';
import { MINUTE_MS } from '../core/index.js';
import { EDGE_RESET } from './sim/conditions.js';

/** Shop and one generated system, unless a case says otherwise. */
const RUNS: SignatureCase['runs'] = [
  ['shop', 1],
  ['gen-2', 1],
];

/** A variant's signature check; `runs` defaults to RUNS. */
type VariantCase = Omit<SignatureCase, 'runs'> & { variant: string; runs?: SignatureCase['runs'] };

const variantRows = (cases: readonly VariantCase[]) =>
  signatureRows(cases.map((c) => ({ ...c, runs: c.runs ?? RUNS })));

/** The caller named by the truth's alternative answer, and the edge from it to the root. */
function wire(o: Observation) {
  expect(o.s.truth.rootCause.category).toBe('network');
  const caller = o.s.truth.alsoAcceptable[0]?.service ?? '';
  const from = o.s.index.byName.get(caller) ?? -1;
  const to = o.s.index.byName.get(o.root) ?? -1;
  const edge = o.s.index.edges.findIndex((e) => e.from === from && e.to === to);
  expect(edge, `${caller} does not call ${o.root}`).toBeGreaterThanOrEqual(0);
  return { caller, edge };
}

/** Lines matching `pattern`: all from `caller`, all naming the root, none before onset, enough after. */
function expectCallerLines(o: Observation, caller: string, pattern: RegExp, atLeast: number) {
  const lines = logLines(rootErrors(o), pattern, o.incidentAt);
  expect(lines.services).toEqual([caller]);
  expect(lines.before).toBe(0);
  expect(lines.after).toBeGreaterThan(atLeast);
}

/** Error lines of other services that name the root (background chatter has resets of its own). */
function rootErrors(o: Observation) {
  return o
    .telemetry()
    .logs.filter((l) => l.level === 'error' && l.service !== o.root && l.message.includes(o.root));
}

/** The root itself is healthy: its own error ratio stays low. */
function expectRootHealthy(o: Observation) {
  expect(medianAfter(o.s, 'selfErrorRatio', o.root)).toBeLessThan(0.02);
  expect(medianAfter(o.s, 'errorRatio', o.root)).toBeLessThan(0.05);
}

/** No edge but `edge` carries wire latency, errors or unsent calls, and none of it before onset. */
function expectOnlyEdge(o: Observation, edge: number) {
  const r = o.s.result;
  const n = o.s.index.edges.length;
  const wrong: string[] = [];
  for (let k = 0; k < r.steps; k++)
    for (let e = 0; e < n; e++) {
      const x = k * n + e;
      const hit = (r.edgeLatencyMs[x] ?? 0) > 0 || (r.edgeError[x] ?? 0) > 0 || (r.edgeUnsent[x] ?? 0) > 0;
      const early = r.start + k * r.stepMs < o.incidentAt;
      if (hit && (e !== edge || early)) wrong.push(`edge ${e} at step ${k}`);
    }
  expect(wrong).toEqual([]);
}

/** A share of the caller's calls to the root is never sent once the fault is at full strength. */
function expectUnsent(o: Observation, edge: number) {
  const n = o.s.index.edges.length;
  const full = stepAt(o.s, o.incidentAt + 2 * MINUTE_MS);
  expect(o.s.result.edgeUnsent[full * n + edge]).toBeGreaterThan(0.3);
  expect(o.s.result.edgeError[full * n + edge]).toBe(0);
}

const cases: VariantCase[] = [
  {
    fault: 'network-latency',
    variant: 'timeout',
    signature: "one caller's calls to the root hang past its deadline; i/o timeouts name the root",
    check(o) {
      const { caller, edge } = wire(o);
      expectOnlyEdge(o, edge);
      const full = stepAt(o.s, o.incidentAt + 2 * MINUTE_MS);
      const n = o.s.index.edges.length;
      expect(o.s.result.edgeLatencyMs[full * n + edge]).toBeGreaterThan(3000);
      // A gateway routes few requests to the root, so the share that times out can be small.
      expect(medianAfter(o.s, 'timeoutShare', caller)).toBeGreaterThan(
        Math.max(0.005, 5 * medianBefore(o.s, 'timeoutShare', caller)),
      );
      expect(medianAfter(o.s, 'p99', caller)).toBeGreaterThan(3 * medianBefore(o.s, 'p99', caller));
      expectCallerLines(o, caller, /i\/o timeout/, 20);
      const waiting = logLines(o.telemetry().logs, new RegExp(`waiting for ${o.root}$`), o.incidentAt);
      expect(waiting.services).toContain(caller);
      expect(waiting.before).toBe(0);
      expectRootHealthy(o);
    },
  },
  {
    fault: 'network-latency',
    variant: 'reset',
    signature: "one caller's calls to the root are reset by peer; only that edge fails",
    check(o) {
      const { caller, edge } = wire(o);
      expectOnlyEdge(o, edge);
      const n = o.s.index.edges.length;
      const full = stepAt(o.s, o.incidentAt + 2 * MINUTE_MS);
      expect(o.s.result.edgeFailure[full * n + edge]).toBe(EDGE_RESET);
      expectCallerLines(o, caller, /connection reset by peer|upstream reset: connection termination/, 20);
      const spans = o.telemetry().spans.filter((sp) => sp.attrs?.['error.type'] === 'connection_reset');
      expect(spans.length).toBeGreaterThan(0);
      for (const sp of spans) {
        expect(sp).toMatchObject({ service: caller, attrs: { 'peer.service': o.root } });
        expect(sp.start).toBeGreaterThanOrEqual(o.incidentAt);
      }
      expectRootHealthy(o);
    },
  },
  {
    fault: 'network-latency',
    variant: 'dns',
    signature: "one caller cannot resolve the root (no such host); its own errors rise, the root's do not",
    check(o) {
      const { caller, edge } = wire(o);
      expectOnlyEdge(o, edge);
      expectUnsent(o, edge);
      expect(medianAfter(o.s, 'errorRatio', caller)).toBeGreaterThan(
        Math.max(0.02, 5 * medianBefore(o.s, 'errorRatio', caller)),
      );
      expectCallerLines(o, caller, /no such host/, 20);
      expect(
        logLines(rootErrors(o), /connection reset|connection refused|x509|i\/o timeout/, 0).lines,
      ).toEqual([]);
      expectRootHealthy(o);
    },
  },
  {
    fault: 'network-latency',
    variant: 'tls',
    signature:
      'one caller fails the TLS handshake with the root; the root logs handshake errors, its errors stay low',
    check(o) {
      const { caller, edge } = wire(o);
      expectOnlyEdge(o, edge);
      expectUnsent(o, edge);
      expect(medianAfter(o.s, 'errorRatio', caller)).toBeGreaterThan(
        Math.max(0.02, 5 * medianBefore(o.s, 'errorRatio', caller)),
      );
      expectCallerLines(
        o,
        caller,
        /tls: handshake failure|x509: certificate signed by unknown authority/,
        20,
      );
      const server = logLines(o.telemetry().logs, /TLS handshake error from/, o.incidentAt);
      expect(server.services).toEqual([o.root]);
      expect(server.before).toBe(0);
      expect(server.after).toBeGreaterThan(0);
      expectRootHealthy(o);
    },
  },
  {
    fault: 'provider-outage',
    variant: 'identity',
    signature:
      'the identity provider fails; its callers log JWKS/token failures, theirs 401s; it logs nothing',
    // Neither shop nor mini has an identity provider; generated systems do.
    runs: [
      ['gen-1', 1],
      ['gen-2', 1],
    ],
    check(o) {
      const provider = o.s.topology.services.find((s) => s.name === o.root);
      expect(provider?.role).toBe('external');
      expect(provider?.operations.some((op) => /oauth|token|jwks/i.test(op))).toBe(true);
      expect(medianAfter(o.s, 'errorRatio', o.root)).toBeGreaterThan(0.3);
      const { logs } = o.telemetry();
      expect(logs.filter((l) => l.service === o.root)).toEqual([]);
      const validators = o.s.topology.services
        .filter((s) => s.dependsOn.some((d) => d.service === o.root))
        .map((s) => s.name)
        .sort();
      const jwks = logLines(logs, /JWKS|oauth\/token returned 503/, o.incidentAt);
      expect(jwks.services).toEqual(validators);
      expect(jwks.before).toBe(0);
      expect(jwks.after).toBeGreaterThan(20);
      const rejected = logLines(logs, /401 Unauthorized \(invalid_token/, o.incidentAt);
      expect(rejected.before).toBe(0);
      expect(rejected.after).toBeGreaterThan(0);
      for (const s of rejected.services) {
        const callee = o.s.topology.services.find((x) => x.name === s)?.dependsOn.map((d) => d.service);
        expect(
          callee?.some((c) => validators.includes(c)),
          s,
        ).toBe(true);
      }
    },
  },
  {
    fault: 'bad-config',
    variant: 'no-deploy',
    signature: 'a config change on the root, no deploy, no restart; its own errors jump; its callers fail',
    check(o) {
      const change = o.s.changes.find((c) => c.id === o.s.truth.rootCause.change);
      expect(change).toMatchObject({ service: o.root, kind: 'config' });
      expect(change?.version).toBeUndefined();
      expect(change?.diff).not.toContain('DB_POOL_MAX');
      const at = change?.ts ?? 0;
      expect(at).toBeLessThanOrEqual(o.incidentAt);
      const rootChanges = o.s.changes.filter(
        (c) => c.service === o.root && c.ts >= at - 30 * MINUTE_MS && c.ts <= o.s.incident.window.end,
      );
      expect(rootChanges.map((c) => c.kind)).toEqual(['config']);
      const restarts = o.s.events.filter(
        (e) =>
          e.service === o.root && e.ts >= at && /Killing|Started|Pulled|OOMKilled|BackOff/.test(e.reason),
      );
      expect(restarts).toEqual([]);
      expect(medianAfter(o.s, 'selfErrorRatio', o.root)).toBeGreaterThan(
        Math.max(0.05, 5 * medianBefore(o.s, 'selfErrorRatio', o.root)),
      );
      const { logs } = o.telemetry();
      const errors = logLines(
        logs.filter((l) => l.level === 'error'),
        /IllegalArgumentException: No enum constant|RangeError: Incorrect locale|KeyError: 'EUR'|ValidationError: "client_ref"/,
        at,
      );
      expect(errors.services).toEqual([o.root]);
      expect(errors.before).toBe(0);
      expect(errors.after).toBeGreaterThan(100);
      const reloaded = logLines(logs, /configuration reloaded from configmap/, at);
      expect(reloaded.services).toEqual([o.root]);
      const callers = o.s.topology.services.filter((s) =>
        s.dependsOn.some((d) => d.service === o.root && !d.soft),
      );
      const symptoms = logLines(
        logs.filter((l) => callers.some((c) => c.name === l.service)),
        new RegExp(`call to ${o.root} failed|upstream ${o.root} returned|cluster=${o.root}`),
        at,
      );
      // Callers fail a few calls to it on any day; after the push, many times as often.
      const perMinute = (count: number, ms: number) => count / (ms / MINUTE_MS);
      const before = perMinute(symptoms.before, at - o.s.result.start);
      expect(symptoms.after).toBeGreaterThan(20);
      expect(perMinute(symptoms.after, o.s.incident.window.end - at)).toBeGreaterThan(
        5 * Math.max(before, 0.1),
      );
    },
  },
];

test.each(variantRows(cases))('$name', ({ run }) => run());
