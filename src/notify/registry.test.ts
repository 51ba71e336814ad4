import { afterAll, beforeAll, expect, test } from 'vitest';
import { NOTIFIER_KINDS, type NotifierKind, notifiers } from './registry.js';
import { type SlackStandIn, STAND_IN_CHANNEL, STAND_IN_TOKEN, startSlackStandIn } from './slack-stand-in.js';
import type { Notifier } from './types.js';

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(() => slack.close());

const create: Record<NotifierKind, () => Notifier> = {
  slack: () =>
    notifiers.slack({ token: STAND_IN_TOKEN, channel: STAND_IN_CHANNEL, slackApiUrl: slack.url, retries: 0 }),
  'slack-webhook': () => notifiers['slack-webhook']({ url: slack.webhookUrl }),
  stdout: () => notifiers.stdout({ stream: { write: () => true } }),
};

test('every kind is registered under the name its notifier reports', () => {
  expect(NOTIFIER_KINDS).toEqual(['slack', 'slack-webhook', 'stdout']);
  expect(NOTIFIER_KINDS.map((kind) => create[kind]().name)).toEqual(NOTIFIER_KINDS);
});
