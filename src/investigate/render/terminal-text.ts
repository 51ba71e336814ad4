/**
 * Text for a terminal: data from logs and tools made inert, and lines wrapped to the terminal's
 * width with a hanging indent so a brief stays a column a tired reader can scan.
 */
import { withoutUnsafe } from './unsafe-text.js';

/** Makes text from logs or tools printable as data on one line (newlines become spaces too). */
export function printable(text: string): string {
  return withoutUnsafe(text, { replacement: ' ' });
}

/**
 * Wraps `text` at spaces so no line exceeds `width`; continuation lines start with `indent`
 * spaces. Words longer than a line (JSON queries, URLs) are split hard rather than overflow.
 * `first` is what precedes the text on its first line (a label or a bullet) and sets where the
 * text starts. Without a width the text is returned on one line.
 */
export function wrap(first: string, text: string, width: number | undefined, indent: number): string[] {
  if (width === undefined) return [`${first}${text}`];
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const breakLine = () => {
    lines.push(line);
    line = pad;
    empty = true;
  };
  for (let word of text.split(' ').filter((w) => w.length > 0)) {
    if (!empty && line.length + 1 + word.length > width) breakLine();
    while (line.length + word.length > width && width - line.length > 0) {
      const cut = width - line.length;
      line += word.slice(0, cut);
      word = word.slice(cut);
      breakLine();
    }
    if (word.length === 0) continue;
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}
