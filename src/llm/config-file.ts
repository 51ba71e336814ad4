/**
 * Reads the `llm:` section of nightshift.yaml. Other sections belong to other capabilities and are
 * left alone. Every problem names the file, the line and the field, because a user fixing a config
 * file needs to know where to look; all problems are reported at once so one edit can fix them all.
 */
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatProblem, NightshiftError, type Problem } from '../core/index.js';
import { type LlmFileSection, llmFileSchema, PROVIDERS } from './schema.js';

const SECTION = 'llm';

const HINT =
  `llm: in nightshift.yaml accepts provider (${PROVIDERS.join(', ')}), fastModel, strongModel, ` +
  'baseUrl, apiKey, timeoutMs (1000 to 600000) and maxSteps (1 to 50).';

/** The validated `llm:` section; `{}` when the file has none. Throws a BAD_INPUT error listing problems. */
export function readLlmSection(file: string, text: string): LlmFileSection {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        message: `not valid YAML (${e.message.split('\n')[0]})`,
      })),
    );
  }
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return {};
  if (typeof root !== 'object' || Array.isArray(root)) {
    fail([{ file, line: 1, message: 'expected a map of settings (such as llm:) at the top level' }]);
  }
  const section = (root as Record<string, unknown>)[SECTION];
  // `llm:` with nothing under it is an empty section, not an error.
  if (section === undefined || section === null) return {};
  const parsed = llmFileSchema.safeParse(section);
  if (parsed.success) return parsed.data;
  fail(parsed.error.issues.flatMap((issue) => problemsOf(issue, section, file, doc, lineCounter)));
}

function fail(problems: Problem[]): never {
  throw new NightshiftError('BAD_INPUT', problems.map(formatProblem).join('\n'), { hint: HINT });
}

function problemsOf(
  issue: z.core.$ZodIssue,
  section: unknown,
  file: string,
  doc: Document,
  lineCounter: LineCounter,
): Problem[] {
  const at = (path: readonly PropertyKey[], message: string): Problem => {
    const line = lineOf(doc, [SECTION, ...path], lineCounter);
    return {
      file,
      ...(line === undefined ? {} : { line }),
      field: [SECTION, ...path].map(String).join('.'),
      message,
    };
  };
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at([...issue.path, key], 'not a setting of llm: (see the hint)'));
  }
  return [at(issue.path, describe(issue, valueAt(section, issue.path)))];
}

/** Says what was expected and what was found, in the words of the file rather than of zod. */
function describe(issue: z.core.$ZodIssue, found: unknown): string {
  const got = `got ${show(found)}`;
  if (issue.path.length === 0 && issue.code === 'invalid_type') return `expected a map of settings, ${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, ${got}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? `expected an http:// or https:// URL, ${got}`
        : `${issue.message}, ${got}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, ${got}`;
    case 'too_small':
      return typeof found === 'string'
        ? 'must not be empty'
        : `must be at least ${String(issue.minimum)}, ${got}`;
    default:
      return `${issue.message}, ${got}`;
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a map';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The line of the key at `path`, or of the deepest key that exists when the path leaves the file. */
function lineOf(doc: Document, path: readonly PropertyKey[], lineCounter: LineCounter): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find(
      (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key),
    );
    if (!pair || !isNode(pair.key) || !pair.key.range) break;
    line = lineCounter.linePos(pair.key.range[0]).line;
    node = pair.value;
  }
  return line;
}
