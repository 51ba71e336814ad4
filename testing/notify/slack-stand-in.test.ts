import { afterEach, beforeEach, expect, test } from 'vitest';
import { type SlackStandIn, STAND_IN_CHANNEL, STAND_IN_TOKEN, startSlackStandIn } from './slack-stand-in.js';

let slack: SlackStandIn;
beforeEach(async () => {
  slack = await startSlackStandIn({ channelsWithoutBot: ['C0PRIVATE'] });
});
afterEach(() => slack.close());

/** As @slack/web-api sends it: form-encoded, objects as JSON strings, the token as a bearer. */
async function callForm(method: string, fields: Record<string, unknown>, token = STAND_IN_TOKEN) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    body.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  const response = await fetch(`${slack.url}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return (await response.json()) as Record<string, unknown>;
}

const divider = { type: 'divider' };

test('a form-encoded post is stored with its blocks decoded and answered as Slack does', async () => {
  const reply = await callForm('chat.postMessage', {
    channel: STAND_IN_CHANNEL,
    text: 'hi',
    blocks: [divider],
  });
  expect(reply).toEqual({
    ok: true,
    channel: STAND_IN_CHANNEL,
    ts: '1700000000.000100',
    message: { type: 'message', bot_id: 'B0STANDIN', ts: '1700000000.000100', text: 'hi', blocks: [divider] },
  });
  expect(slack.calls).toMatchObject([
    { method: 'chat.postMessage', body: { channel: STAND_IN_CHANNEL, text: 'hi', blocks: [divider] } },
  ]);
});

test('a JSON post with a bearer token works too, and every ts is unique and increasing', async () => {
  const tss: string[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${slack.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STAND_IN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: STAND_IN_CHANNEL, text: `m${i}` }),
    });
    tss.push(((await response.json()) as { ts: string }).ts);
  }
  expect(tss).toEqual(['1700000000.000100', '1700000000.000200', '1700000000.000300']);
  expect(slack.messages(STAND_IN_CHANNEL).map((m) => m.text)).toEqual(['m0', 'm1', 'm2']);
});

test.each([
  {
    name: 'wrong token',
    token: 'xoxb-wrong',
    fields: { channel: STAND_IN_CHANNEL, text: 'x' },
    error: 'invalid_auth',
  },
  { name: 'unknown channel', fields: { channel: 'C0NOPE', text: 'x' }, error: 'channel_not_found' },
  { name: 'bot not invited', fields: { channel: 'C0PRIVATE', text: 'x' }, error: 'not_in_channel' },
  { name: 'no text or blocks', fields: { channel: STAND_IN_CHANNEL }, error: 'no_text' },
  {
    name: 'text over 40,000',
    fields: { channel: STAND_IN_CHANNEL, text: 'x'.repeat(40_001) },
    error: 'msg_too_long',
  },
  {
    name: 'blocks not JSON',
    fields: { channel: STAND_IN_CHANNEL, text: 'x', blocks: '[{' },
    error: 'invalid_blocks_format',
  },
  {
    name: 'reply to no message',
    fields: { channel: STAND_IN_CHANNEL, text: 'x', thread_ts: '1.000001' },
    error: 'thread_not_found',
  },
])('chat.postMessage refuses: $name', async ({ token, fields, error }) => {
  const reply = await callForm('chat.postMessage', fields, token);
  expect(reply).toMatchObject({ ok: false, error });
  expect(slack.messages(STAND_IN_CHANNEL)).toEqual([]);
});

test('oversized blocks are refused with invalid_blocks and the problems listed', async () => {
  const blocks = Array.from({ length: 51 }, () => divider);
  const reply = await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'x', blocks });
  expect(reply).toMatchObject({
    ok: false,
    error: 'invalid_blocks',
    errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
  });
  expect(slack.messages(STAND_IN_CHANNEL)).toEqual([]);
});

test('a reply threads under its parent; chat.update edits in place', async () => {
  const parent = await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'brief' });
  await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'reply', thread_ts: parent.ts });
  const updated = await callForm('chat.update', {
    channel: STAND_IN_CHANNEL,
    ts: parent.ts,
    text: 'brief (resolved)',
  });
  expect(updated).toMatchObject({ ok: true, ts: parent.ts, text: 'brief (resolved)' });
  expect(slack.messages(STAND_IN_CHANNEL)).toMatchObject([
    { ts: parent.ts, text: 'brief (resolved)', threadTs: undefined, edited: true },
    { text: 'reply', threadTs: parent.ts, edited: false },
  ]);
  expect(
    await callForm('chat.update', { channel: STAND_IN_CHANNEL, ts: '9.000001', text: 'x' }),
  ).toMatchObject({
    ok: false,
    error: 'message_not_found',
  });
});

test('a rate limit answers 429 with Retry-After, then clears', async () => {
  slack.rateLimitNext(1, 7);
  const limited = await fetch(`${slack.url}chat.postMessage`, { method: 'POST', body: 'channel=x' });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('7');
  expect(await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'x' })).toMatchObject({
    ok: true,
  });
});

test('the incoming webhook answers ok, 400 invalid_blocks, or 404 no_service as Slack does', async () => {
  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
    return [response.status, await response.text()];
  };
  expect(await post(slack.webhookUrl, { text: 'hello', blocks: [divider] })).toEqual([200, 'ok']);
  expect(await post(slack.webhookUrl, { text: 'x', blocks: [{ type: 'nope' }] })).toEqual([
    400,
    'invalid_blocks',
  ]);
  expect(await post(`${slack.webhookUrl}x`, { text: 'x' })).toEqual([404, 'no_service']);
  expect(slack.messages(STAND_IN_CHANNEL).map((m) => m.text)).toEqual(['hello']);
  expect(slack.calls.map((c) => [c.method, c.reply])).toEqual([
    ['webhook', 'ok'],
    ['webhook', 'invalid_blocks'],
    ['webhook', 'no_service'],
  ]);
});

const metadata = { event_type: 'nightshift_brief', event_payload: { investigation_id: 'inv-1' } };

test('conversations.history: top-level messages newest first, in range, metadata only when asked', async () => {
  const first = await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'a', metadata });
  await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'reply', thread_ts: first.ts });
  const second = await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'b' });
  await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'c' });
  const all = await callForm('conversations.history', {
    channel: STAND_IN_CHANNEL,
    include_all_metadata: 'true',
  });
  expect(all).toMatchObject({ ok: true, has_more: false });
  expect((all.messages as { text: string; metadata?: unknown }[]).map((m) => [m.text, m.metadata])).toEqual([
    ['c', undefined],
    ['b', undefined],
    ['a', metadata],
  ]);
  const plain = await callForm('conversations.history', { channel: STAND_IN_CHANNEL });
  expect((plain.messages as Record<string, unknown>[]).some((m) => 'metadata' in m)).toBe(false);
  // oldest and latest are exclusive unless inclusive is set, as Slack's are.
  const between = await callForm('conversations.history', {
    channel: STAND_IN_CHANNEL,
    oldest: first.ts,
    latest: second.ts,
  });
  expect(between.messages).toEqual([]);
  const inclusive = await callForm('conversations.history', {
    channel: STAND_IN_CHANNEL,
    oldest: first.ts,
    latest: second.ts,
    inclusive: 'true',
  });
  expect((inclusive.messages as { text: string }[]).map((m) => m.text)).toEqual(['b', 'a']);
});

test('conversations.history pages with a cursor that survives new messages', async () => {
  for (const text of ['m1', 'm2', 'm3'])
    await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text });
  const page1 = await callForm('conversations.history', { channel: STAND_IN_CHANNEL, limit: 2 });
  expect((page1.messages as { text: string }[]).map((m) => m.text)).toEqual(['m3', 'm2']);
  expect(page1.has_more).toBe(true);
  await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'm4' });
  const cursor = (page1.response_metadata as { next_cursor: string }).next_cursor;
  const page2 = await callForm('conversations.history', { channel: STAND_IN_CHANNEL, limit: 2, cursor });
  expect((page2.messages as { text: string }[]).map((m) => m.text)).toEqual(['m1']);
  expect(page2).toMatchObject({ has_more: false });
  expect(
    await callForm('conversations.history', { channel: STAND_IN_CHANNEL, cursor: 'bm9wZQ==' }),
  ).toMatchObject({
    ok: false,
    error: 'invalid_cursor',
  });
});

test.each([
  { name: 'not JSON', value: '{', error: 'invalid_metadata_format' },
  { name: 'no event_type', value: { event_payload: {} }, error: 'invalid_metadata_schema' },
  {
    name: 'payload not an object',
    value: { event_type: 'x', event_payload: 'y' },
    error: 'invalid_metadata_schema',
  },
])('chat.postMessage refuses metadata: $name', async ({ value, error }) => {
  const reply = await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'x', metadata: value });
  expect(reply).toMatchObject({ ok: false, error });
  expect(slack.messages(STAND_IN_CHANNEL)).toEqual([]);
});

test('a token without a scope gets missing_scope naming it', async () => {
  const narrow = await startSlackStandIn({ scopes: ['chat:write'] });
  try {
    const response = await fetch(`${narrow.url}conversations.history`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STAND_IN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: STAND_IN_CHANNEL }),
    });
    expect(await response.json()).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'channels:history',
      provided: 'chat:write',
    });
  } finally {
    await narrow.close();
  }
});

test('with a clock, ts follow it and stay strictly increasing', async () => {
  let now = 1_800_000_000_123.4;
  const clocked = await startSlackStandIn({ now: () => now });
  try {
    const post = async () => {
      const response = await fetch(`${clocked.url}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${STAND_IN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: STAND_IN_CHANNEL, text: 'x' }),
      });
      return ((await response.json()) as { ts: string }).ts;
    };
    expect(await post()).toBe('1800000000.123400');
    expect(await post()).toBe('1800000000.123500'); // the clock did not move: 100 µs later
    now = 1_800_000_001_000;
    expect(await post()).toBe('1800000001.000000');
  } finally {
    await clocked.close();
  }
});

test('a post held before the answer is stored at once and answered late', async () => {
  slack.delayNext(300);
  const started = Date.now();
  const reply = callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'slow' });
  await new Promise((r) => setTimeout(r, 100));
  expect(slack.messages(STAND_IN_CHANNEL).map((m) => m.text)).toEqual(['slow']);
  expect(slack.calls[0]?.reply).toMatchObject({ ok: true });
  expect(slack.calls[0]?.answeredAt).toBeUndefined();
  expect(await reply).toMatchObject({ ok: true });
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(slack.calls[0]?.answeredAt).toBeDefined();
});

test('a post held before it is taken is dropped when the client hangs up, kept otherwise', async () => {
  slack.delayNext(300, { stage: 'receive', count: 2 });
  const gone = new AbortController();
  const dropped = fetch(`${slack.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STAND_IN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: STAND_IN_CHANNEL, text: 'never arrives' }),
    signal: gone.signal,
  }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 100));
  expect(slack.calls).toHaveLength(1);
  gone.abort();
  await dropped;
  const kept = await callForm('chat.postMessage', { channel: STAND_IN_CHANNEL, text: 'arrives' });
  expect(kept).toMatchObject({ ok: true });
  await new Promise((r) => setTimeout(r, 300));
  expect(slack.messages(STAND_IN_CHANNEL).map((m) => m.text)).toEqual(['arrives']);
  expect(slack.calls.map((c) => [c.body.text, c.reply === undefined])).toEqual([
    ['never arrives', true],
    ['arrives', false],
  ]);
});
