import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import {
  type LokiEntryRecord,
  type LokiStandIn,
  startLokiStandIn,
  toLokiEntries,
} from '../../../testing/connectors/loki-stand-in.js';
import { sourceContract } from '../../../testing/connectors/sources-contract.js';
import { rejection } from '../../../testing/errors.js';
import { generateOptions } from '../../../testing/lab/support.js';
import { openBundle } from '../../bundle/index.js';
import { DAY_MS, NightshiftError } from '../../core/index.js';
import { generateBundle } from '../../lab/index.js';
import { bundleSources } from '../files/index.js';
import { createLokiSource, detectLevel, msToNs, nsToMs } from './index.js';
import { renderQuery, toLogRecord } from './map.js';

let contractStandIn: LokiStandIn | undefined;
sourceContract('loki', ['logs'], async () => {
  const root = await mkdtemp(join(tmpdir(), 'ns-loki-'));
  const dir = join(root, 'bundle');
  await generateBundle(dir, generateOptions('bad-deploy', { seed: 3 }));
  const bundle = await openBundle(dir);
  const expected = bundleSources(bundle, dir);
  const { start, end } = bundle.incident.window;
  const logs = await expected.logs?.logs({ start: start - DAY_MS, end: end + DAY_MS });
  expect(logs?.length).toBeGreaterThan(0);
  contractStandIn = await startLokiStandIn(toLokiEntries(logs ?? []));
  const standIn = contractStandIn;
  return {
    actual: { logs: createLokiSource({ url: standIn.url }) },
    expected,
    range: bundle.incident.window,
    close: async () => {
      await standIn.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('loki: what the contract run sent', () => {
  it('paged forward with nanosecond bounds, the default selector and limit, and nothing was rejected', () => {
    const requests = contractStandIn?.requests ?? [];
    expect(requests.length).toBeGreaterThan(3);
    for (const r of requests) {
      expect(r).toMatchObject({ query: '{service=~".+"}', limit: '5000', direction: 'forward' });
      expect(r.start).toMatch(/^\d{19}$/);
      expect(r.end).toMatch(/^\d{19}$/);
    }
    expect(contractStandIn?.problems).toEqual([]);
  });
});

test.each([
  { ns: '1774286340357000000', ms: 1774286340357 },
  { ns: '1774286340357999999', ms: 1774286340357 },
  { ns: '0', ms: 0 },
  { ns: '9007199254740991999999', ms: 9007199254740991 },
])('nsToMs($ns) drops the sub-millisecond part', ({ ns, ms }) => {
  expect(nsToMs(ns)).toBe(ms);
});

test.each([
  { ms: 1774286340357, ns: '1774286340357000000' },
  { ms: 0, ns: '0' },
])('msToNs($ms) is exact', ({ ms, ns }) => {
  expect(msToNs(ms)).toBe(ns);
  expect(nsToMs(msToNs(ms))).toBe(ms);
});

test.each([
  { name: 'level label', line: 'boom', labels: { level: 'ERROR' }, expected: 'error' },
  {
    name: 'label wins over the line',
    line: '{"level":"debug"}',
    labels: { level: 'warn' },
    expected: 'warn',
  },
  { name: "Loki's detected_level", line: 'x', labels: { detected_level: 'warning' }, expected: 'warn' },
  { name: 'json level', line: '{"ts":1,"level":"error","msg":"x"}', labels: {}, expected: 'error' },
  { name: 'json severity', line: '{"severity":"CRITICAL"}', labels: {}, expected: 'fatal' },
  { name: 'logfmt', line: 'ts=2026-01-01T00:00:00Z level=warning msg="slow"', labels: {}, expected: 'warn' },
  { name: 'logfmt quoted', line: 'level="debug" msg=x', labels: {}, expected: 'debug' },
  { name: 'logfmt not at a word start', line: 'xlevel=error msg=x', labels: {}, expected: 'info' },
  { name: 'unknown word', line: 'level=loud', labels: {}, expected: 'info' },
  { name: 'plain line', line: 'GET /health 200', labels: {}, expected: 'info' },
  {
    name: 'custom level label',
    line: 'x',
    labels: { severity_text: 'fatal' },
    levelLabel: 'severity_text',
    expected: 'fatal',
  },
])('detectLevel: $name', ({ line, labels, levelLabel, expected }) => {
  expect(detectLevel(line, labels as Record<string, string>, levelLabel ?? 'level')).toBe(expected);
});

describe('toLogRecord', () => {
  const options = { serviceLabel: 'service', levelLabel: 'level' };
  it('maps a stream entry, other labels becoming attrs', () => {
    expect(
      toLogRecord(
        { service: 'cart', level: 'error', namespace: 'shop', trace_id: 'abc' },
        ['1774286340357123456', 'call failed'],
        options,
      ),
    ).toEqual({
      ts: 1774286340357,
      service: 'cart',
      level: 'error',
      message: 'call failed',
      traceId: 'abc',
      attrs: { namespace: 'shop' },
    });
  });
  it('reads structured metadata in both forms newer Loki sends', () => {
    const flat = toLogRecord({ service: 'cart' }, ['1000000', 'x', { traceID: 't1', pod: 'p' }], options);
    expect(flat).toMatchObject({ traceId: 't1', attrs: { pod: 'p' }, level: 'info' });
    const split = toLogRecord(
      { service: 'cart' },
      ['1000000', 'x', { structuredMetadata: { trace_id: 't2' }, parsed: { level: 'warn' } }],
      options,
    );
    expect(split).toMatchObject({ traceId: 't2', level: 'warn' });
  });
  it('reads a JSON line: level and trace id from fields, the line kept as the message', () => {
    const line = '{"level":"error","trace_id":"t3","msg":"boom"}';
    expect(toLogRecord({ service: 'cart' }, ['2000000', line], options)).toEqual({
      ts: 2,
      service: 'cart',
      level: 'error',
      message: line,
      traceId: 't3',
    });
  });
});

test.each([
  { services: undefined, expected: '{service=~".+"}' },
  { services: ['cart', 'api-gateway'], expected: '{service=~"cart|api-gateway"}' },
  { services: ['a.b'], expected: '{service=~"a\\\\.b"}' },
])('renderQuery fills $services: $expected', ({ services, expected }) => {
  expect(renderQuery('{service=~"$services"}', services)).toBe(expected);
});

const T0 = 1_774_286_340_000;
const entry = (ms: number, service: string, line: string): LokiEntryRecord => ({
  ns: BigInt(ms) * 1_000_000n,
  labels: { service, level: 'info' },
  metadata: {},
  line,
});

describe('loki: paging', () => {
  let standIn: LokiStandIn;
  // Instants 1,1,1,2,2,3,3,3,4 (ms after T0) and two entries at instant 3 alike but in other streams.
  const entries = [
    entry(T0 + 1, 'a', 'a1'),
    entry(T0 + 1, 'a', 'a2'),
    entry(T0 + 1, 'b', 'b1'),
    entry(T0 + 2, 'a', 'a3'),
    entry(T0 + 2, 'b', 'b2'),
    entry(T0 + 3, 'a', 'same'),
    entry(T0 + 3, 'b', 'same'),
    entry(T0 + 3, 'c', 'same'),
    entry(T0 + 4, 'a', 'a4'),
  ];
  beforeAll(async () => {
    standIn = await startLokiStandIn(entries);
  });
  afterAll(() => standIn.close());

  it('pages forward from the last instant and drops the entries repeated at the boundary', async () => {
    standIn.requests.length = 0;
    const source = createLokiSource({ url: standIn.url, limit: 4 });
    const logs = await source.logs({ start: T0, end: T0 + 10 });
    expect(logs.map((l) => `${l.ts - T0}${l.service}:${l.message}`)).toEqual([
      '1a:a1',
      '1a:a2',
      '1b:b1',
      '2a:a3',
      '2b:b2',
      '3a:same',
      '3b:same',
      '3c:same',
      '4a:a4',
    ]);
    expect(standIn.requests.map((r) => nsToMs(r.start) - T0)).toEqual([0, 2, 3, 4]);
    expect(new Set(standIn.requests.map((r) => r.end))).toEqual(new Set([msToNs(T0 + 10)]));
    expect(standIn.problems).toEqual([]);
  });

  it('moves past an instant that alone fills a page instead of asking for it forever', async () => {
    standIn.requests.length = 0;
    const source = createLokiSource({ url: standIn.url, limit: 2 });
    const logs = await source.logs({ start: T0 + 3, end: T0 + 10 });
    // Three entries share instant 3 and a page holds two: Loki cannot page within an instant.
    expect(logs.map((l) => l.message)).toEqual(['same', 'same', 'a4']);
    expect(standIn.requests.length).toBeLessThan(5);
  });

  it('keeps identical entries a server holds at one instant, across a page boundary', async () => {
    const dups = await startLokiStandIn([
      entry(T0 + 1, 'a', 'x'),
      entry(T0 + 2, 'a', 'dup'),
      entry(T0 + 2, 'a', 'dup'),
      entry(T0 + 2, 'a', 'dup'),
      entry(T0 + 3, 'a', 'y'),
    ]);
    try {
      const logs = await createLokiSource({ url: dups.url, limit: 3 }).logs({ start: T0, end: T0 + 10 });
      expect(logs.map((l) => l.message)).toEqual(['x', 'dup', 'dup', 'dup', 'y']);
    } finally {
      await dups.close();
    }
  });

  it('narrows the selector to the hinted services', async () => {
    standIn.requests.length = 0;
    const source = createLokiSource({ url: standIn.url });
    const logs = await source.logs({ start: T0, end: T0 + 10 }, undefined, { services: ['b', 'c'] });
    expect(new Set(logs.map((l) => l.service))).toEqual(new Set(['b', 'c']));
    expect(standIn.requests[0]?.query).toBe('{service=~"b|c"}');
  });

  it('stops at maxRecords', async () => {
    const source = createLokiSource({ url: standIn.url, limit: 2, maxRecords: 3 });
    expect(await source.logs({ start: T0, end: T0 + 10 })).toHaveLength(3);
  });
});

describe('loki: errors', () => {
  const token = 'tok-3f9a1c77e2';
  let standIn: LokiStandIn;
  let slow: LokiStandIn;
  beforeAll(async () => {
    standIn = await startLokiStandIn([entry(T0, 'a', 'x')], { bearer: token, tenant: 'team-a' });
    slow = await startLokiStandIn([], { delayMs: 2_000 });
  });
  afterAll(async () => {
    await standIn.close();
    await slow.close();
  });
  const range = { start: T0, end: T0 + 1000 };

  it('sends the bearer token and the tenant header', async () => {
    const source = createLokiSource({ url: standIn.url, auth: { bearer: token }, tenant: 'team-a' });
    expect(await source.logs(range)).toHaveLength(1);
    expect(standIn.requests.at(-1)?.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      'x-scope-orgid': 'team-a',
    });
  });

  it('a refused credential names the endpoint and never the token', async () => {
    const source = createLokiSource({
      url: standIn.url,
      auth: { bearer: `${token}-wrong` },
      tenant: 'team-a',
    });
    const error = await rejection(source.logs(range));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(`${standIn.url}/loki/api/v1/query_range`);
    expect(error.message).toContain('HTTP 401');
    expect(error.hint).toContain('loki.auth');
    expect(`${error.message}${error.hint}`).not.toContain(token);
  });

  it('a password in the URL is sent as basic auth and never shown', async () => {
    const url = standIn.url.replace('http://', 'http://reader:pw-91c0ffee@');
    const error = await rejection(createLokiSource({ url }).logs(range));
    expect(error.message).not.toContain('pw-91c0ffee');
    expect(error.message).not.toContain('reader');
    expect(standIn.requests.at(-1)?.headers.authorization).toBe(
      `Basic ${Buffer.from('reader:pw-91c0ffee').toString('base64')}`,
    );
  });

  it("Loki's plain-text parse error becomes BAD_INPUT that quotes it and points at the query setting", async () => {
    const source = createLokiSource({
      url: standIn.url,
      auth: { bearer: token },
      tenant: 'team-a',
      query: 'service="cart"',
    });
    const error = await rejection(source.logs(range));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/HTTP 400: parse error at line 1, col 1/);
    expect(error.hint).toContain('loki.query');
  });

  it('an unreachable Loki is QUERY_FAILED', async () => {
    const closed = await startLokiStandIn([]);
    await closed.close();
    const error = await rejection(createLokiSource({ url: closed.url }).logs(range));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toContain(closed.url);
  });

  it('a slow Loki times out as QUERY_TIMEOUT', async () => {
    const error = await rejection(createLokiSource({ url: slow.url, timeoutMs: 100 }).logs(range));
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect(error.message).toContain('100 ms');
  });

  it('a read cancelled mid-request rejects', async () => {
    const controller = new AbortController();
    const read = createLokiSource({ url: slow.url }).logs(range, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(read);
    expect(error.message).toContain('cancelled');
  });

  it('bad settings are BAD_INPUT naming the field', () => {
    expect(() => createLokiSource({ url: 'loki:3100' })).toThrow(/url/);
    expect(() => createLokiSource({ url: 'http://loki:3100', limit: 0 })).toThrow(NightshiftError);
  });
});
