import { describe, expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import type { NezhaFault } from './decode.js';
import {
  bundleId,
  faultCategory,
  faultWindow,
  injectTimeDriftMs,
  toIncident,
  toTopology,
  toTruth,
} from './map.js';

const MIN = 60_000;
const INJECT = Date.parse('2022-08-22T04:27:03Z');

const fault = (over: Partial<NezhaFault> = {}): NezhaFault => ({
  where: 'hour "04", fault 5',
  injectedAtMs: INJECT,
  injectTime: '2022-08-22 04:27:03',
  pod: 'cartservice-579f59597d-wc2lz',
  type: 'network_delay',
  ...over,
});

describe('faultWindow', () => {
  test.each([
    {
      name: '30 min before to 10 min after, inside the data',
      data: { firstMs: INJECT - 120 * MIN, lastMs: INJECT + 120 * MIN },
      window: { start: INJECT - 30 * MIN, end: INJECT + 10 * MIN },
    },
    {
      name: 'cut at the first sample (the first fault of a day)',
      data: { firstMs: INJECT - 155_000, lastMs: INJECT + 120 * MIN },
      window: { start: INJECT - 155_000, end: INJECT + 10 * MIN },
    },
    {
      name: 'cut at the last sample',
      data: { firstMs: INJECT - 120 * MIN, lastMs: INJECT + 4 * MIN },
      window: { start: INJECT - 30 * MIN, end: INJECT + 4 * MIN },
    },
    {
      name: 'none when the fault is long after the data',
      data: { firstMs: INJECT - 120 * MIN, lastMs: INJECT - 31 * MIN },
      window: undefined,
    },
  ])('$name', ({ data, window }) => {
    expect(faultWindow(INJECT, data)).toEqual(window);
  });
});

test.each([
  { prefix: 'nezha-ob', ms: Date.parse('2022-08-22T03:53:54Z'), id: 'nezha-ob-2022-08-22-035354' },
  { prefix: 'nezha-tt', ms: Date.parse('2023-01-29T23:59:59.900Z'), id: 'nezha-tt-2023-01-29-235959' },
])('bundleId $id', ({ prefix, ms, id }) => {
  expect(bundleId(prefix, ms)).toBe(id);
});

describe('faultCategory', () => {
  test.each([
    { type: 'cpu_contention', category: 'resource_cpu' },
    { type: 'cpu_consumed', category: 'resource_cpu' },
    { type: 'network_delay', category: 'network' },
    { type: 'return', category: 'code_error' },
    { type: 'exception', category: 'code_error' },
  ])('$type → $category', ({ type, category }) => {
    expect(faultCategory(fault({ type }), 'faults.json')).toBe(category);
  });

  test('an unknown type fails with BAD_INPUT naming the file and the fault', () => {
    let error: unknown;
    try {
      faultCategory(fault({ type: 'disk_fill' }), '/data/rca_data/2022-08-22/2022-08-22-fault_list.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NightshiftError);
    expect((error as NightshiftError).code).toBe('BAD_INPUT');
    expect((error as NightshiftError).message).toBe(
      '/data/rca_data/2022-08-22/2022-08-22-fault_list.json: hour "04", fault 5: unknown inject_type "disk_fill" (pod cartservice-579f59597d-wc2lz, 2022-08-22 04:27:03)',
    );
    expect((error as NightshiftError).hint).toContain('cpu_contention');
  });
});

test('toTruth: the pod’s service, the category, the injection time', () => {
  expect(toTruth(fault(), 'network')).toEqual({
    rootCause: {
      service: 'cartservice',
      category: 'network',
      startedAt: INJECT,
      summary: 'Nezha injected a network_delay fault into pod cartservice-579f59597d-wc2lz',
    },
    alsoAcceptable: [],
  });
});

test('toIncident: a neutral alert on the entry service at the injection time', () => {
  const window = { start: INJECT - 30 * MIN, end: INJECT + 10 * MIN };
  const incident = toIncident(fault(), window, { idPrefix: 'nezha-ob', entryService: 'frontend' });
  expect(incident).toEqual({
    version: 1,
    id: 'nezha-ob-2022-08-22-042703',
    title: 'High latency on frontend',
    alert: {
      name: 'FrontendLatencyHigh',
      service: 'frontend',
      severity: 'warning',
      startsAt: INJECT,
      labels: { source: 'nezha' },
      annotations: { summary: 'frontend: requests slower or failing more than usual' },
    },
    window,
  });
  const text = JSON.stringify(incident);
  for (const hint of ['cartservice', 'network', 'delay', 'wc2lz']) expect(text).not.toContain(hint);
});

test('toIncident names the alert after any entry service', () => {
  const window = { start: INJECT - MIN, end: INJECT };
  const incident = toIncident(fault(), window, { idPrefix: 'nezha-tt', entryService: 'ts-ui-dashboard' });
  expect(incident.alert.name).toBe('TsUiDashboardLatencyHigh');
});

test('toTopology: call edges between services; node addresses and their only callers left out', () => {
  const rows = [
    { line: 2, source: 'frontend', target: 'checkoutservice' },
    { line: 3, source: 'checkoutservice', target: 'emailservice' },
    { line: 4, source: 'frontend', target: 'cartservice' },
    { line: 5, source: 'adservice', target: '33.33.33.76' },
    { line: 6, source: 'loadgenerator', target: '33.33.33.79' },
  ];
  expect(toTopology(rows, ['frontend', 'adservice', 'cartservice'])).toEqual({
    services: [
      { name: 'adservice', kind: 'service', dependsOn: [] },
      { name: 'cartservice', kind: 'service', dependsOn: [] },
      { name: 'checkoutservice', kind: 'service', dependsOn: ['emailservice'] },
      { name: 'emailservice', kind: 'service', dependsOn: [] },
      { name: 'frontend', kind: 'service', dependsOn: ['cartservice', 'checkoutservice'] },
    ],
  });
});

test.each([
  { name: 'agreeing', injectTime: '2022-08-22 04:27:03', driftMs: 0 },
  { name: 'a minute late, as one fault of 2022-08-22', injectTime: '2022-08-22 04:28:03', driftMs: 60_000 },
])('injectTimeDriftMs: $name', ({ injectTime, driftMs }) => {
  expect(injectTimeDriftMs(fault({ injectTime }))).toBe(driftMs);
});
