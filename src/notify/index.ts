export { BLOCK_KIT_LIMITS, BLOCK_TYPES, blockKitProblems } from './block-kit.js';
export type {
  NotifierContext,
  NotifierDef,
  NotifierKind,
  NotifierSection,
  NotifierSectionName,
  NotifierSections,
  NotifierSecurity,
} from './registry.js';
export {
  chooseNotifier,
  defineNotifier,
  describeNotifier,
  NOTIFIER_KINDS,
  notifierFromConfig,
  notifierSectionShape,
  notifiers,
} from './registry.js';
export type { SlackLogLevel, SlackNotifierOptions } from './slack.js';
export { BRIEF_EVENT_TYPE, createSlackNotifier } from './slack.js';
export {
  BRIEF_ALERTS_SHOWN,
  messageText,
  POSSIBLE_REPEAT_NOTE,
  resolvedText,
  slackBrief,
  standalone,
} from './slack-brief.js';
export type { StdoutNotifierOptions } from './stdout.js';
export { createStdoutNotifier } from './stdout.js';
export type { BriefMessage, Notifier, Thread } from './types.js';
export type { SlackWebhookNotifierOptions } from './webhook.js';
export { createSlackWebhookNotifier } from './webhook.js';
