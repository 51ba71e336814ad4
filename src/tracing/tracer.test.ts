import { describe, expect, test } from 'vitest';
import { ATTR } from './attributes.js';
import type { SpanRecord } from './schema.js';
import { MAX_ATTRIBUTE_CHARS, NOOP_TRACER, Tracer } from './tracer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock the test sets by hand. */
function manualClock(start = 1_000) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

/** Each span as [name, parent's name], so a wrong parent shows by name. */
function parentsByName(spans: SpanRecord[]): [string, string | undefined][] {
  const names = new Map(spans.map((s) => [s.id, s.name]));
  return spans.map((s) => [s.name, s.parentId === undefined ? undefined : names.get(s.parentId)]);
}

describe('Tracer.span nesting', () => {
  test('parallel children nest under the span that started them, even when their work interleaves', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await tracer.span('root', 'investigation', {}, () =>
      Promise.all([
        tracer.span('specialist a', 'agent', {}, async () => {
          await sleep(5);
          // b's tool is still running now: a stack of "current spans" would make it this one's parent.
          await tracer.span('tool a', 'tool', {}, () => sleep(1));
        }),
        tracer.span('specialist b', 'agent', {}, () => tracer.span('tool b', 'tool', {}, () => sleep(20))),
      ]),
    );
    await tracer.span('after', 'step', {}, () => undefined);
    expect(parentsByName(tracer.toRecord().spans)).toEqual([
      ['root', undefined],
      ['specialist a', 'root'],
      ['specialist b', 'root'],
      ['tool b', 'specialist b'],
      ['tool a', 'specialist a'],
      ['after', undefined],
    ]);
  });

  test('records start and end on the injected clock and returns what the work returns', async () => {
    const clock = manualClock();
    const tracer = new Tracer({ traceId: 't-1', name: 'run', now: clock.now });
    clock.t = 1_100;
    const value = await tracer.span('step', 'step', { 'nightshift.source': 'logs' }, () => {
      clock.t = 1_350;
      return 42;
    });
    expect(value).toBe(42);
    expect(tracer.toRecord()).toEqual({
      traceId: 't-1',
      name: 'run',
      startedAt: 1_000,
      spans: [
        {
          id: 's1',
          name: 'step',
          kind: 'step',
          startMs: 1_100,
          endMs: 1_350,
          status: 'ok',
          attributes: { 'nightshift.source': 'logs' },
        },
      ],
    });
  });
});

describe('Tracer.span errors', () => {
  test.each([
    { name: 'an Error', thrown: new Error('boom'), error: 'boom', type: 'Error' },
    { name: 'a TypeError', thrown: new TypeError('bad'), error: 'bad', type: 'TypeError' },
    {
      name: 'an Error without a message',
      thrown: new RangeError(''),
      error: 'RangeError',
      type: 'RangeError',
    },
    { name: 'a string', thrown: 'plain', error: 'plain', type: undefined },
  ])('throwing $name marks the span and rethrows the same value', async ({ thrown, error, type }) => {
    const clock = manualClock();
    const tracer = new Tracer({ traceId: 't', name: 'run', now: clock.now });
    const run = tracer.span('fails', 'step', {}, () => {
      clock.t = 1_500;
      throw thrown;
    });
    await expect(run).rejects.toBe(thrown);
    const [span] = tracer.toRecord().spans;
    expect(span).toMatchObject({ status: 'error', error, endMs: 1_500 });
    expect(span?.attributes[ATTR.errorType]).toBe(type);
  });

  test('an async rejection marks the span like a throw', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await expect(
      tracer.span('fails later', 'tool', {}, async () => {
        await sleep(1);
        throw new Error('timed out');
      }),
    ).rejects.toThrow('timed out');
    expect(tracer.toRecord().spans[0]).toMatchObject({ status: 'error', error: 'timed out' });
  });

  test('markError marks a failure returned as data; the work still returns and siblings stay ok', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    const result = await tracer.span('read logs', 'step', {}, (span) => {
      span.markError('logs: timed out after 30 s');
      return { ok: false };
    });
    await tracer.span('read metrics', 'step', {}, () => ({ ok: true }));
    expect(result).toEqual({ ok: false });
    expect(tracer.toRecord().spans.map((s) => [s.name, s.status, s.error])).toEqual([
      ['read logs', 'error', 'logs: timed out after 30 s'],
      ['read metrics', 'ok', undefined],
    ]);
  });
});

describe('attributes', () => {
  const long = 'x'.repeat(MAX_ATTRIBUTE_CHARS + 5);
  const cut = `${'x'.repeat(MAX_ATTRIBUTE_CHARS)}… (${MAX_ATTRIBUTE_CHARS + 5} characters, cut)`;

  test.each([
    {
      name: 'a string at the cap is kept',
      value: 'y'.repeat(MAX_ATTRIBUTE_CHARS),
      kept: 'y'.repeat(MAX_ATTRIBUTE_CHARS),
    },
    { name: 'a longer string is cut with its length', value: long, kept: cut },
    { name: 'each string of an array is cut', value: ['a', long], kept: ['a', cut] },
    { name: 'NaN is kept as text (JSON would make it null)', value: Number.NaN, kept: 'NaN' },
    { name: 'Infinity is kept as text', value: Number.POSITIVE_INFINITY, kept: 'Infinity' },
    { name: 'numbers and booleans are kept', value: 0.25, kept: 0.25 },
  ])('$name', async ({ value, kept }) => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await tracer.span('s', 'step', { initial: value }, (span) => {
      span.setAttribute('one', value);
      span.setAttributes({ many: value });
    });
    expect(tracer.toRecord().spans[0]?.attributes).toEqual({ initial: kept, one: kept, many: kept });
  });
});

describe('recordSpan', () => {
  test('a finished span is recorded under the current span, with its own times and error', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await tracer.span('agent', 'agent', {}, () => {
      tracer.recordSpan({ name: 'prompt m', kind: 'prompt', startMs: 5, endMs: 9, attributes: { a: 1 } });
      tracer.recordSpan({
        name: 'prompt n',
        kind: 'prompt',
        startMs: 9,
        endMs: 12,
        attributes: {},
        error: 'overloaded',
      });
    });
    const [agent, ...prompts] = tracer.toRecord().spans;
    expect(prompts).toEqual([
      {
        id: 's2',
        parentId: agent?.id,
        name: 'prompt m',
        kind: 'prompt',
        startMs: 5,
        endMs: 9,
        status: 'ok',
        attributes: { a: 1 },
      },
      {
        id: 's3',
        parentId: agent?.id,
        name: 'prompt n',
        kind: 'prompt',
        startMs: 9,
        endMs: 12,
        status: 'error',
        error: 'overloaded',
        attributes: {},
      },
    ]);
  });
});

describe('toRecord', () => {
  test('a span still running ends when the record is taken and says it was unfinished', async () => {
    const clock = manualClock();
    const tracer = new Tracer({ traceId: 't', name: 'run', now: clock.now });
    let release = () => {};
    const left = tracer.span(
      'left running',
      'step',
      {},
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    clock.t = 4_000;
    const taken = tracer.toRecord();
    release();
    await left;
    expect(taken.spans[0]).toMatchObject({ endMs: 4_000, attributes: { [ATTR.unfinished]: true } });
    expect(tracer.toRecord().spans[0]?.attributes).toEqual({});
  });

  test('the record is a copy: later changes to the span do not reach it', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    let before: ReturnType<Tracer['toRecord']> | undefined;
    await tracer.span('s', 'step', { list: ['a'] }, (span) => {
      before = tracer.toRecord();
      span.setAttribute('later', true);
      span.markError('later');
    });
    expect(before?.spans[0]).toMatchObject({ status: 'ok', attributes: { list: ['a'] } });
    expect(before?.spans[0]?.attributes.later).toBeUndefined();
  });
});

describe('disabled tracer', () => {
  test.each([
    { name: 'Tracer.disabled()', tracer: Tracer.disabled() },
    { name: 'NOOP_TRACER', tracer: NOOP_TRACER },
  ])('$name runs the work, passes errors through and records nothing', async ({ tracer }) => {
    const value = await tracer.span('x', 'step', {}, (span) => {
      span.setAttribute('a', 1);
      return 42;
    });
    expect(value).toBe(42);
    await expect(tracer.span('y', 'step', {}, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    tracer.recordSpan({ name: 'p', kind: 'prompt', startMs: 0, endMs: 1, attributes: {} });
    expect(tracer.enabled).toBe(false);
    expect(tracer.toRecord().spans).toEqual([]);
  });
});
