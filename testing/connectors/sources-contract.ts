/**
 * The one contract every telemetry connector passes. A fixture gives the connector under test and
 * the same data as bundle files; each kind the connector serves must return what the bundle holds
 * in a range, nothing outside it, nothing for a range with no data, and stop when aborted.
 * Connectors whose backends cannot hold the bundle verbatim (a database that rounds, a store
 * that adds labels) normalise through `project`, which says in one place what the backend keeps.
 *
 * Used by each connector's test file; not part of the build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sources } from '../../src/connectors/sources.js';
import type { Change, InfraEvent, LogRecord, Series, Span, TimeRange } from '../../src/core/index.js';

export type ContractKind = 'metrics' | 'logs' | 'traces' | 'changes' | 'events';

export interface SourceFixture {
  /** The connector under test. */
  actual: Sources;
  /** The same data read from bundle files. */
  expected: Sources;
  /** A range with data of every served kind. */
  range: TimeRange;
  close?: () => Promise<void>;
}

/** Reduces records to what a backend keeps, as comparable strings. */
export interface Projections {
  metrics: (s: Series) => string[];
  logs: (r: LogRecord) => string;
  traces: (s: Span) => string;
  changes: (c: Change) => string;
  events: (e: InfraEvent) => string;
}

const labelText = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

export const DEFAULT_PROJECTIONS: Projections = {
  metrics: (s) =>
    s.timestamps.map((t, i) => `${s.service}|${s.metric}|${labelText(s.labels)}|${t}|${s.values[i]}`),
  logs: (r) => `${r.ts}|${r.service}|${r.level}|${r.message}`,
  traces: (s) =>
    `${s.traceId}|${s.spanId}|${s.parentSpanId ?? ''}|${s.service}|${s.name}|${s.start}|${s.status}`,
  changes: (c) => `${c.ts}|${c.service}|${c.kind}|${c.summary}`,
  events: (e) => `${e.ts}|${e.service}|${e.object}|${e.reason}`,
};

async function read(sources: Sources, kind: ContractKind, range: TimeRange, signal?: AbortSignal) {
  switch (kind) {
    case 'metrics':
      return (await sources.metrics?.series(range, signal)) ?? [];
    case 'logs':
      return (await sources.logs?.logs(range, signal)) ?? [];
    case 'traces':
      return (await sources.traces?.spans(range, signal)) ?? [];
    case 'changes':
      return (await sources.changes?.changes(range, signal)) ?? [];
    case 'events':
      return (await sources.events?.events(range, signal)) ?? [];
  }
}

function project(kind: ContractKind, records: unknown[], p: Projections): string[] {
  const lines =
    kind === 'metrics'
      ? (records as Series[]).flatMap(p.metrics)
      : (records as never[]).map((r) => (p[kind] as (x: never) => string)(r));
  return lines.sort();
}

function instants(kind: ContractKind, records: unknown[]): number[] {
  switch (kind) {
    case 'metrics':
      return (records as Series[]).flatMap((s) => s.timestamps);
    case 'traces':
      return (records as Span[]).map((s) => s.start);
    default:
      return (records as { ts: number }[]).map((r) => r.ts);
  }
}

export function sourceContract(
  name: string,
  kinds: readonly ContractKind[],
  setup: () => Promise<SourceFixture>,
  projections: Partial<Projections> = {},
): void {
  const p = { ...DEFAULT_PROJECTIONS, ...projections };
  describe(`${name}: source contract`, () => {
    let fixture: SourceFixture;
    beforeAll(async () => {
      fixture = await setup();
    }, 120_000);
    afterAll(async () => {
      await fixture?.close?.();
    });

    for (const kind of kinds) {
      it(`${kind}: returns what the bundle holds in the range`, async () => {
        const actual = await read(fixture.actual, kind, fixture.range);
        const expected = await read(fixture.expected, kind, fixture.range);
        expect(expected.length, 'the fixture must have data in its range').toBeGreaterThan(0);
        expect(project(kind, actual, p)).toEqual(project(kind, expected, p));
      });

      it(`${kind}: nothing outside the range`, async () => {
        const half = {
          start: fixture.range.start,
          end: Math.floor((fixture.range.start + fixture.range.end) / 2),
        };
        const records = await read(fixture.actual, kind, half);
        for (const t of instants(kind, records)) {
          // Changes may reach back before the range (the lead-up to the incident), never after it.
          if (kind !== 'changes') expect(t).toBeGreaterThanOrEqual(half.start);
          expect(t).toBeLessThan(half.end);
        }
      });

      it(`${kind}: an empty range gives nothing`, async () => {
        const before = {
          start: fixture.range.start - 86_400_000 * 30,
          end: fixture.range.start - 86_400_000 * 29,
        };
        expect(await read(fixture.actual, kind, before)).toEqual([]);
      });

      it(`${kind}: an aborted read rejects`, async () => {
        const controller = new AbortController();
        controller.abort();
        await expect(read(fixture.actual, kind, fixture.range, controller.signal)).rejects.toThrow();
      });
    }
  });
}
