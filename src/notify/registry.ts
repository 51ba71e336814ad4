/**
 * The notifiers by kind, for configuration: `notify: { kind: slack, … }` picks one. Each entry is
 * the factory; its options type is what that kind's configuration must hold.
 */
import { createSlackNotifier } from './slack.js';
import { createStdoutNotifier } from './stdout.js';
import type { Notifier } from './types.js';
import { createSlackWebhookNotifier } from './webhook.js';

export const notifiers = {
  slack: createSlackNotifier,
  'slack-webhook': createSlackWebhookNotifier,
  stdout: createStdoutNotifier,
} satisfies Record<string, (options: never) => Notifier>;

export type NotifierKind = keyof typeof notifiers;

export const NOTIFIER_KINDS = Object.keys(notifiers) as NotifierKind[];
