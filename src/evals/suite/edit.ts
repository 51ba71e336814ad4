/**
 * Editing one case of a suite file: add, replace, delete. Every byte outside the edited case
 * stays as it was (comments, order, quoting, blank lines, the other cases' formatting): the case's
 * source range is taken from the parsed document and only that text is spliced, the new case
 * written by the yaml library at the list's column (see case-blocks.ts for which lines belong to
 * a case). The whole resulting text then goes through `loadSuite`'s checks, and is written to a
 * temporary sibling that is renamed over the file, so on any error the file is untouched.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document } from 'yaml';
import { writeFileAtomic } from '../../bundle/index.js';
import { NightshiftError, type Problem } from '../../core/index.js';
import type { CaseBlock } from './case-blocks.js';
import { caseItemText } from './case-text.js';
import { checkCaseValue, checkSuiteText, problemsError, readSuiteFile } from './load.js';
import { blocksOf, findCase, locateFast, type ParsedSuite, parseSuiteText } from './read-cases.js';

/** Where `addCase` puts the new case; neither: at the end of the list. */
export interface CasePlace {
  before?: string;
  after?: string;
}

/** The edit to write: the new text, and what its cases must be, to catch a splice gone wrong. */
interface Splice {
  text: string;
  names: string[];
  changed?: { index: number; value: unknown };
}

/**
 * Adds `caseValue` (a case: a mapping with `name`) before or after the named case, or at the end.
 * ALREADY_EXISTS when a case has that name; NOT_FOUND (with the closest name) for a missing anchor.
 */
export async function addCase(file: string, caseValue: unknown, where: CasePlace = {}): Promise<void> {
  if (where.before !== undefined && where.after !== undefined) {
    throw new NightshiftError('BAD_INPUT', 'give either before or after, not both');
  }
  const value = checkedCase(caseValue);
  await rewrite(file, (parsed) => {
    const blocks = blocksOf(parsed);
    const names = blocks.map((b) => b.name ?? '');
    if (names.includes(value.name)) {
      throw new NightshiftError('ALREADY_EXISTS', `${file}: a case named "${value.name}" exists already`, {
        hint: 'Use `nightshift eval replace` to change it, or give the new case another name.',
      });
    }
    const anchorName = where.before ?? where.after;
    const anchor = anchorName === undefined ? undefined : findCase(parsed, anchorName);
    const index = anchor === undefined ? blocks.length : anchor.index + (where.before !== undefined ? 0 : 1);
    names.splice(index, 0, value.name);
    return {
      text: insertText(parsed, value, anchor, where.before !== undefined),
      names,
      changed: { index, value },
    };
  });
}

/**
 * Replaces the case named `name` by `caseValue`, keeping its place and its head comment. A value
 * without `name` keeps the old name; one with another name renames the case.
 */
export async function replaceCase(file: string, name: string, caseValue: unknown): Promise<void> {
  const value = checkedCase(caseValue, name);
  await rewrite(file, (parsed) => {
    const block = findCase(parsed, name);
    const list = parsed.list.kind === 'block' ? parsed.list : undefined;
    const item = caseItemText(value, list?.column ?? 0);
    const names = blocksOf(parsed).map((b) => b.name ?? '');
    names[block.index] = value.name;
    const { text } = parsed;
    return {
      text: text.slice(0, block.itemStart) + item + text.slice(block.itemEnd),
      names,
      changed: { index: block.index, value },
    };
  });
}

/** Deletes the case named `name` with its head comment and the blank line that separated it. */
export async function deleteCase(file: string, name: string): Promise<void> {
  await rewrite(file, (parsed) => {
    const block = findCase(parsed, name);
    const blocks = blocksOf(parsed);
    const names = blocks.map((b) => b.name ?? '').filter((_, i) => i !== block.index);
    const { start, end } = deletedRange(
      parsed.text,
      block,
      block.index === 0,
      block.index === blocks.length - 1,
    );
    return { text: parsed.text.slice(0, start) + parsed.text.slice(end), names };
  });
}

function checkedCase(caseValue: unknown, defaultName?: string): { name: string } & Record<string, unknown> {
  const checked = checkCaseValue('the new case', caseValue, defaultName);
  if (checked.problems.length > 0) throw problemsError(checked.problems);
  return checked.value as { name: string } & Record<string, unknown>;
}

function insertText(
  parsed: ParsedSuite,
  value: unknown,
  anchor: CaseBlock | undefined,
  before: boolean,
): string {
  const { text, list } = parsed;
  if (list.kind === 'missing') {
    const gap = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${gap}cases:\n${caseItemText(value, 2)}`;
  }
  if (list.kind === 'empty') {
    // `cases: []  # later` becomes `cases:  # later` followed by the list.
    const rest = text.slice(list.valueEnd, list.lineEnd).replace(/\r?\n$/, '');
    const item = caseItemText(value, list.keyColumn + 2);
    return `${text.slice(0, list.keyEnd)}:${rest}\n${item}${text.slice(list.lineEnd)}`;
  }
  const item = caseItemText(value, list.column);
  const gap = list.separated ? '\n' : '';
  if (anchor !== undefined && before) {
    return text.slice(0, anchor.headStart) + item + gap + text.slice(anchor.headStart);
  }
  const after = anchor ?? list.blocks[list.blocks.length - 1];
  const at = after?.itemEnd ?? text.length;
  const newline = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return text.slice(0, at) + newline + gap + item + text.slice(at);
}

/**
 * The case's lines and its head comment, plus the blank lines that set it apart: those after it
 * when blank lines (or the list's start) are before it too, else those before it when it is last.
 */
function deletedRange(text: string, block: CaseBlock, first: boolean, last: boolean) {
  let start = block.headStart;
  let end = block.itemEnd;
  const blankAfter = /^(?:[ \t]*\r?\n)+/.exec(text.slice(end))?.[0].length ?? 0;
  const blankBefore = blankRunStart(text, start);
  if (blankAfter > 0 && (blankBefore < start || first)) end += blankAfter;
  else if (blankAfter === 0 && last) start = blankBefore;
  return { start, end };
}

/** Where the run of blank lines right above the line starting at `start` begins. */
function blankRunStart(text: string, start: number): number {
  let at = start;
  while (at > 0) {
    const previous = text.lastIndexOf('\n', at - 2) + 1;
    if (text.slice(previous, at).trim() !== '') break;
    at = previous;
  }
  return at;
}

/**
 * Reads the suite, lets `edit` splice it, checks the result (the whole suite, then that the cases
 * are exactly the expected ones) and writes it atomically. The cases are first located by the
 * fast scanner; if its splice does not come out as intended, the parser's ranges are used.
 * Any throw leaves the file as it was.
 */
async function rewrite(file: string, edit: (parsed: ParsedSuite) => Splice): Promise<void> {
  const text = await readSuiteFile(file);
  const fast = locateFast(file, text);
  let splice = edit(fast);
  let outcome = checkSplice(file, splice);
  // A scanner splice that went wrong may look like a bad suite or like other cases: redo it exactly.
  if (outcome !== 'ok' && fast.doc === undefined) {
    splice = edit(parseSuiteText(file, text));
    outcome = checkSplice(file, splice);
  }
  if (outcome === 'mismatch') {
    throw new NightshiftError(
      'INTERNAL',
      `${file} was not changed: the edit did not produce the expected cases`,
      {
        hint: 'This is a bug in `nightshift eval`; please report it with the suite file.',
      },
    );
  }
  if (outcome !== 'ok') {
    throw problemsError(outcome, `${file} was not changed: after this edit the suite would not be valid:\n`);
  }
  await writeFileAtomic(file, splice.text);
}

/** 'ok'; the problems when the new text is not a valid suite; 'mismatch' when its cases are not the intended ones. */
function checkSplice(file: string, splice: Splice): 'ok' | 'mismatch' | Problem[] {
  const checked = checkSuiteText(file, splice.text);
  if (checked.suite === undefined || checked.problems.length > 0) return checked.problems;
  const cases = (checked.raw as { cases?: unknown[] } | null)?.cases ?? [];
  const names = cases.map((c) => (c as { name?: unknown }).name);
  const expected = splice.changed && new Document(splice.changed.value).toJS();
  const same =
    isDeepStrictEqual(names, splice.names) &&
    (splice.changed === undefined || isDeepStrictEqual(cases[splice.changed.index], expected));
  return same ? 'ok' : 'mismatch';
}
