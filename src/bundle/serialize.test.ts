import { describe, expect, test } from 'vitest';
import {
  changeSchema,
  infraEventSchema,
  logRecordSchema,
  metricSampleSchema,
  pastIncidentSchema,
  spanSchema,
} from '../core/index.js';
import { splitCsvLine } from './csv.js';
import {
  formatChangeLine,
  formatEventLine,
  formatHistoryLine,
  formatLogLine,
  formatMetricCsvRow,
  formatMetricJsonLine,
  formatMetricsCsvHeader,
  formatSpanLine,
  METRICS_CSV_HEADER,
  toIsoUtc,
} from './serialize.js';

// Each spec example is parsed into the internal form, written back, and compared with the exact
// line expected: spec field order, RFC 3339 UTC timestamps, no optional field that was absent.
describe('line formatters', () => {
  test.each([
    {
      name: 'log (spec example)',
      schema: logRecordSchema,
      format: formatLogLine,
      wire: '{"ts": 1772460300250, "service": "payments", "level": "ERROR", "message": "upstream timeout after 5000 ms calling db-proxy", "traceId": "9f1c", "attrs": {"pod": "payments-7d9f"}}',
      line: '{"ts":"2026-03-02T14:05:00.250Z","service":"payments","level":"error","message":"upstream timeout after 5000 ms calling db-proxy","traceId":"9f1c","attrs":{"pod":"payments-7d9f"}}\n',
    },
    {
      name: 'log without optional fields, with characters to escape',
      schema: logRecordSchema,
      format: formatLogLine,
      wire: '{"ts": "2026-03-02T15:05:00+01:00", "service": "api", "level": "info", "message": "said \\"hi\\"\\n\\tthen left"}',
      line: '{"ts":"2026-03-02T14:05:00.000Z","service":"api","level":"info","message":"said \\"hi\\"\\n\\tthen left"}\n',
    },
    {
      name: 'root span (spec example)',
      schema: spanSchema,
      format: formatSpanLine,
      wire: '{"traceId": "9f1c", "spanId": "a1", "parentSpanId": null, "service": "api-gateway", "name": "POST /checkout", "start": "2026-03-02T14:05:01.120Z", "durationMs": 5012.4, "status": "error", "attrs": {"http.status_code": 504}}',
      line: '{"traceId":"9f1c","spanId":"a1","parentSpanId":null,"service":"api-gateway","name":"POST /checkout","start":"2026-03-02T14:05:01.120Z","durationMs":5012.4,"status":"error","attrs":{"http.status_code":504}}\n',
    },
    {
      name: 'child span',
      schema: spanSchema,
      format: formatSpanLine,
      wire: '{"traceId": "9f1c", "spanId": "a2", "parentSpanId": "a1", "service": "checkout", "name": "pay", "start": 1772460301130, "durationMs": 0, "status": "ok"}',
      line: '{"traceId":"9f1c","spanId":"a2","parentSpanId":"a1","service":"checkout","name":"pay","start":"2026-03-02T14:05:01.130Z","durationMs":0,"status":"ok"}\n',
    },
    {
      name: 'change (spec example)',
      schema: changeSchema,
      format: formatChangeLine,
      wire: '{"id": "chg-0042", "ts": "2026-03-02T13:57:10Z", "service": "db-proxy", "kind": "deploy", "summary": "release 2.14.3", "version": "2.14.3", "author": "ci-bot", "diff": "-POOL_MAX=100\\n+POOL_MAX=10"}',
      line: '{"id":"chg-0042","ts":"2026-03-02T13:57:10.000Z","service":"db-proxy","kind":"deploy","summary":"release 2.14.3","version":"2.14.3","author":"ci-bot","diff":"-POOL_MAX=100\\n+POOL_MAX=10"}\n',
    },
    {
      name: 'event (spec example)',
      schema: infraEventSchema,
      format: formatEventLine,
      wire: '{"ts": "2026-03-02T14:02:00Z", "service": "payments", "object": "pod/payments-7d9f", "type": "Warning", "reason": "OOMKilled", "message": "container payments exceeded memory limit"}',
      line: '{"ts":"2026-03-02T14:02:00.000Z","service":"payments","object":"pod/payments-7d9f","type":"Warning","reason":"OOMKilled","message":"container payments exceeded memory limit"}\n',
    },
    {
      name: 'past incident (spec example)',
      schema: pastIncidentSchema,
      format: formatHistoryLine,
      wire: '{"id": "INC-311", "title": "Checkout errors after pool change", "startedAt": "2025-11-12T09:10:00Z", "resolvedAt": "2025-11-12T10:02:00Z", "services": ["db-proxy", "checkout"], "category": "connection_pool_exhaustion", "rootCause": "pool size set too low in config", "resolution": "rolled back config"}',
      line: '{"id":"INC-311","title":"Checkout errors after pool change","startedAt":"2025-11-12T09:10:00.000Z","resolvedAt":"2025-11-12T10:02:00.000Z","services":["db-proxy","checkout"],"category":"connection_pool_exhaustion","rootCause":"pool size set too low in config","resolution":"rolled back config"}\n',
    },
    {
      name: 'metric sample (spec example)',
      schema: metricSampleSchema,
      format: formatMetricJsonLine,
      wire: '{"ts": "2026-03-02T14:00:00Z", "service": "checkout", "metric": "latency_p99_ms", "value": 212.5, "labels": {"route": "/pay"}}',
      line: '{"ts":"2026-03-02T14:00:00.000Z","service":"checkout","metric":"latency_p99_ms","value":212.5,"labels":{"route":"/pay"}}\n',
    },
    {
      name: 'metric sample without labels',
      schema: metricSampleSchema,
      format: formatMetricJsonLine,
      wire: '{"ts": 1772460000000, "service": "checkout", "metric": "rps", "value": -3}',
      line: '{"ts":"2026-03-02T14:00:00.000Z","service":"checkout","metric":"rps","value":-3}\n',
    },
  ] as {
    name: string;
    schema: { parse(v: unknown): unknown };
    format: (r: never) => string;
    wire: string;
    line: string;
  }[])('$name', ({ schema, format, wire, line }) => {
    const record = schema.parse(JSON.parse(wire));
    expect(format(record as never)).toBe(line);
    expect(schema.parse(JSON.parse(line))).toEqual(record);
  });
});

describe('metrics.csv', () => {
  test('header lines', () => {
    expect(METRICS_CSV_HEADER).toBe('timestamp,service,metric,value\n');
    expect(formatMetricsCsvHeader([])).toBe(METRICS_CSV_HEADER);
    expect(formatMetricsCsvHeader(['route', 'a,b'])).toBe('timestamp,service,metric,value,route,"a,b"\n');
  });

  test('rows quote when needed and leave missing labels empty', () => {
    const sample = metricSampleSchema.parse({
      ts: 1772460000000,
      service: 'check,out',
      metric: 'latency "p99"',
      value: 0.25,
      labels: { route: '/pay' },
    });
    const row = formatMetricCsvRow(sample, ['pod', 'route']);
    expect(row).toBe('2026-03-02T14:00:00.000Z,"check,out","latency ""p99""",0.25,,/pay\n');
    expect(splitCsvLine(row.slice(0, -1))).toEqual([
      '2026-03-02T14:00:00.000Z',
      'check,out',
      'latency "p99"',
      '0.25',
      '',
      '/pay',
    ]);
  });

  test('a label without a column is refused, not dropped', () => {
    const sample = metricSampleSchema.parse({
      ts: 0,
      service: 's',
      metric: 'm',
      value: 1,
      labels: { pod: 'p' },
    });
    expect(() => formatMetricCsvRow(sample, ['route'])).toThrow('label "pod" of s/m has no column');
  });
});

describe('toIsoUtc', () => {
  test.each([
    0, 1, 999, 1000, 59_999, 60_000, 1772460300250, 1772460359999, 1772460360000, 951_782_400_000,
    253_402_300_799_999, 253_402_300_800_000, -1, -62_198_755_200_000, 1.5,
  ])('equals toISOString for %d', (ms) => {
    expect(toIsoUtc(ms)).toBe(new Date(ms).toISOString());
  });

  test('stays right when the cached minute changes back and forth', () => {
    for (const ms of [1772460300250, 1772460000001, 1772460300250, 1772460059999]) {
      expect(toIsoUtc(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
