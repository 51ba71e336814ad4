/**
 * The brief as a Slack message: the renderer's blocks, plus a context line naming the
 * investigation and the alerts folded into it, so a responder can match a follow-up that arrives
 * as a message of its own (incoming webhooks have no threads) and see what fired. Text from
 * alerts goes through the renderer's one set of Slack text rules (slack-blocks.ts): names and ids
 * in code spans, prose rendered literally, control and bidi characters stripped.
 */
import { formatDuration, toIso } from '../core/index.js';
import {
  capBlocks,
  fitText,
  renderSlackBlocks,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackText,
  slackCode,
  slackLiteral,
} from '../investigate/render/index.js';
import type { BriefMessage } from './types.js';

/** Alerts named in the context line; the rest are counted. */
export const BRIEF_ALERTS_SHOWN = 5;
const CONTEXT_CHARS = 2000;
/** Alert names and services in the context line are cut to this many characters. */
const NAME_CHARS = 100;

/**
 * What a brief says when it may be the second copy. A responder who sees two briefs of one
 * incident should not wonder whether there are two incidents.
 */
export const POSSIBLE_REPEAT_NOTE =
  ':repeat: Possibly a repeat: an earlier attempt to post this brief was interrupted (a restart or a failed request) and Nightshift could not check whether it arrived. If the same brief is above, it is this one; updates follow in this thread.';

export function slackBrief(message: BriefMessage): { text: string; blocks: SlackBlock[] } {
  const rendered = renderSlackBlocks(
    message.report,
    message.url === undefined ? {} : { investigationUrl: message.url },
  );
  let { blocks } = rendered;
  let { text } = rendered;
  if (message.possibleRepeat) {
    const [header, ...rest] = blocks;
    // The note is never dropped: at the limit, capBlocks cuts the last blocks instead.
    blocks = capBlocks([...(header ? [header] : []), contextBlock(POSSIBLE_REPEAT_NOTE), ...rest]);
    text = `Possibly a repeat. ${text}`;
  }
  // The renderer stops well short of Slack's 50 blocks; the guard keeps a future change honest.
  if (blocks.length >= SLACK_LIMITS.blocks) return { text, blocks };
  return { text, blocks: [...blocks, contextBlock(contextText(message))] };
}

function contextBlock(text: string): SlackBlock {
  const element: SlackText = { type: 'mrkdwn', text, verbatim: true };
  return { type: 'context', elements: [element] };
}

function contextText(message: BriefMessage): string {
  const alerts = message.alerts
    .slice(0, BRIEF_ALERTS_SHOWN)
    .map(
      (a) =>
        `${slackCode(a.name, NAME_CHARS)} on ${slackCode(a.service, NAME_CHARS)} (${slackLiteral(a.severity)}) since ${toIso(a.startsAt).slice(11, 16)} UTC`,
    );
  const rest = message.alerts.length - BRIEF_ALERTS_SHOWN;
  if (rest > 0) alerts.push(`… ${rest} more`);
  const parts = [`Investigation ${slackCode(message.investigationId, NAME_CHARS)}`];
  if (alerts.length > 0) parts.push(`alerts: ${alerts.join(', ')}`);
  return fitText(parts.join(' · '), CONTEXT_CHARS);
}

/** Plain text as mrkdwn: rendered literally so it cannot mention, link or format, cut to one section. */
export function messageText(text: string): string {
  return fitText(slackLiteral(text), SLACK_LIMITS.sectionChars);
}

/** A follow-up without a thread says which investigation it belongs to; `text` is already mrkdwn. */
export function standalone(investigationId: string, text: string): string {
  return `Investigation ${slackCode(investigationId, NAME_CHARS)}: ${text}`;
}

/** Every alert of the investigation cleared: how long it lasted and when it ended. */
export function resolvedText(resolved: { resolvedAt: number; durationMs: number }): string {
  return `:white_check_mark: Resolved after ${formatDuration(resolved.durationMs)}: every alert cleared by ${toIso(resolved.resolvedAt).slice(11, 16)} UTC`;
}
