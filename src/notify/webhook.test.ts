import { inspect } from 'node:util';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rejection } from '../../testing/errors.js';
import { checkoutAlert, checkoutBadDeploy } from '../../testing/investigate/reports.js';
import {
  type SlackStandIn,
  STAND_IN_CHANNEL,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import { NightshiftError } from '../core/index.js';
import { slackBrief } from './slack-brief.js';
import type { BriefMessage } from './types.js';
import { createSlackWebhookNotifier } from './webhook.js';

let slack: SlackStandIn;
beforeEach(async () => {
  slack = await startSlackStandIn();
});
afterEach(() => slack.close());

const brief: BriefMessage = {
  investigationId: 'inv-7',
  report: checkoutBadDeploy,
  alerts: [checkoutAlert()],
};
/** The part of the webhook URL that is the secret. */
const secretOf = (url: string) => url.split('/').at(-1) ?? '';

test('the brief, a follow-up and the resolve are posted as messages that name the investigation', async () => {
  const notifier = createSlackWebhookNotifier({ url: slack.webhookUrl });
  expect(await notifier.postBrief(brief)).toBeUndefined();
  await notifier.postFollowUp(undefined, { investigationId: 'inv-7', text: 'a new alert joined <!here>' });
  await notifier.postResolved(undefined, {
    investigationId: 'inv-7',
    resolvedAt: Date.parse('2026-03-09T15:00:00Z'),
    durationMs: 13 * 60_000,
  });
  expect(slack.calls.map((c) => c.reply)).toEqual(['ok', 'ok', 'ok']);
  expect(slack.calls[0]?.body).toEqual(slackBrief(brief));
  expect(slack.messages(STAND_IN_CHANNEL).map((m) => m.text)).toEqual([
    slackBrief(brief).text,
    'Investigation `inv-7`: a new alert joined &lt;!here&gt;',
    'Investigation `inv-7`: :white_check_mark: Resolved after 13 min: every alert cleared by 15:00 UTC',
  ]);
});

test('a revoked webhook says to create a new one, without the URL', async () => {
  const url = `${slack.webhookUrl.slice(0, -4)}dead`;
  const error = await rejection(createSlackWebhookNotifier({ url }).postBrief(brief));
  expect([error.code, error.message]).toEqual([
    'BAD_INPUT',
    'Slack no longer accepts this incoming webhook (HTTP 404 no_service)',
  ]);
  expect(error.hint).toContain('create a new incoming webhook');
  expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(secretOf(url).slice(0, 20));
});

test('unreachable or malformed URLs fail without quoting the URL', async () => {
  const url = slack.webhookUrl;
  await slack.close();
  const unreachable = await rejection(createSlackWebhookNotifier({ url }).postBrief(brief));
  expect([unreachable.code, unreachable.message]).toEqual([
    'QUERY_FAILED',
    'could not reach the Slack webhook (ECONNREFUSED)',
  ]);
  expect(inspect(unreachable, { depth: Number.POSITIVE_INFINITY })).not.toContain(secretOf(url));
  slack = await startSlackStandIn();

  const malformed = 'hooks.slack.com/services/T0/B0/notaurlsecret';
  let thrown: unknown;
  try {
    createSlackWebhookNotifier({ url: malformed });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(NightshiftError);
  expect(inspect(thrown, { depth: Number.POSITIVE_INFINITY })).not.toContain('notaurlsecret');
});

test('a rate limit and a timeout are reported as such', async () => {
  slack.rateLimitNext(1);
  const limited = await rejection(createSlackWebhookNotifier({ url: slack.webhookUrl }).postBrief(brief));
  expect(limited.message).toBe('Slack rate-limited the webhook (HTTP 429 rate_limited)');

  const cancelled = await rejection(
    createSlackWebhookNotifier({ url: slack.webhookUrl }).postBrief(brief, AbortSignal.abort()),
  );
  expect(cancelled.message).toBe('stopped waiting for the Slack webhook: the post was cancelled');
});
