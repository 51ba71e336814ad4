/**
 * The one rule for characters that text from an alert, a log, a tool or a model may not carry to
 * a reader, shared by every renderer (terminal, markdown, Slack, the report page).
 */

/**
 * Characters no text from an alert, a log, a tool or a model may carry to a reader, in any
 * renderer (terminal, markdown, Slack): C0 and C1 controls (NUL truncates text in some clients; ESC
 * starts ANSI sequences that recolour, move the cursor or retitle a terminal) and the Unicode
 * bidirectional formatting characters, which reorder what is shown so that text reads differently
 * from what it is ("Trojan Source", CVE-2021-42574): the embeddings and overrides U+202A–U+202E,
 * the isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
 */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\p{Cc}${BIDI}]+`, 'gu');
/** The same, sparing line feeds and tabs, for text where lines are allowed. */
const UNSAFE_BUT_LINES = new RegExp(`(?:(?![\\n\\t])[\\p{Cc}${BIDI}])+`, 'gu');

/**
 * The one rule for unsafe characters: every run of them becomes `replacement` (default: nothing).
 * `keepLines` spares \n and \t, for multi-line text.
 */
export function withoutUnsafe(
  text: string,
  options: { replacement?: string; keepLines?: boolean } = {},
): string {
  return text.replace(options.keepLines ? UNSAFE_BUT_LINES : UNSAFE, options.replacement ?? '');
}
