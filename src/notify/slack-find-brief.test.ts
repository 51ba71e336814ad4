import { afterEach, expect, test } from 'vitest';
import { checkoutAlert, checkoutBadDeploy } from '../../testing/investigate/reports.js';
import {
  type SlackStandIn,
  STAND_IN_CHANNEL,
  STAND_IN_TOKEN,
  type StandInOptions,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import { BRIEF_EVENT_TYPE, createSlackNotifier } from './slack.js';
import { POSSIBLE_REPEAT_NOTE, slackBrief } from './slack-brief.js';
import type { BriefMessage } from './types.js';

/** The stand-in's first ts, 1700000000.000100, as epoch ms. */
const FIRST_TS_MS = 1_700_000_000_000;

let slack: SlackStandIn | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

async function standIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  slack = await startSlackStandIn(options);
  return slack;
}

const notifier = (s: SlackStandIn) =>
  createSlackNotifier({
    token: STAND_IN_TOKEN,
    channel: STAND_IN_CHANNEL,
    slackApiUrl: s.url,
    retries: 0,
    log: () => {},
  });

const brief = (investigationId: string): BriefMessage => ({
  investigationId,
  report: checkoutBadDeploy,
  alerts: [checkoutAlert()],
});

/** Other traffic in the channel, as a person or another app would post it. */
async function chatter(s: SlackStandIn, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${s.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STAND_IN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: STAND_IN_CHANNEL, text: `chatter ${i}` }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  }
}

test('the brief is posted with metadata naming its investigation', async () => {
  const s = await standIn();
  await notifier(s).postBrief(brief('inv-1'));
  expect(s.calls[0]?.body.metadata).toEqual({
    event_type: BRIEF_EVENT_TYPE,
    event_payload: { investigation_id: 'inv-1' },
  });
  expect(s.messages(STAND_IN_CHANNEL)[0]?.metadata).toEqual({
    event_type: 'nightshift_brief',
    event_payload: { investigation_id: 'inv-1' },
  });
});

test('findBrief finds the brief of its investigation behind a page of newer messages', async () => {
  const s = await standIn();
  const slackNotifier = notifier(s);
  await slackNotifier.postBrief(brief('inv-other'));
  const posted = await slackNotifier.postBrief(brief('inv-1'));
  await chatter(s, 230); // more than one page of 200
  const found = await slackNotifier.findBrief?.('inv-1', FIRST_TS_MS);
  expect(found).toEqual(posted);
  const history = s.calls.filter((c) => c.method === 'conversations.history');
  expect(
    history.map((c) => [c.body.include_all_metadata, c.body.limit, c.body.cursor !== undefined]),
  ).toEqual([
    ['true', '200', false],
    ['true', '200', true],
  ]);
  // The lookup starts five minutes before the intent, for clock skew between us and Slack.
  expect(history[0]?.body.oldest).toBe('1699999700.000000');
});

test.each([
  { name: 'no brief of this investigation', post: 'inv-other', sinceMs: FIRST_TS_MS },
  {
    name: 'the brief is older than the intent and its margin',
    post: 'inv-1',
    sinceMs: FIRST_TS_MS + 600_000,
  },
])('findBrief answers undefined: $name', async ({ post, sinceMs }) => {
  const s = await standIn();
  const slackNotifier = notifier(s);
  await slackNotifier.postBrief(brief(post));
  await chatter(s, 3);
  expect(await slackNotifier.findBrief?.('inv-1', sinceMs)).toBeUndefined();
});

test('findBrief without the history scope says which scope to add, as configuration (BAD_INPUT)', async () => {
  const s = await standIn({ scopes: ['chat:write'] });
  const slackNotifier = notifier(s);
  await slackNotifier.postBrief(brief('inv-1'));
  const failure = slackNotifier.findBrief?.('inv-1', FIRST_TS_MS);
  await expect(failure).rejects.toMatchObject({
    code: 'BAD_INPUT',
    message:
      "the Slack app may not read the channel's history: conversations.history needs the channels:history scope (missing_scope)",
    hint: expect.stringContaining('posted again marked as a possible repeat'),
  });
  expect(s.calls.at(-1)?.reply).toMatchObject({
    ok: false,
    error: 'missing_scope',
    needed: 'channels:history',
  });
});

test('a post without chat:write names that scope', async () => {
  const s = await standIn({ scopes: ['channels:history'] });
  await expect(notifier(s).postBrief(brief('inv-1'))).rejects.toMatchObject({
    code: 'BAD_INPUT',
    message:
      'the Slack app may not post messages: chat.postMessage needs the chat:write scope (missing_scope)',
  });
});

test('a brief that may be a repeat says so under its header and in its notification text', () => {
  const { text, blocks } = slackBrief({ ...brief('inv-1'), possibleRepeat: true });
  expect(text.startsWith('Possibly a repeat. Likely root cause')).toBe(true);
  expect(blocks[0]?.type).toBe('header');
  expect(blocks[1]).toEqual({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: POSSIBLE_REPEAT_NOTE, verbatim: true }],
  });
  expect(slackBrief(brief('inv-1')).blocks.some((b) => JSON.stringify(b).includes('Possibly a repeat'))).toBe(
    false,
  );
});
