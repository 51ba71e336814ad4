/**
 * Signatures of the faults a change introduces (or a bad record): the causing change on the root,
 * the root's own errors or latency, and log lines that only the root writes.
 */
import { expect, test } from 'vitest';
import {
  logLines,
  medianAfter,
  medianBefore,
  type Observation,
  SIGNATURE_RUNS,
  type SignatureCase,
  series,
  signatureRows,
} from '../../testing/lab/support.js';
import type { Change } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';

/** The messages of EXCEPTIONS in faults/change-faults.ts; a web template has a similar TypeError, so match exactly. */
const EXCEPTION =
  /TypeError: Cannot read properties of undefined \(reading 'currency'\)|panic recovered in .*: runtime error: invalid memory address|NullPointerException: Cannot invoke "Money\.amount\(\)"|KeyError: 'shipping_zone' in serialize_quote/;

/** The truth's causing change, which must exist in the change stream. */
function causingChange({ s }: Observation): Change {
  const change = s.changes.find((c) => c.id === s.truth.rootCause.change);
  if (!change) throw new Error(`truth.rootCause.change ${s.truth.rootCause.change} is not among the changes`);
  return change;
}

/** The causing change is on the root, of `kind`, and lands within `minutes` before the incident. */
function expectCausingChange(o: Observation, kind: Change['kind'], minutes: number): Change {
  const change = causingChange(o);
  expect(change).toMatchObject({ service: o.root, kind });
  expect(change.ts).toBeGreaterThanOrEqual(o.incidentAt - minutes * MINUTE_MS);
  expect(change.ts).toBeLessThanOrEqual(o.incidentAt);
  expect(Math.abs(change.ts - (o.s.truth.rootCause.startedAt ?? 0))).toBeLessThan(1000);
  return change;
}

const cases: SignatureCase[] = [
  {
    fault: 'bad-deploy',
    signature: 'a deploy of the root just before onset; its own errors jump; exceptions only from it',
    runs: SIGNATURE_RUNS,
    check(o) {
      const change = expectCausingChange(o, 'deploy', 5);
      expect(change.version).toMatch(/^\d+\.\d+\.\d+$/);
      const before = medianBefore(o.s, 'selfErrorRatio', o.root);
      const after = medianAfter(o.s, 'selfErrorRatio', o.root);
      expect(after).toBeGreaterThanOrEqual(5 * before);
      expect(after).toBeGreaterThan(0.05);
      const exceptions = logLines(o.telemetry().logs, EXCEPTION, change.ts);
      expect(exceptions.services).toEqual([o.root]);
      expect(exceptions.before).toBe(0);
      expect(exceptions.after).toBeGreaterThan(100);
    },
  },
  {
    fault: 'bad-config',
    signature: 'a DB_POOL_MAX config change on the root; its pool shrinks at the change and runs full',
    runs: SIGNATURE_RUNS,
    check(o) {
      const change = expectCausingChange(o, 'config', 5);
      const configured = o.s.topology.services.find((s) => s.name === o.root)?.poolMax;
      expect(change.diff).toContain(`-DB_POOL_MAX=${configured}`);
      const lowered = Number(/\+DB_POOL_MAX=(\d+)/.exec(change.diff ?? '')?.[1]);
      expect(lowered).toBeLessThan(configured ?? 0);

      const poolMax = series(o.s, 'poolMax', o.root);
      const shrunk = poolMax.findIndex((v) => v !== configured);
      const shrunkAt = o.s.result.start + shrunk * o.s.result.stepMs;
      expect(shrunkAt).toBeGreaterThanOrEqual(change.ts);
      expect(shrunkAt - change.ts).toBeLessThan(o.s.result.stepMs);
      expect(new Set(poolMax.slice(shrunk))).toEqual(new Set([lowered]));
      expect(medianAfter(o.s, 'poolInUse', o.root)).toBe(lowered);

      const timeouts = logLines(o.telemetry().logs, /timeout acquiring connection from pool/, change.ts);
      expect(timeouts.services).toEqual([o.root]);
      expect(timeouts.before).toBe(0);
      expect(timeouts.after).toBeGreaterThan(100);
      expect(timeouts.lines.every((l) => l.message.includes(`(max=${lowered}, in use=${lowered},`))).toBe(
        true,
      );
    },
  },
  {
    fault: 'feature-flag',
    signature: 'a flag flip on the root; its own latency rises ≥ 2×; lines naming the flag only from it',
    runs: SIGNATURE_RUNS,
    check(o) {
      const change = expectCausingChange(o, 'feature_flag', 5);
      const flag = /^- (\S+): 10%/.exec(change.diff ?? '')?.[1];
      expect(flag).toBeDefined();
      expect(medianAfter(o.s, 'selfMedianMs', o.root)).toBeGreaterThanOrEqual(
        2 * medianBefore(o.s, 'selfMedianMs', o.root),
      );
      const flagLines = logLines(o.telemetry().logs, new RegExp(`^${flag}: `), change.ts);
      expect(flagLines.services).toEqual([o.root]);
      expect(flagLines.before).toBe(0);
      expect(flagLines.after).toBeGreaterThan(20);
    },
  },
  {
    fault: 'poison-input',
    signature: 'no causing change; "failed for id=" lines with the one bad record only from the root',
    runs: SIGNATURE_RUNS,
    check(o) {
      expect(o.s.truth.rootCause.change).toBeUndefined();
      expect(medianAfter(o.s, 'selfErrorRatio', o.root)).toBeGreaterThan(
        10 * medianBefore(o.s, 'selfErrorRatio', o.root),
      );
      const failed = logLines(o.telemetry().logs, /failed for id=/, o.incidentAt);
      expect(failed.services).toEqual([o.root]);
      expect(failed.before).toBe(0);
      expect(failed.after).toBeGreaterThan(100);
      const ids = new Set(failed.lines.map((l) => /failed for id=(\d+)/.exec(l.message)?.[1]));
      expect(ids.size).toBe(1);
      expect(o.s.truth.rootCause.summary).toContain(`Record ${[...ids][0]} `);
    },
  },
];

test.each(signatureRows(cases))('$name', ({ run }) => run());
