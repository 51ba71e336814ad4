/**
 * The part of Slack Block Kit the brief uses, and the rules for staying inside it. Slack rejects a
 * whole message that breaks a limit, so every block is built to fit: text is cut at a line
 * boundary with a note of what was left out, and a message never has more than 50 blocks.
 * https://api.slack.com/reference/block-kit/blocks
 */

import { withoutUnsafe } from './unsafe-text.js';

/**
 * A text object. Every mrkdwn text the brief builds is `verbatim`: Slack then leaves plain text
 * alone (no auto-linked URLs or channel names, no mentions parsed from `@here`) and acts only on
 * the markup we wrote ourselves.
 */
export type SlackText =
  | { type: 'mrkdwn'; text: string; verbatim?: boolean }
  | { type: 'plain_text'; text: string; emoji?: boolean };

/** The four block types the brief uses: header, section (mrkdwn), context and divider. */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

/**
 * Slack's documented limits: 50 blocks a message, 3,000 characters in a section's text, 150 in a
 * header, 10 elements in a context block. Lengths are counted in UTF-16 units, which is never
 * fewer than Slack's count of characters, so a text within these is within Slack's.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionChars: 3000,
  headerChars: 150,
  contextElements: 10,
} as const;

/**
 * Text from outside (alerts, logs, tools, a model) for a mrkdwn field where formatting is inert (a
 * code span or block): unsafe characters stripped (see withoutUnsafe; lines kept), and the three
 * characters Slack's mrkdwn treats as control characters escaped. `<` and `>` are what make
 * `<!channel>`, `<@U123>` and `<http://x|here>`, so escaped text cannot ping or link.
 */
export function slackEscape(text: string): string {
  return withoutUnsafe(text, { keepLines: true })
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * Lookalikes for the characters Slack's mrkdwn formats with: asterisk operator, modifier letter
 * low macron, tilde operator, modifier letter grave accent, modifier letter right arrowhead. Slack
 * formats only the ASCII characters, so a lookalike renders as itself whatever surrounds it, in
 * every client. A zero-width joiner or word joiner beside the ASCII character would keep the text
 * looking the same, but whether it stops formatting depends on how Slack's undocumented parser
 * draws word boundaries, and it would ride along invisibly into anything a responder copies
 * (a metric name that then silently matches nothing). Data that must be copied exactly goes in
 * code spans instead (slackCode), where only the backtick needs a lookalike.
 */
const LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };
const QUOTE_LOOKALIKE = '\u02c3';

/**
 * Text from outside as mrkdwn prose that renders literally: escaped (slackEscape), its formatting
 * characters (`*` `_` `~` `` ` ``) replaced by lookalikes, and a `>` that starts a line (a block
 * quote) too.
 */
export function slackLiteral(text: string): string {
  return slackEscape(text)
    .replace(/[*_~`]/g, (c) => LOOKALIKE[c] ?? c)
    .replace(/^(\s*)&gt;/gm, `$1${QUOTE_LOOKALIKE}`);
}

/** Text from outside for a plain_text field (a header): unsafe characters stripped, on one line. */
export function slackPlain(text: string): string {
  return withoutUnsafe(text.replace(/\s+/g, ' '));
}

/** Raw text cut to `max` characters with an ellipsis, before escaping (so no entity is cut). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Prose for mrkdwn (a summary, a reason) from outside: cut to `max`, rendered literally (slackLiteral). */
export function slackProse(text: string, max: number): string {
  return slackLiteral(clip(text, max));
}

/**
 * Data as an inline mrkdwn code span, which Slack shows verbatim without formatting: escaped, one
 * line, and backticks that would close the span replaced by their lookalike.
 */
export function slackCode(text: string, max: number): string {
  const flat = clip(withoutUnsafe(text.replace(/\s+/g, ' ')).trim(), max);
  return `\`${slackEscape(flat).replaceAll('`', LOOKALIKE['`'] ?? '')}\``;
}

/**
 * Cuts text to `max` characters at a line boundary, ending with "… N more <unit>" for the lines
 * left out. A first line longer than `max` is cut with an ellipsis instead.
 */
export function fitText(text: string, max: number, unit = 'lines'): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const note = (n: number) => `… ${n} more ${n === 1 ? unit.replace(/s$/, '') : unit}`;
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

/**
 * A titled list in one section: the title line, then as many items as fit, then "… N more
 * <unit>" for the rest. Items are single lines, so the count in the note is the count of items.
 */
export function listSection(title: string, items: readonly string[], unit: string): SlackBlock {
  const all = [title, ...items].join('\n');
  if (all.length <= SLACK_LIMITS.sectionChars) return mrkdwnSection(all);
  const kept: string[] = [title];
  let length = title.length;
  const note = (n: number) => `… ${n} more ${unit} in the full report`;
  for (const [i, item] of items.entries()) {
    const rest = items.length - i - 1;
    if (length + 1 + item.length + 1 + note(rest).length > SLACK_LIMITS.sectionChars) break;
    kept.push(item);
    length += 1 + item.length;
  }
  kept.push(note(items.length - (kept.length - 1)));
  return mrkdwnSection(fitText(kept.join('\n'), SLACK_LIMITS.sectionChars, unit));
}

/** Verbatim mrkdwn text, cut to Slack's 3,000 characters a text object. */
export function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.sectionChars), verbatim: true };
}

/** A section of verbatim mrkdwn, cut to Slack's 3,000 characters. */
export function mrkdwnSection(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** Keeps the first 49 blocks and says in the 50th how many were left out. */
export function capBlocks(blocks: readonly SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return [...blocks];
  const kept = blocks.slice(0, SLACK_LIMITS.blocks - 1);
  kept.push({
    type: 'context',
    elements: [mrkdwn(`… ${blocks.length - kept.length} more blocks in the full report`)],
  });
  return kept;
}
