import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  type SlackStandIn,
  STAND_IN_CHANNEL,
  STAND_IN_TOKEN,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import {
  chooseNotifier,
  defineNotifier,
  describeNotifier,
  NOTIFIER_KINDS,
  type NotifierDef,
  type NotifierKind,
  type NotifierSections,
  notifierFromConfig,
  notifierSectionShape,
} from './registry.js';
import { createStdoutNotifier } from './stdout.js';

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(() => slack.close());

/** The `slack:` section (or none) that selects each kind; a new kind must be added here to compile. */
const configFor: Record<NotifierKind, () => NotifierSections> = {
  slack: () => ({ slack: { token: STAND_IN_TOKEN, channel: STAND_IN_CHANNEL, apiUrl: slack.url } }),
  'slack-webhook': () => ({ slack: { webhookUrl: slack.webhookUrl } }),
  stdout: () => ({}),
};

test.each(NOTIFIER_KINDS)('%s: its configuration builds a notifier of that kind', (kind) => {
  expect(chooseNotifier(configFor[kind]()).kind).toBe(kind);
  expect(notifierFromConfig(configFor[kind](), { stdout: { write: () => true } }).name).toBe(kind);
});

test('a bot token and channel win over the webhook, as the slack: section has always meant', () => {
  const both = { slack: { token: STAND_IN_TOKEN, channel: STAND_IN_CHANNEL, webhookUrl: slack.webhookUrl } };
  expect(chooseNotifier(both).kind).toBe('slack');
});

test('the chosen settings reach the notifier: a brief goes to the configured Slack channel', async () => {
  const notifier = notifierFromConfig(configFor.slack());
  const thread = await notifier.postFollowUp(undefined, { investigationId: 'inv-1', text: 'wired' });
  expect(thread).toBeUndefined();
  expect(slack.messages(STAND_IN_CHANNEL).map((m) => m.text)).toContainEqual(
    expect.stringContaining('wired'),
  );
});

test('the stdout notifier writes where the context says', async () => {
  let out = '';
  const notifier = notifierFromConfig({}, { stdout: { write: (text: string) => (out += text) } });
  await notifier.postFollowUp(undefined, { investigationId: 'inv-2', text: 'to stdout' });
  expect(out).toBe('[inv-2] to stdout\n');
});

test.each([
  { name: 'bot', sections: { slack: { token: 'xoxb-1', channel: 'C1' } }, line: 'slack: bot to C1' },
  {
    name: 'webhook',
    sections: { slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/secret' } },
    line: 'slack-webhook: incoming webhook (no threads)',
  },
  { name: 'none', sections: {}, line: 'stdout: briefs print to standard output (no slack: section)' },
])('describeNotifier: $name', ({ sections, line }) => {
  expect(describeNotifier(sections)).toBe(line);
});

describe('the slack: section, derived from the entries that live in it', () => {
  const section = notifierSectionShape.slack;
  const problems = (value: unknown) =>
    section.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  test.each([
    {
      name: 'a token without its channel',
      value: { token: 'xoxb-1' },
      expected: [
        'channel: token and channel go together (the slack notifier needs all of them; token is set)',
        'token: set token and channel, or webhookUrl',
      ],
    },
    {
      name: 'nothing usable',
      value: { apiUrl: 'http://127.0.0.1:1/' },
      expected: ['token: set token and channel, or webhookUrl'],
    },
    { name: 'a bot', value: { token: 'xoxb-1', channel: 'C1' }, expected: [] },
    { name: 'a webhook', value: { webhookUrl: 'https://hooks.slack.com/services/x' }, expected: [] },
  ])('$name', ({ value, expected }) => {
    expect(problems(value)).toEqual(expected);
  });

  test('a setting no notifier reads is refused', () => {
    expect(problems({ webhookUrl: 'https://hooks.slack.com/services/x', channels: 'C1' })).toEqual([
      ': Unrecognized key: "channels"',
    ]);
  });
});

test('an entry missing a property does not compile', () => {
  const settings = z.object({});
  const create = () => createStdoutNotifier();
  // @ts-expect-error `security` is missing
  const incomplete = defineNotifier({
    description: 'x',
    section: undefined,
    settings,
    create,
    describe: () => 'x',
  });
  const registry = {
    // @ts-expect-error `describe` is missing
    x: { description: 'x', section: undefined, settings, create, security: incomplete.security },
  } satisfies Record<string, NotifierDef>;
  expect(Object.keys(registry)).toEqual(['x']);
});
