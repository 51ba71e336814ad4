/**
 * Reads a section of a YAML config file (nightshift.yaml) through a zod schema. Every problem names
 * the file, the line and the field, and all problems are reported at once so one edit fixes them
 * all. `${VAR}` in a string is replaced by the environment variable (`${VAR:-default}` when it may
 * be unset, `$${` for a literal `${`), so secrets stay out of the file. Values that came from the
 * environment, and values of secret-looking keys, are never repeated in a message.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatProblem, NightshiftError, type Problem } from './errors.js';
import { lineOf } from './yaml-lines.js';

export type EnvVars = Readonly<Record<string, string | undefined>>;

export interface SectionOptions<S extends z.ZodType> {
  /** The top-level key read, e.g. `llm`; undefined reads the whole file. */
  section?: string;
  schema: S;
  /** What the section accepts, shown under the problems. */
  hint: string;
  /** Variables for `${VAR}`; without it, `${...}` stays as written. */
  env?: EnvVars;
}

/** Keys whose values are secrets whatever their source. */
const SECRET_KEY = /token|secret|password|apikey|api_key|webhookurl|authorization|bearer|credentials/i;

/** The validated section, or `undefined` when the file does not have it. Throws BAD_INPUT with every problem. */
export function readYamlSection<S extends z.ZodType>(
  file: string,
  text: string,
  options: SectionOptions<S>,
): z.infer<S> | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const fail = (problems: Problem[]): never => {
    throw new NightshiftError('BAD_INPUT', problems.map(formatProblem).join('\n'), { hint: options.hint });
  };
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
  if (root === null || root === undefined) return undefined;
  if (typeof root !== 'object' || Array.isArray(root)) {
    fail([{ file, line: 1, message: 'expected a map of settings at the top level' }]);
  }
  const base = options.section === undefined ? [] : [options.section];
  const raw = options.section === undefined ? root : (root as Record<string, unknown>)[options.section];
  // A key with nothing under it is an empty section, not an error.
  if (raw === undefined || raw === null) return undefined;

  const at = (path: readonly PropertyKey[], message: string): Problem => {
    const line = lineOf(doc, [...base, ...path], lineCounter);
    const field = [...base, ...path].map(String).join('.');
    return { file, ...(line === undefined ? {} : { line }), ...(field ? { field } : {}), message };
  };
  const fromEnv = new Map<string, string[]>();
  const unset: Problem[] = [];
  const unsetPaths = new Set<string>();
  const section = options.env
    ? interpolate(raw, [], options.env, (path, names, missing) => {
        fromEnv.set(path.join('\u0000'), names);
        if (missing.length > 0) unsetPaths.add(path.join('\u0000'));
        for (const name of missing) {
          unset.push(
            at(path, `environment variable ${name} is not set (write \${${name}:-default} to allow that)`),
          );
        }
      })
    : raw;
  const parsed = options.schema.safeParse(section);
  if (parsed.success && unset.length === 0) return parsed.data;
  // Every problem at once; a field whose variable is unset is reported for that alone.
  const issues = (parsed.success ? [] : parsed.error.issues).filter(
    (issue) => !unsetPaths.has(issue.path.map(String).join('\u0000')),
  );
  fail([
    ...unset,
    ...issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const parent = [...base, ...issue.path].map(String).join('.');
        const message = parent
          ? `not a setting of ${parent}: (see the hint)`
          : 'not a known setting (see the hint)';
        return issue.keys.map((key) => at([...issue.path, key], message));
      }
      const names = fromEnv.get(issue.path.map(String).join('\u0000'));
      const found = names
        ? `the value of \${${names.join('}, ${')}}`
        : issue.path.some((key) => SECRET_KEY.test(String(key)))
          ? 'a value (not shown: it is a secret)'
          : showValue(valueAt(section, issue.path));
      return [at(issue.path, describeIssue(issue, found, valueAt(section, issue.path)))];
    }),
  ]);
}

const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces `${VAR}` in every string of a parsed YAML value, reporting which paths used which variables. */
export function interpolate(
  value: unknown,
  path: PropertyKey[],
  env: EnvVars,
  report: (path: PropertyKey[], names: string[], missing: string[]) => void,
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const names: string[] = [];
    const missing: string[] = [];
    const out = value.replace(VARIABLE, (whole, name: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '${'; // $${ is a literal ${
      names.push(name);
      const set = env[name];
      if (set !== undefined && set !== '') return set;
      if (fallback !== undefined) return fallback;
      missing.push(name);
      return whole;
    });
    if (names.length > 0) report(path, names, missing);
    return out;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, [...path, i], env, report));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, [...path, k], env, report)]),
    );
  }
  return value;
}

/**
 * Says what was expected and what was found, in the words of the file rather than of zod; `got`
 * is how to show the value found (`showValue`, or a stand-in for a secret).
 */
export function describeIssue(issue: z.core.$ZodIssue, got: string, found: unknown): string {
  if (issue.path.length === 0 && issue.code === 'invalid_type')
    return `expected a map of settings, got ${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `is required (${issue.expected})`
        : `expected ${issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, got ${got}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? `expected an http:// or https:// URL, got ${got}`
        : `${issue.message}, got ${got}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${got}`;
    case 'too_small':
      if (typeof found !== 'string') return `must be at least ${String(issue.minimum)}, got ${got}`;
      return Number(issue.minimum) <= 1 ? 'must not be empty' : issue.message;
    default:
      return `${issue.message}, got ${got}`;
  }
}

/** The value at `path` inside parsed YAML or JSON, or undefined where the path leaves it. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A value found in a file, in a few words: a list, a map, or the value itself cut to 60 characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a map';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
