/**
 * Reading a suite file (`*.eval.yaml`) with every problem named by file, line and field. The
 * checks are the ones every write of `edit.ts` runs on the text it is about to write, so a file
 * that `loadSuite` accepts is exactly a file the editor may produce.
 */
import { readFile } from 'node:fs/promises';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { formatProblem, NightshiftError, type Problem } from '../../core/index.js';
import { lineOf as lineOfPath } from '../../core/yaml-lines.js';
import { parseAssertionEntry } from '../assertions/apply.js';
import { issueProblems } from './issue-text.js';
import { caseSchema, type SuiteFile, suiteSchema } from './schema.js';

/** A suite file read and validated. */
export interface LoadedSuite {
  file: string;
  text: string;
  suite: SuiteFile;
  /** 1-based line of a field path such as ['cases', 3, 'assert', 0], or undefined. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Enough problems to fix a file in one pass, few enough to read: a generated 5,000-case file with
 * a systematic mistake would otherwise print 5,000 lines.
 */
export const MAX_PROBLEMS = 30;

/** Where the suite format is described, for every "bad suite" message. */
export const SUITE_HINT = 'The suite format is described in docs/evals.md ("Suite files").';

/** The outcome of checking a suite's text: the parsed document and every problem found. */
export interface CheckedSuite {
  doc: Document;
  lineCounter: LineCounter;
  /** Present when there is no problem. */
  suite: SuiteFile | undefined;
  /** The document as data; undefined when the YAML did not parse. */
  raw: unknown;
  problems: Problem[];
}

/**
 * Reads and checks `file`. Throws `NightshiftError('BAD_INPUT')` listing every problem (up to
 * {@link MAX_PROBLEMS}): YAML syntax, every issue of the suite schema, every `assert:` entry the
 * assertion registry refuses, and duplicate case names. The target's own config is not checked
 * here (the runner checks it against the targets registry).
 */
export async function loadSuite(file: string): Promise<LoadedSuite> {
  const text = await readSuiteFile(file);
  const checked = checkSuiteText(file, text);
  const suite = suiteOrThrow(checked);
  const { doc, lineCounter } = checked;
  return { file, text, suite, lineOf: (path) => lineOfPath(doc, path, lineCounter) };
}

/** Reads `file`; throws NOT_FOUND or BAD_INPUT naming it when it cannot be read. */
export async function readSuiteFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NightshiftError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'BAD_INPUT',
      `${file}: cannot read the suite file (${code ?? String(error)})`,
      { hint: 'Pass the path of a *.eval.yaml file.', cause: error },
    );
  }
  return text;
}

/** The suite of a check, or the BAD_INPUT error listing its problems. */
export function suiteOrThrow(checked: CheckedSuite, prefix = ''): SuiteFile {
  if (checked.suite !== undefined && checked.problems.length === 0) return checked.suite;
  throw problemsError(checked.problems, prefix);
}

/** One BAD_INPUT error for a list of problems, bounded to {@link MAX_PROBLEMS} lines. */
export function problemsError(problems: readonly Problem[], prefix = ''): NightshiftError {
  const lines = problems.slice(0, MAX_PROBLEMS).map(formatProblem);
  if (problems.length > MAX_PROBLEMS) lines.push(`… and ${problems.length - MAX_PROBLEMS} more problems`);
  return new NightshiftError('BAD_INPUT', `${prefix}${lines.join('\n')}`, { hint: SUITE_HINT });
}

/** Parses and checks a suite's text; never throws for a bad suite (the problems say what is wrong). */
export function checkSuiteText(file: string, text: string): CheckedSuite {
  const { doc, lineCounter, raw, at, problems } = parseChecked(file, text);
  if (problems.length > 0) return { doc, lineCounter, suite: undefined, raw, problems };
  const parsed = suiteSchema.safeParse(raw ?? {});
  if (!parsed.success) problems.push(...issueProblems(parsed.error.issues, raw, at));
  const root = asRecord(raw);
  const lists: AssertList[] = [{ base: ['defaults', 'assert'], entries: asRecord(root?.defaults)?.assert }];
  if (Array.isArray(root?.cases)) {
    root.cases.forEach((c, i) => {
      lists.push({ base: ['cases', i, 'assert'], entries: asRecord(c)?.assert });
    });
  }
  problems.push(...assertionProblems(file, lists, problems, at), ...duplicateNames(raw, at));
  // In file order, so a reader fixes them top to bottom.
  problems.sort((a, b) => (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY));
  return { doc, lineCounter, suite: problems.length === 0 ? parsed.data : undefined, raw, problems };
}

/**
 * Parses and checks the text of one case alone (a mapping with `name`, as `eval add --from`
 * takes), with the same checks as a case inside a suite; fields are named relative to the case.
 * `defaultName` fills in a missing `name` (replace keeps the name it was given).
 */
export function checkCaseText(file: string, text: string, defaultName?: string): CheckedCase {
  const { raw, at, problems } = parseChecked(file, text);
  if (problems.length > 0) return { value: undefined, problems };
  return checkCase(file, raw, at, defaultName);
}

/** As {@link checkCaseText} for a value that has no text (an API caller's); problems have no line. */
export function checkCaseValue(file: string, value: unknown, defaultName?: string): CheckedCase {
  const at: At = (path, message) => {
    const field = path.map(String).join('.');
    return { file, ...(field ? { field } : {}), message };
  };
  return checkCase(file, value, at, defaultName);
}

/** A case checked alone: the value (with its name filled in) and every problem found. */
export interface CheckedCase {
  value: unknown;
  problems: Problem[];
}

function checkCase(file: string, raw: unknown, at: At, defaultName: string | undefined): CheckedCase {
  const record = asRecord(raw);
  if (record === undefined) {
    return { value: raw, problems: [at([], 'expected one case: a map with name, input, assert, …')] };
  }
  const value =
    record.name === undefined && defaultName !== undefined ? { name: defaultName, ...record } : record;
  const problems: Problem[] = [];
  const parsed = caseSchema.safeParse(value);
  if (!parsed.success) problems.push(...issueProblems(parsed.error.issues, value, at, [], 'cases.*'));
  problems.push(...assertionProblems(file, [{ base: ['assert'], entries: record.assert }], problems, at));
  return { value, problems };
}

type At = (path: readonly PropertyKey[], message: string) => Problem;
/** An `assert:` list of a suite and where it sits. */
type AssertList = { base: (string | number)[]; entries: unknown };

function parseChecked(file: string, text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at: At = (path, message) => {
    const line = lineOfPath(doc, path, lineCounter);
    const field = path.map(String).join('.');
    return { file, ...(line === undefined ? {} : { line }), ...(field ? { field } : {}), message };
  };
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    line: lineCounter.linePos(e.pos[0]).line,
    message: `not valid YAML (${e.message.split('\n')[0]})`,
  }));
  const raw: unknown = problems.length === 0 ? doc.toJS() : undefined;
  return { doc, lineCounter, raw, at, problems };
}

/**
 * Runs `parseAssertionEntry` on every entry the schema accepted the shape of, so an unknown
 * assertion type or a value the assertion refuses is found now and not halfway through a run.
 */
function assertionProblems(
  file: string,
  lists: readonly AssertList[],
  found: readonly Problem[],
  at: At,
): Problem[] {
  const reported = found.map((p) => p.field ?? '');
  const problems: Problem[] = [];
  for (const { base, entries } of lists) {
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, j) => {
      const field = [...base, j].join('.');
      // The schema already said what is wrong with this entry's shape; one message per mistake.
      if (reported.some((f) => f === field || f.startsWith(`${field}.`))) return;
      try {
        parseAssertionEntry(entry, { file, field });
      } catch (error) {
        if (!(error instanceof NightshiftError)) throw error;
        problems.push(entryProblem(file, field, error.message, at));
      }
    });
  }
  return problems;
}

/** Re-places the file/field message of `parseAssertionEntry` at its line. */
function entryProblem(file: string, field: string, message: string, at: At): Problem {
  // parseAssertionEntry formats `<file>: field "<field>[.type|.value]": <message>`.
  const rest = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
  const match = /^field "([^"]+)": ([\s\S]*)$/.exec(rest);
  const exact = match?.[1] ?? field;
  const path = exact.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  return at(path, match?.[2] ?? rest);
}

/** Case names are what the CLI edits by: two cases with one name would make an edit ambiguous. */
function duplicateNames(raw: unknown, at: At): Problem[] {
  const cases = asRecord(raw)?.cases;
  if (!Array.isArray(cases)) return [];
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  cases.forEach((c, i) => {
    const name = asRecord(c)?.name;
    if (typeof name !== 'string') return;
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, i);
      return;
    }
    const earlierLine = at(['cases', earlier, 'name'], '').line;
    const where = earlierLine === undefined ? `case #${earlier + 1}` : `line ${earlierLine}`;
    problems.push(
      at(
        ['cases', i, 'name'],
        `case name "${name}" is already used at ${where}; give each case its own name`,
      ),
    );
  });
  return problems;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
