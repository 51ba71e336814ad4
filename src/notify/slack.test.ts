import { inspect } from 'node:util';
import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rejection } from '../../testing/errors.js';
import { checkoutAlert, checkoutBadDeploy, oversizedReport } from '../../testing/investigate/reports.js';
import {
  type SlackStandIn,
  STAND_IN_CHANNEL,
  STAND_IN_TOKEN,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import { renderSlackBlocks } from '../investigate/render/index.js';
import { createSlackNotifier, type SlackNotifierOptions } from './slack.js';
import { slackBrief } from './slack-brief.js';
import { slackError } from './slack-errors.js';
import type { BriefMessage } from './types.js';

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let slack: SlackStandIn;
beforeEach(async () => {
  slack = await startSlackStandIn({ channelsWithoutBot: ['C0PRIVATE'] });
});
afterEach(() => slack.close());

const brief: BriefMessage = {
  investigationId: 'inv-42',
  report: checkoutBadDeploy,
  url: 'https://ns.example/i/inv-42',
  alerts: [checkoutAlert()],
};

const notifier = (options: Partial<SlackNotifierOptions> = {}) =>
  createSlackNotifier({
    token: STAND_IN_TOKEN,
    channel: STAND_IN_CHANNEL,
    slackApiUrl: slack.url,
    retries: 0,
    log: () => {},
    ...options,
  });

test('the brief is posted once, as rendered, and its thread is returned', async () => {
  const thread = await notifier().postBrief(brief);
  expect(thread).toEqual({ channel: STAND_IN_CHANNEL, ts: '1700000000.000100' });
  const expected = slackBrief(brief);
  expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  expect(slack.calls[0]?.body).toMatchObject({
    channel: STAND_IN_CHANNEL,
    text: expected.text,
    blocks: expected.blocks,
    unfurl_links: 'false',
  });
  const [posted] = slack.messages(STAND_IN_CHANNEL);
  expect(posted?.blocks?.slice(0, -1)).toEqual(
    renderSlackBlocks(checkoutBadDeploy, { investigationUrl: brief.url }).blocks,
  );
  expect(posted?.blocks?.at(-1)).toEqual({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        verbatim: true,
        text: 'Investigation `inv-42` · alerts: `HighErrorRate` on `api-gateway` (critical) since 14:47 UTC',
      },
    ],
  });
});

test('the follow-up and the resolve land in the brief’s thread', async () => {
  const slackNotifier = notifier();
  const thread = await slackNotifier.postBrief(brief);
  await slackNotifier.postFollowUp(thread, {
    investigationId: 'inv-42',
    text: 'a new alert joined: <!channel>',
  });
  await slackNotifier.postResolved(thread, {
    investigationId: 'inv-42',
    resolvedAt: Date.parse('2026-03-09T15:29:00Z'),
    durationMs: 42 * 60_000,
  });
  const messages = slack.messages(STAND_IN_CHANNEL);
  expect(messages.map((m) => [m.threadTs, m.text])).toEqual([
    [undefined, slackBrief(brief).text],
    [thread?.ts, 'a new alert joined: &lt;!channel&gt;'],
    [thread?.ts, ':white_check_mark: Resolved after 42 min: every alert cleared by 15:29 UTC'],
  ]);
  expect(slack.calls.slice(1).map((c) => c.body.reply_broadcast)).toEqual(['false', 'false']);
});

test('without a thread, a follow-up is a message of its own that names the investigation', async () => {
  await notifier().postFollowUp(undefined, { investigationId: 'inv-42', text: 'investigation failed' });
  expect(slack.messages(STAND_IN_CHANNEL)).toMatchObject([
    { threadTs: undefined, text: 'Investigation `inv-42`: investigation failed' },
  ]);
});

test('the oversized report is cut to fit and accepted; 51 raw blocks are refused', async () => {
  const thread = await notifier().postBrief({ ...brief, report: oversizedReport() });
  expect(thread?.ts).toBeDefined();
  const posted = slack.messages(STAND_IN_CHANNEL)[0]?.blocks ?? [];
  expect(posted.slice(0, -1)).toEqual(
    renderSlackBlocks(oversizedReport(), { investigationUrl: brief.url }).blocks,
  );
  expect(JSON.stringify(posted.at(-1))).toContain('Investigation `inv-42`');

  const client = new WebClient(STAND_IN_TOKEN, {
    slackApiUrl: slack.url,
    retryConfig: { retries: 0 },
    logger: silent,
  });
  const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
  const raw = await client.chat.postMessage({ channel: STAND_IN_CHANNEL, text: 'x', blocks }).catch((e) => e);
  const error = slackError(raw, { method: 'chat.postMessage', channel: STAND_IN_CHANNEL });
  expect(error.code).toBe('INTERNAL');
  expect(error.message).toBe(
    'Slack rejected the message as malformed (invalid_blocks): no more than 50 items allowed [json-pointer:/blocks]',
  );
  expect(slack.messages(STAND_IN_CHANNEL)).toHaveLength(1);
});

test('a bad token gives a clear error that never contains the token, in the error or the logs', async () => {
  const token = 'xoxb-1234-5678-SECRETSECRETSECRET';
  const logs: string[] = [];
  const error = await rejection(
    notifier({ token, log: (level, message) => logs.push(`${level} ${message}`) }).postBrief(brief),
  );
  expect(error.code).toBe('BAD_INPUT');
  expect(error.message).toBe('Slack rejected the bot token (invalid_auth)');
  expect(error.hint).toContain('Bot User OAuth Token');
  expect(logs.length).toBeGreaterThan(0);
  for (const text of [inspect(error, { depth: Number.POSITIVE_INFINITY }), error.hint ?? '', ...logs])
    expect(text).not.toContain('SECRETSECRET');
});

test.each([
  {
    channel: 'C0NOPE',
    code: 'NOT_FOUND',
    message: 'Slack channel "C0NOPE" was not found (channel_not_found)',
  },
  {
    channel: 'C0PRIVATE',
    code: 'BAD_INPUT',
    message: 'the bot is not a member of Slack channel "C0PRIVATE" (not_in_channel)',
  },
])('posting to $channel tells to invite the bot', async ({ channel, code, message }) => {
  const error = await rejection(notifier({ channel }).postBrief(brief));
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
  expect(error.hint).toContain(`/invite @<your bot> in "${channel}"`);
});

test('a reply to a deleted brief says the brief is gone', async () => {
  const error = await rejection(
    notifier().postFollowUp(
      { channel: STAND_IN_CHANNEL, ts: '1600000000.000100' },
      { investigationId: 'i', text: 't' },
    ),
  );
  expect([error.code, error.message]).toEqual([
    'NOT_FOUND',
    'the brief\'s Slack message in "C0INCIDENTS" is gone (thread_not_found)',
  ]);
});

test('a rate limit is waited out within the retries, then reported', async () => {
  slack.rateLimitNext(1, 0);
  await expect(notifier({ retries: 1 }).postBrief(brief)).resolves.toMatchObject({
    channel: STAND_IN_CHANNEL,
  });

  slack.rateLimitNext(5, 0);
  const error = await rejection(notifier({ retries: 1 }).postBrief(brief));
  expect([error.code, error.message]).toEqual([
    'QUERY_FAILED',
    'Slack rate-limited the notifier and retries ran out',
  ]);
  expect(slack.calls.map((c) => c.reply)).toMatchObject([
    { error: 'ratelimited' },
    { ok: true },
    { error: 'ratelimited' },
    { error: 'ratelimited' },
  ]);
});

test('Slack out of reach is a QUERY_FAILED naming the reason', async () => {
  const url = slack.url;
  await slack.close();
  const error = await rejection(notifier({ slackApiUrl: url }).postBrief(brief));
  expect([error.code, error.message]).toEqual([
    'QUERY_FAILED',
    'could not reach Slack for chat.postMessage: ECONNREFUSED',
  ]);
  slack = await startSlackStandIn();
});

test('a cancelled post is not sent; one cancelled in flight stops waiting', async () => {
  const error = await rejection(notifier().postBrief(brief, AbortSignal.abort()));
  expect(error.code).toBe('QUERY_TIMEOUT');
  await notifier().postFollowUp(undefined, { investigationId: 'i', text: 'after' });
  expect(slack.calls).toHaveLength(1);

  slack.rateLimitNext(1, 1);
  const inFlight = notifier({ retries: 1 }).postBrief(brief, AbortSignal.timeout(200));
  expect((await rejection(inFlight)).message).toBe('stopped waiting for Slack: the post was cancelled');
});

test('an empty token is refused up front', () => {
  expect(() => notifier({ token: ' ' })).toThrow('the Slack bot token is empty');
});
