/**
 * The brief as Slack Block Kit, for the alert's thread. Slack refuses a message outright past its
 * limits (50 blocks, 3,000 characters in a section's text, 150 in a header), so every piece is cut
 * to fit at a line boundary with a note of what was left out, and the plain `text` fallback is
 * always set (notifications and screen readers use it). Text from logs and tools is escaped
 * (`&`, `<`, `>`), so it cannot mention @channel, link, or break the markup.
 */
import type { Report } from '../../core/index.js';
import { categoryWords, impactLine, sortedActions } from './sections.js';

export type SlackText =
  | { type: 'mrkdwn'; text: string }
  | { type: 'plain_text'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

export const SLACK_LIMITS = {
  blocks: 50,
  sectionChars: 3000,
  headerChars: 150,
  contextElements: 10,
} as const;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Cuts text to `max` characters at a line boundary, saying how many lines were left out. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const note = (n: number) => `… ${n} more line${n === 1 ? '' : 's'}`;
  let kept = 0;
  let length = -1;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const need = length + 1 + line.length + (rest > 0 ? 1 + note(rest).length : 0);
    if (need > max) break;
    kept++;
    length += 1 + line.length;
  }
  if (kept === 0) return `${text.slice(0, max - 1)}…`;
  return `${lines.slice(0, kept).join('\n')}\n${note(lines.length - kept)}`;
}

const section = (text: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.sectionChars) },
});

export function renderSlackBlocks(
  report: Report,
  options: { investigationUrl?: string } = {},
): { text: string; blocks: SlackBlock[] } {
  const r = report.rootCause;
  const title = `${r.confidence === 'HIGH' ? '🔴' : r.confidence === 'MEDIUM' ? '🟠' : '⚪'} ${r.service}: ${categoryWords(r.category)} (${r.confidence})`;
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: fitText(title, SLACK_LIMITS.headerChars), emoji: true },
    },
    section(`*${slackEscape(report.summary)}*\n_${slackEscape(r.confidenceReason)}_`),
    section(`*Impact:* ${slackEscape(impactLine(report))}\n*Why:* ${slackEscape(r.description)}`),
  ];
  if (report.evidence.length > 0) {
    blocks.push(
      section(
        [
          '*Evidence*',
          ...report.evidence.map(
            (e) => `• \`${slackEscape(e.summary).replaceAll('`', 'ˋ')}\` _(${e.source.tool})_`,
          ),
        ].join('\n'),
      ),
    );
  }
  const actions = sortedActions(report.actions);
  if (actions.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(section('*Next actions* (safest first; each needs a human to approve and run it)'));
    for (const [i, a] of actions.entries()) {
      const command = a.command ? `\n\`\`\`${slackEscape(a.command)}\`\`\`` : '';
      blocks.push(
        section(`${i + 1}. *${a.kind}*: ${slackEscape(a.title)}\n${slackEscape(a.rationale)}${command}`),
      );
    }
  }
  if (report.alternatives.length > 0) {
    blocks.push(
      section(
        [
          '*Alternatives*',
          ...report.alternatives.map(
            (h) => `• ${slackEscape(h.service)}: ${categoryWords(h.category)} (${h.score.toFixed(2)})`,
          ),
        ].join('\n'),
      ),
    );
  }
  const context: SlackText[] = [];
  if (report.missingSources.length > 0)
    context.push({
      type: 'mrkdwn',
      text: fitText(
        `⚠️ Not checked: ${report.missingSources.map((m) => slackEscape(`${m.source} (${m.reason})`)).join(', ')}`,
        2000,
      ),
    });
  if (report.similarIncidents.length > 0)
    context.push({
      type: 'mrkdwn',
      text: fitText(
        `Similar: ${report.similarIncidents.map((s) => slackEscape(`${s.id} ${s.title}`)).join('; ')}`,
        2000,
      ),
    });
  if (options.investigationUrl)
    context.push({ type: 'mrkdwn', text: `<${options.investigationUrl}|Full investigation and trace>` });
  if (context.length > 0)
    blocks.push({ type: 'context', elements: context.slice(0, SLACK_LIMITS.contextElements) });
  return {
    text: fitText(`${title}: ${report.summary}`, SLACK_LIMITS.sectionChars),
    blocks: capBlocks(blocks),
  };
}

/** Keeps the first 49 blocks and says how many were left out in the 50th. */
function capBlocks(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, SLACK_LIMITS.blocks - 1);
  kept.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `… ${blocks.length - kept.length} more blocks in the full report` }],
  });
  return kept;
}
