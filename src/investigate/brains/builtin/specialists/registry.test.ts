/**
 * The specialists registry is the one list: its entries are checked by the compiler (the
 * `@ts-expect-error` lines fail `npm run typecheck` if the mistake they mark ever compiles), and
 * what derives from it (the ranker's input, each evidence item's provenance) is checked here.
 */
import { describe, expect, test } from 'vitest';
import type { MetricShift } from '../../../../analysis/rca/index.js';
import { tools } from '../../../tools/index.js';
import { evidenceOf, SIGNAL_SOURCES, signalSourcesOf } from './findings.js';
import { metricsSpecialist } from './metrics.js';
import { SPECIALIST_NAMES, specialists } from './registry.js';
import { defineSpecialist, type Specialist } from './specialist.js';

describe('what does not compile', () => {
  test('an entry without a description, or naming a tool that does not exist', () => {
    const registry = {
      metrics: metricsSpecialist,
      // @ts-expect-error: `description` is missing
      undescribed: {
        tool: 'query_metrics',
        input: {},
        examine: () => ({}),
        rank: () => ({}),
        signals: [],
        evidenceKind: 'metric',
      },
      unknownTool: {
        description: 'reads a tool nobody registered',
        // @ts-expect-error: no tool is called `query_tea_leaves`
        tool: 'query_tea_leaves',
        input: {},
        examine: () => ({}),
        rank: () => ({}),
        signals: [],
        evidenceKind: 'metric',
      },
    } satisfies Record<string, Specialist>;
    expect(Object.keys(registry)).toHaveLength(3);
  });

  test("an examine that reads what its tool does not return, or an input its tool's schema refuses", () => {
    const wrong = defineSpecialist({
      description: 'reads log patterns from the metrics tool',
      tool: 'query_metrics',
      // @ts-expect-error: query_metrics takes no `hoursBefore`
      input: { hoursBefore: 6 },
      // @ts-expect-error: query_metrics returns shifts and silences, not patterns
      examine: (o) => ({ patterns: o.patterns }),
      rank: () => ({}),
      signals: [],
      evidenceKind: 'log',
    });
    expect(wrong.tool).toBe('query_metrics');
  });
});

describe('every registered specialist', () => {
  test.each(SPECIALIST_NAMES.map((name) => ({ name })))(
    '$name: described, and its input is valid for its tool',
    ({ name }) => {
      const specialist: Specialist = specialists[name];
      expect(specialist.description.length).toBeGreaterThan(20);
      expect(tools[specialist.tool].input.safeParse(specialist.input).success).toBe(true);
    },
  );
});

test('each kind of ranker evidence is answered for by one specialist, filed under its kind', () => {
  expect(SIGNAL_SOURCES).toEqual({
    metric: { specialist: 'metrics', evidenceKind: 'metric' },
    silence: { specialist: 'metrics', evidenceKind: 'metric' },
    traffic: { specialist: 'metrics', evidenceKind: 'metric' },
    edge: { specialist: 'metrics', evidenceKind: 'metric' },
    log: { specialist: 'logs', evidenceKind: 'log' },
    log_pointer: { specialist: 'logs', evidenceKind: 'log' },
    trace_origin: { specialist: 'traces', evidenceKind: 'trace' },
    trace_latency: { specialist: 'traces', evidenceKind: 'trace' },
    event: { specialist: 'events', evidenceKind: 'event' },
    change: { specialist: 'changes', evidenceKind: 'change' },
  });
});

test('a registry that leaves a kind of evidence unclaimed, or claims one twice, is refused with both names', () => {
  const { metrics, logs, traces, changes } = specialists;
  expect(() => signalSourcesOf({ metrics, logs, traces, changes })).toThrow(
    /no specialist lists the signal\(s\) event: add them/,
  );
  const twice = defineSpecialist({ ...specialists.events, signals: ['event', 'change'] });
  expect(() => signalSourcesOf({ ...specialists, events: twice })).toThrow(
    'specialists changes and events both list the signal "change"',
  );
});

describe('the ranker input derived from the findings', () => {
  const shift = (service: string) => ({ service }) as MetricShift;
  const saturation = defineSpecialist({
    description: 'a second source of metric shifts (resource saturation)',
    tool: 'query_metrics',
    input: { metric: 'utilization' },
    examine: (o) => ({ shifts: o.shifts }),
    rank: (f) => ({ metrics: f.shifts }),
    signals: [],
    evidenceKind: 'metric',
  });

  test('a new specialist feeding an existing list adds to it, in registry order, without other edits', () => {
    const merged = evidenceOf(
      { metrics: specialists.metrics, saturation },
      {
        metrics: { shifts: [shift('api')], silences: [] },
        saturation: { shifts: [shift('db')] },
      },
    );
    expect(merged.metrics.map((s) => s.service)).toEqual(['api', 'db']);
    expect(merged.logs).toEqual([]);
  });

  test('a specialist whose tool failed contributes nothing', () => {
    const merged = evidenceOf(
      { metrics: specialists.metrics, saturation },
      { saturation: { shifts: [shift('db')] } },
    );
    expect([merged.metrics.map((s) => s.service), merged.silences]).toEqual([['db'], []]);
  });
});
