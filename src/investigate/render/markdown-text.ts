/**
 * Putting text into GitHub-flavoured markdown without it becoming markup. Text from logs and tools
 * goes into code spans, which show it verbatim and never link, mention or format; prose written
 * by a brain (which may quote that data) is escaped where markdown would act on it.
 */

import { withoutUnsafe } from './unsafe-text.js';

function oneLine(text: string): string {
  return withoutUnsafe(text.replace(/\s*[\r\n]+\s*/g, ' '), { replacement: ' ' });
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * A code span holding any text verbatim on one line: the fence is one backtick longer than the
 * longest run inside (CommonMark), so a query or log line is shown exactly and can be copied.
 */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  if (flat.trim().length === 0) return '*(empty)*';
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block for a command, with a fence no line inside can close, copied exactly. */
export function codeBlock(text: string, options: { indent?: string; lang?: string } = {}): string[] {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const lines = [`${fence}${options.lang ?? ''}`, ...text.split('\n'), fence];
  return lines.map((l) => `${options.indent ?? ''}${l}`);
}

const MARKUP = /[\\`*_[\]<>|~]/g;

/**
 * Prose on one line with the characters that would format, link or embed HTML escaped, a leading
 * `#`, `>`, `-` or `1.` kept from starting a block, and `@name` kept from mentioning anyone (a
 * zero-width space after the `@`; e-mail addresses are left alone).
 */
export function markdownInline(text: string): string {
  return oneLine(text)
    .replace(MARKUP, '\\$&')
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(^|[^\w.])@(?=[\w-])/g, '$1@\u200b');
}

/** A table cell: pipes escaped (also inside code spans, as GFM tables require). */
export function tableCell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}
