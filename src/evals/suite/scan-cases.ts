/**
 * A fast, line-based locator of the cases of a suite, for the common layout (`cases:` at column 0
 * followed by a block list). The yaml library needs about a second to parse a 5,000-case file;
 * this finds one case in a few milliseconds, so `eval get` parses only that case and an edit
 * parses the file once (to validate the result) instead of twice.
 *
 * It is a shortcut, never the last word: it gives up (undefined) on any layout it does not know,
 * and every edit checks its result with the real parser (the cases' names and the edited case's
 * value must come out as intended), falling back to the parser's ranges otherwise. It follows the
 * same rules as case-blocks.ts for which lines belong to a case.
 */
import type { CaseBlock, CasesList } from './case-blocks.js';

interface Line {
  start: number;
  /** Just past its newline. */
  end: number;
  indent: number;
  /** The line without indentation and newline. */
  body: string;
}

/** The cases of `text`, or undefined when the layout is not the plain one this scanner knows. */
export function scanCases(text: string): CasesList | undefined {
  if (/^(?:---|\.\.\.)(?:\s|$)|^\t|^ *\t/m.test(text)) return undefined;
  const lines = splitLines(text);
  const keyAt = lines.findIndex((l) => l.indent === 0 && /^cases\s*:/.test(l.body));
  if (keyAt === -1) return lines.some((l) => /^\s*cases\s*:/.test(l.body)) ? undefined : { kind: 'missing' };
  if (lines.some((l, i) => i > keyAt && l.indent === 0 && /^cases\s*:/.test(l.body))) return undefined;
  if (!/^cases\s*:\s*(?:#.*)?$/.test(lines[keyAt]?.body ?? '')) return undefined;
  const blocks: CaseBlock[] = [];
  let column: number | undefined;
  let open: { block: Omit<CaseBlock, 'itemEnd'>; lastContent: number } | undefined;
  const close = () => {
    if (open === undefined) return;
    blocks.push({ ...open.block, itemEnd: itemEnd(lines, open.lastContent, column ?? 0) });
    open = undefined;
  };
  for (let i = keyAt + 1; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.body === '' || (line.body.startsWith('#') && (column === undefined || line.indent <= column)))
      continue;
    const isItem = /^-(?: |$)/.test(line.body);
    if (column === undefined) {
      if (!isItem) return undefined; // `cases:` then a non-list (or nothing): the parser knows best
      column = line.indent;
    }
    if (line.indent < column || (line.indent === column && !isItem)) {
      if (line.indent !== 0) return undefined;
      break;
    }
    if (line.indent === column) {
      close();
      open = { block: startBlock(lines, i, column, blocks.length), lastContent: i };
    } else if (open !== undefined && !line.body.startsWith('#')) {
      open.lastContent = i;
    }
  }
  close();
  if (column === undefined) return { kind: 'missing' };
  if (blocks.some((b) => b.contentStart < 0)) return undefined;
  const first = blocks[0];
  const second = blocks[1];
  const separated =
    first !== undefined &&
    second !== undefined &&
    /\n[ \t]*\n/.test(text.slice(first.itemEnd - 1, second.headStart));
  return { kind: 'block', column, blocks, separated };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const raw = text.slice(start, newline === -1 ? end : newline).replace(/\r$/, '');
    const body = raw.trimStart();
    lines.push({ start, end, indent: raw.length - body.length, body });
    start = end;
  }
  return lines;
}

function startBlock(lines: Line[], at: number, column: number, index: number): Omit<CaseBlock, 'itemEnd'> {
  const line = lines[at] as Line;
  let headStart = line.start;
  for (let j = at - 1; j >= 0; j--) {
    const above = lines[j] as Line;
    if (above.indent !== column || !above.body.startsWith('#')) break;
    headStart = above.start;
  }
  // `- name: x` (content on the dash's line) or `-` alone with the mapping on the next lines.
  const inline = line.body.replace(/^-\s*/, '');
  let contentStart: number;
  let contentColumn: number;
  if (inline !== '' && !inline.startsWith('#')) {
    contentColumn = column + (line.body.length - inline.length);
    contentStart = line.start + contentColumn;
  } else {
    const next = lines.slice(at + 1).find((l) => l.body !== '' && !l.body.startsWith('#'));
    contentColumn = next?.indent ?? -1;
    contentStart = next === undefined ? -1 : next.start + next.indent;
  }
  return {
    index,
    name: nameOf(lines, at, contentColumn, column),
    headStart,
    itemStart: line.start,
    contentStart,
    contentColumn,
  };
}

/** The case's `name:` when written plainly or quoted simply; undefined otherwise (the parser decides). */
function nameOf(lines: Line[], at: number, contentColumn: number, column: number): string | undefined {
  for (let j = at; j < lines.length; j++) {
    const line = lines[j] as Line;
    if (j > at && line.body !== '' && line.indent <= column) break;
    const field = j === at ? line.body.replace(/^-\s*/, '') : line.indent === contentColumn ? line.body : '';
    const match = /^name\s*:\s+(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9][A-Za-z0-9._:-]*))\s*(?:#.*)?$/.exec(
      field,
    );
    if (match) return match[1] ?? match[2] ?? match[3];
  }
  return undefined;
}

/** As case-blocks.ts: the last content line, then comment lines directly below it deeper than the dash. */
function itemEnd(lines: Line[], lastContent: number, column: number): number {
  let end = lastContent;
  while (end + 1 < lines.length) {
    const next = lines[end + 1] as Line;
    if (!next.body.startsWith('#') || next.indent <= column) break;
    end++;
  }
  return (lines[end] as Line).end;
}
