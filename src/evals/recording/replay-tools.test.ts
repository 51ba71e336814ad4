import { expect, test } from 'vitest';
import { ATTR, Tracer } from '../../tracing/index.js';
import { replayToolCaller } from './replay-tools.js';
import type { RecordedToolCall } from './schema.js';

const recorded: RecordedToolCall[] = [
  {
    tool: 'query_metrics',
    input: { service: 'cart', limit: 30 },
    result: { total: 1, shifts: [{ service: 'cart' }] },
  },
  { tool: 'query_metrics', input: { service: 'payments', limit: 5 }, result: { total: 0, shifts: [] } },
  {
    tool: 'recent_changes',
    input: { service: 'cart' },
    error: 'recent_changes failed: the change feed timed out',
  },
];

async function callOnce(tool: 'query_metrics' | 'recent_changes' | 'sql', input: unknown) {
  const tracer = new Tracer({ traceId: 't', name: 'replay' });
  const result = await replayToolCaller(recorded)(tool, input, 'call-7', tracer);
  return { result, span: tracer.toRecord().spans[0] };
}

test('a call matches a recorded one after the schema defaults, in any key order, and is traced as a tool span', async () => {
  // limit defaults to 30 in query_metrics' schema, so this is the first recorded call.
  const { result, span } = await callOnce('query_metrics', { service: 'cart' });
  expect(result).toEqual({ total: 1, shifts: [{ service: 'cart' }] });
  expect(span).toMatchObject({ name: 'tool query_metrics', kind: 'tool', status: 'ok' });
  expect(span?.attributes[ATTR.toolCallId]).toBe('call-7');
  expect(span?.attributes[ATTR.toolInput]).toBe('{"service":"cart"}');
  expect(span?.attributes[ATTR.toolOutput]).toBe('{"total":1,"shifts":[{"service":"cart"}]}');
  expect((await callOnce('query_metrics', { limit: 5, service: 'payments' })).result).toEqual({
    total: 0,
    shifts: [],
  });
});

test('a recorded failure comes back as the error the model read then', async () => {
  const { result, span } = await callOnce('recent_changes', { service: 'cart', hoursBefore: 6 });
  expect(result).toEqual({ error: 'recent_changes failed: the change feed timed out' });
  expect(span?.status).toBe('error');
});

test('a call that was not recorded is an error the model can read, naming the recorded calls of that tool', async () => {
  const { result, span } = await callOnce('query_metrics', { service: 'checkout' });
  expect(result).toEqual({
    error:
      'query_metrics with input {"service":"checkout"} was not recorded in this replay (it runs on recorded results, not live telemetry); the recorded calls of query_metrics are {"service":"cart","limit":30}, {"service":"payments","limit":5}',
  });
  expect(span?.status).toBe('error');
  expect((await callOnce('sql', { query: 'select 1' })).result).toEqual({
    error: expect.stringContaining('no call of sql was recorded'),
  });
});
