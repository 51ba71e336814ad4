/**
 * Where each case of a suite sits in the file's text, from the parsed document's source tokens,
 * so an edit can splice one case and leave every other byte as it was.
 *
 * Which lines belong to a case (the choice every edit follows):
 * - its item: from the start of the line of its `-` to the end of its last line of content,
 *   with any comment on that line and the comment lines right below it indented deeper than the
 *   `-` (they sit inside the case);
 * - its head comment: the comment lines right above the `-` at the `-`'s own column, with no
 *   blank line between. It describes the case: `replace` keeps it, `delete` removes it, and
 *   `add --before` inserts above it so it stays with its case. A comment at another column (a
 *   section heading at column 0) or after a blank line belongs to the file, not to the case.
 */
import { type Document, isMap, isScalar, isSeq, type Pair } from 'yaml';
import { NightshiftError } from '../../core/index.js';

/** One case's place in the text (offsets into the text; ends exclusive). */
export interface CaseBlock {
  index: number;
  /** The case's name as written, or undefined when it has none (a broken file). */
  name: string | undefined;
  /** Start of the head comment's first line, or `itemStart` when there is none. */
  headStart: number;
  /** Start of the line of the `-`. */
  itemStart: number;
  /** Where the case's mapping starts (after `- `). */
  contentStart: number;
  /** Column of the case's mapping: every line of the case is indented at least this much. */
  contentColumn: number;
  /** Just after the newline that ends the case's last line (or the end of the text). */
  itemEnd: number;
}

/** The `cases:` list of a suite, as the editor sees it. */
export type CasesList =
  | { kind: 'block'; column: number; blocks: CaseBlock[]; separated: boolean }
  /**
   * `cases:` with nothing (or `[]`, `~`) after it. `keyEnd..valueEnd` (`: []`) is what an add
   * overwrites; the rest of that line (a comment) stays on the key's line.
   */
  | { kind: 'empty'; keyColumn: number; keyEnd: number; valueEnd: number; lineEnd: number }
  /** No `cases:` key at all. */
  | { kind: 'missing' };

/** Locates the cases of a parsed suite (one whose YAML parsed without errors). */
export function locateCases(doc: Document, text: string, file: string): CasesList {
  const root = doc.contents;
  if (!isMap(root)) {
    throw new NightshiftError('BAD_INPUT', `${file}: expected a map (target, cases, …) at the top level`);
  }
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'cases') as
    | Pair<unknown, unknown>
    | undefined;
  if (pair === undefined) return { kind: 'missing' };
  const value = pair.value;
  const key = pair.key as { range?: [number, number, number] };
  const keyEnd = key.range?.[1] ?? 0;
  if (
    value === null ||
    (isScalar(value) && value.value === null) ||
    (isSeq(value) && value.items.length === 0)
  ) {
    const valueEnd = Math.max(
      (value as { range?: [number, number, number] } | null)?.range?.[1] ?? keyEnd,
      keyEnd,
    );
    return {
      kind: 'empty',
      keyColumn: columnOf(text, key.range?.[0] ?? 0),
      keyEnd,
      valueEnd,
      lineEnd: lineEndAfter(text, valueEnd),
    };
  }
  if (!isSeq(value) || value.flow || value.srcToken?.type !== 'block-seq') {
    throw new NightshiftError(
      'BAD_INPUT',
      `${file}: field "cases" must be a block list (one "- name: …" per case) to be edited by the CLI`,
      { hint: 'Rewrite `cases: [ … ]` as a list with one "- " item per case.' },
    );
  }
  const tokens = value.srcToken.items;
  const blocks = value.items.map((node, index): CaseBlock => {
    const dash = tokens[index]?.start.find((t) => t.type === 'seq-item-ind');
    const range = (node as { range?: [number, number, number] }).range;
    if (dash === undefined || range === undefined) {
      throw new NightshiftError('INTERNAL', `${file}: cannot find case #${index + 1} in the text`);
    }
    const name = isMap(node) ? node.get('name') : undefined;
    const itemStart = lineStart(text, dash.offset);
    const dashColumn = dash.offset - itemStart;
    return {
      index,
      name: typeof name === 'string' ? name : name === undefined ? undefined : String(name),
      headStart: headCommentStart(text, itemStart, dashColumn),
      itemStart,
      contentStart: range[0],
      contentColumn: columnOf(text, range[0]),
      itemEnd: itemEnd(text, range[1], dashColumn),
    };
  });
  const first = blocks[0];
  const second = blocks[1];
  return {
    kind: 'block',
    column: first === undefined ? 0 : dashColumnOf(text, first),
    blocks,
    // Cases separated by blank lines stay separated: an added case gets a blank line too.
    separated:
      first !== undefined &&
      second !== undefined &&
      /\n[ \t]*\n/.test(text.slice(first.itemEnd - 1, second.headStart)),
  };
}

function dashColumnOf(text: string, block: CaseBlock): number {
  let i = block.itemStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - block.itemStart;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Just past the newline ending the line that holds `offset` (or the text's end). */
function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The lines of text as [start, end) pairs going up from the line before `offset`. */
function previousLine(text: string, start: number): { start: number; line: string } | undefined {
  if (start === 0) return undefined;
  const prevStart = lineStart(text, start - 1);
  return { start: prevStart, line: text.slice(prevStart, start - 1) };
}

function headCommentStart(text: string, itemStart: number, dashColumn: number): number {
  let start = itemStart;
  for (let prev = previousLine(text, start); prev !== undefined; prev = previousLine(text, start)) {
    const indent = prev.line.length - prev.line.trimStart().length;
    if (indent !== dashColumn || !prev.line.trimStart().startsWith('#')) break;
    start = prev.start;
  }
  return start;
}

/**
 * The end of a case: the line of its last content (the yaml node's value end may stop short of a
 * trailing comment on that line, or run into the blank lines after it), then the comment lines
 * directly below that are indented deeper than the `-`.
 */
function itemEnd(text: string, valueEnd: number, dashColumn: number): number {
  let last = valueEnd - 1;
  while (last >= 0 && /\s/.test(text[last] ?? '')) last--;
  let end = lineEndAfter(text, Math.max(last, 0));
  while (end < text.length) {
    const next = lineEndAfter(text, end);
    const line = text.slice(end, next).replace(/\r?\n$/, '');
    const trimmed = line.trimStart();
    if (!trimmed.startsWith('#') || line.length - trimmed.length <= dashColumn) break;
    end = next;
  }
  return end;
}
