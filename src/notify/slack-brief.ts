/**
 * The brief as a Slack message: the renderer's blocks, plus a context line naming the
 * investigation and the alerts folded into it, so a responder can match a follow-up that arrives
 * as a message of its own (incoming webhooks have no threads) and see what fired.
 */
import { formatDuration, toIso } from '../core/index.js';
import {
  fitText,
  renderSlackBlocks,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackText,
  slackEscape,
} from '../investigate/render/index.js';
import type { BriefMessage } from './types.js';

/** Alerts named in the context line; the rest are counted. */
export const BRIEF_ALERTS_SHOWN = 5;
const CONTEXT_CHARS = 2000;

export function slackBrief(message: BriefMessage): { text: string; blocks: SlackBlock[] } {
  const { text, blocks } = renderSlackBlocks(
    message.report,
    message.url === undefined ? {} : { investigationUrl: message.url },
  );
  // The renderer stops well short of Slack's 50 blocks; the guard keeps a future change honest.
  if (blocks.length >= SLACK_LIMITS.blocks) return { text, blocks };
  const element: SlackText = { type: 'mrkdwn', text: contextText(message), verbatim: true };
  return { text, blocks: [...blocks, { type: 'context', elements: [element] }] };
}

function contextText(message: BriefMessage): string {
  const alerts = message.alerts
    .slice(0, BRIEF_ALERTS_SHOWN)
    .map(
      (a) =>
        `${code(a.name)} on ${code(a.service)} (${slackEscape(a.severity)}) since ${toIso(a.startsAt).slice(11, 16)} UTC`,
    );
  const rest = message.alerts.length - BRIEF_ALERTS_SHOWN;
  if (rest > 0) alerts.push(`… ${rest} more`);
  const parts = [`Investigation ${code(message.investigationId)}`];
  if (alerts.length > 0) parts.push(`alerts: ${alerts.join(', ')}`);
  return fitText(parts.join(' · '), CONTEXT_CHARS);
}

/** Data in an inline code span: one line, escaped, and no backtick that could close the span. */
function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().slice(0, 100);
  return `\`${slackEscape(flat).replaceAll('`', 'ˋ')}\``;
}

/** Plain text as mrkdwn: escaped so it cannot mention, link or format, and cut to one section. */
export function messageText(text: string): string {
  return fitText(slackEscape(text), SLACK_LIMITS.sectionChars);
}

/** A follow-up without a thread says which investigation it belongs to. */
export function standalone(investigationId: string, text: string): string {
  return `Investigation \`${slackEscape(investigationId).replaceAll('`', 'ˋ')}\`: ${text}`;
}

/** Every alert of the investigation cleared: how long it lasted and when it ended. */
export function resolvedText(resolved: { resolvedAt: number; durationMs: number }): string {
  return `:white_check_mark: Resolved after ${formatDuration(resolved.durationMs)}: every alert cleared by ${toIso(resolved.resolvedAt).slice(11, 16)} UTC`;
}
