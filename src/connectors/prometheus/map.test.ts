import { describe, expect, test } from 'vitest';
import { prometheusConfigSchema } from './config.js';
import { chooseSeries, samplesOf, toSeries } from './map.js';
import { metricQuery, parseSelector } from './selector.js';
import { matrixDataSchema, sampleValueSchema } from './wire.js';

const naming = { serviceLabels: ['service', 'job', 'app'], dropLabels: ['instance'] };

describe('wire', () => {
  test.each([
    { text: '1', expected: 1 },
    { text: '0.1', expected: 0.1 },
    { text: '-2.5e-7', expected: -2.5e-7 },
    { text: '1e+21', expected: 1e21 },
    { text: 'NaN', expected: Number.NaN },
    { text: '+Inf', expected: Number.POSITIVE_INFINITY },
    { text: '-Inf', expected: Number.NEGATIVE_INFINITY },
  ])('sample value $text', ({ text, expected }) => {
    expect(sampleValueSchema.parse(text)).toBe(expected);
  });

  test.each(['', 'abc', '1,5'])('rejects sample value %j', (text) => {
    expect(sampleValueSchema.safeParse(text).success).toBe(false);
  });

  test('parses a matrix and rejects another result type', () => {
    const data = { resultType: 'matrix', result: [{ metric: { __name__: 'up' }, values: [[1.5, '2']] }] };
    expect(matrixDataSchema.parse(data)).toEqual({
      resultType: 'matrix',
      result: [{ metric: { __name__: 'up' }, values: [[1.5, 2]] }],
    });
    expect(matrixDataSchema.safeParse({ resultType: 'vector', result: [] }).success).toBe(false);
  });
});

describe('selectors', () => {
  test.each([
    { text: '{service!=""}', expected: { matchers: 'service!=""' } },
    { text: 'up', expected: { name: 'up', matchers: '' } },
    { text: 'up{job="a", }', expected: { name: 'up', matchers: 'job="a"' } },
    { text: ' {a="}"} ', expected: { matchers: 'a="}"' } },
  ])('parseSelector $text', ({ text, expected }) => {
    expect(parseSelector(text)).toEqual(expected);
  });

  test.each([
    { selectors: ['{service!=""}'], expected: '{__name__="up", service!=""}' },
    { selectors: ['up'], expected: '{__name__="up"}' },
    {
      selectors: ['{service!=""}', 'up{job=~"a|b"}', '{service!=""}'],
      expected: '{__name__="up", service!=""} or {__name__="up", job=~"a|b"}',
    },
  ])('metricQuery $selectors', ({ selectors, expected }) => {
    expect(metricQuery('up', selectors)).toBe(expected);
  });
});

describe('config', () => {
  test('defaults', () => {
    expect(prometheusConfigSchema.parse({ url: 'http://prom:9090' })).toEqual({
      url: 'http://prom:9090',
      headers: {},
      timeoutMs: 10_000,
      step: 'auto',
      serviceLabels: ['service', 'job', 'app'],
      dropLabels: ['instance'],
      match: ['{service!=""}'],
      maxSeries: 5_000,
    });
  });

  test.each([
    { name: 'not http', input: { url: 'ftp://prom' }, path: 'url' },
    { name: 'step not a duration', input: { url: 'http://p', step: 'fast' }, path: 'step' },
    { name: 'step with part of a second', input: { url: 'http://p', step: '1500ms' }, path: 'step' },
    { name: 'bad label name', input: { url: 'http://p', serviceLabels: ['a-b'] }, path: 'serviceLabels.0' },
    { name: 'range selector', input: { url: 'http://p', match: ['up[5m]'] }, path: 'match.0' },
    {
      name: 'two kinds of auth',
      input: { url: 'http://p', auth: { bearer: 't', username: 'u', password: 'p' } },
      path: 'auth',
    },
  ])('rejects $name', ({ input, path }) => {
    const parsed = prometheusConfigSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});

describe('mapping', () => {
  test('samples: NaN dropped, seconds to integer ms', () => {
    expect(
      samplesOf([
        [1774286340.123, 1],
        [1774286340.5, Number.NaN],
        [1774286341.007, Number.POSITIVE_INFINITY],
      ]),
    ).toEqual({ timestamps: [1774286340123, 1774286341007], values: [1, Number.POSITIVE_INFINITY] });
  });

  test('series: service label wins in order, dropped unless needed, empty and unnamed left out', () => {
    const values: [number, number][] = [[10, 1]];
    expect(
      toSeries(
        [
          { metric: { __name__: 'm', app: 'x', job: 'j', instance: 'i:1' }, values },
          { metric: { __name__: 'm', service: 'api', instance: 'i:1', k: 'v' }, values },
          { metric: { __name__: 'm', service: 'api', instance: 'i:2', k: 'v' }, values },
          { metric: { __name__: 'm', service: '', app: 'a' }, values },
          { metric: { __name__: 'm', other: 'o' }, values },
          { metric: { __name__: 'm', service: 'empty' }, values: [[10, Number.NaN]] },
        ],
        naming,
      ),
    ).toEqual([
      { service: 'a', metric: 'm', labels: { service: '' }, timestamps: [10_000], values: [1] },
      { service: 'api', metric: 'm', labels: { instance: 'i:1', k: 'v' }, timestamps: [10_000], values: [1] },
      { service: 'api', metric: 'm', labels: { instance: 'i:2', k: 'v' }, timestamps: [10_000], values: [1] },
      { service: 'j', metric: 'm', labels: { app: 'x' }, timestamps: [10_000], values: [1] },
    ]);
  });

  test('choosing: only named series, hinted services first, capped deterministically', () => {
    const found: Record<string, string>[] = [
      { __name__: 'b', service: 'z' },
      { __name__: 'a', service: 'y', k: '2' },
      { __name__: 'a', service: 'y', k: '1' },
      { __name__: 'a', service: 'y', k: '1' },
      { __name__: 'c', other: 'x' },
    ];
    const all = chooseSeries(found, naming, { maxSeries: 10, hints: [] });
    expect({ found: all.found, kept: all.kept }).toEqual({ found: 3, kept: 3 });
    const capped = chooseSeries(found, naming, { maxSeries: 2, hints: ['z'] });
    expect({ found: capped.found, kept: capped.kept, metrics: [...capped.byMetric.keys()] }).toEqual({
      found: 3,
      kept: 2,
      metrics: ['b', 'a'],
    });
    expect([...(capped.byMetric.get('a') ?? [])]).toEqual([
      '__name__\u0001a\u0000k\u00011\u0000service\u0001y',
    ]);
  });
});
