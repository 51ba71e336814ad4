import { describe, expect, test } from 'vitest';
import { NightshiftError } from '../core/index.js';
import { recordPrompt, recordToolCall } from './genai.js';
import { parseTrace } from './schema.js';
import { Tracer } from './tracer.js';

const span = {
  id: 's1',
  name: 'collect',
  kind: 'step',
  startMs: 0,
  endMs: 5,
  status: 'ok',
  attributes: {},
};
const trace = { traceId: 't', name: 'run', startedAt: 0, spans: [span] };

describe('parseTrace', () => {
  test.each([
    {
      name: 'a span id of the wrong type',
      input: { ...trace, spans: [{ ...span, id: 1 }] },
      field: 'trace.spans.0.id',
    },
    {
      name: 'a missing end',
      input: { ...trace, spans: [span, { ...span, endMs: undefined }] },
      field: 'trace.spans.1.endMs',
    },
    {
      name: 'an unknown kind',
      input: { ...trace, spans: [{ ...span, kind: 'thought' }] },
      field: 'trace.spans.0.kind',
    },
    {
      name: 'an attribute value of an unkept type',
      input: { ...trace, spans: [{ ...span, attributes: { ok: 1, bad: { nested: true } } }] },
      field: 'trace.spans.0.attributes.bad',
    },
    { name: 'no spans', input: { traceId: 't', name: 'run', startedAt: 0 }, field: 'trace.spans' },
  ])('$name is refused, naming the file and the field', ({ input, field }) => {
    expect(() => parseTrace(input, '.nightshift/investigations/x/investigation.json')).toThrow(
      `.nightshift/investigations/x/investigation.json: field "${field}": `,
    );
  });

  test('the error is a BAD_INPUT NightshiftError with a hint, and many problems are counted', () => {
    const spans = Array.from({ length: 8 }, (_, i) => ({ ...span, id: i }));
    let thrown: unknown;
    try {
      parseTrace({ ...trace, spans });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NightshiftError);
    expect(thrown).toMatchObject({
      code: 'BAD_INPUT',
      hint: expect.stringContaining('nightshift investigate'),
    });
    const lines = (thrown as Error).message.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^trace: field "trace\.spans\.0\.id": /);
    expect(lines[5]).toBe('… 3 more problems');
  });

  test('a trace from the tracer survives JSON and back unchanged', async () => {
    const tracer = new Tracer({ traceId: 'inc-1-20250101000000', name: 'investigate inc-1' });
    await tracer.span('investigation', 'investigation', { flag: true }, async () => {
      await tracer.span('prompt', 'prompt', {}, (s) =>
        recordPrompt(s, {
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          messages: [{ role: 'user', content: 'q' }],
          output: 'a',
          inputTokens: 10,
          outputTokens: 2,
          finishReason: 'stop',
          costUsd: 0.00002,
        }),
      );
      await tracer.span('tool sql', 'tool', {}, (s) =>
        recordToolCall(s, { tool: 'sql', input: {}, error: 'READ_ONLY' }),
      );
      await tracer.span('bad number', 'analysis', { score: Number.NaN }, () => undefined);
    });
    const record = tracer.toRecord();
    expect(parseTrace(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });
});
