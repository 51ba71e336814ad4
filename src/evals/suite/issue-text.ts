/** zod issues of a suite file, said in the words of the file: field, what was expected, what was found. */
import type { z } from 'zod';
import type { Problem } from '../../core/index.js';
import { valueAt } from '../../core/yaml-config.js';
import { caseInputSchema, caseSchema, labRecipeSchema, suiteSchema } from './schema.js';

/**
 * The fields each mapping of a suite accepts, keyed by its path with list indexes as `*`, so an
 * unknown field is answered with the list of known ones (the usual mistake is a typo).
 */
const KNOWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(suiteSchema.shape),
  defaults: ['repeat', 'assert', 'vars', 'tags'],
  'cases.*': Object.keys(caseSchema.shape),
  'cases.*.input': Object.keys(caseInputSchema.shape),
  'cases.*.input.lab': Object.keys(labRecipeSchema.shape),
  'cases.*.assert.*': ['type', 'value', 'weight', 'threshold'],
  'defaults.assert.*': ['type', 'value', 'weight', 'threshold'],
};

type At = (path: readonly PropertyKey[], message: string) => Problem;

/**
 * One problem per zod issue (one per key for unknown keys), each placed by `at`. `base` is
 * prepended to every issue path; `within` says where in a suite the checked value sits (`cases.*`
 * for a case checked alone), to find the known fields of a mapping.
 */
export function issueProblems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  at: At,
  base: readonly PropertyKey[] = [],
  within = '',
): Problem[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const shape = [within, ...path.map((k) => (typeof k === 'number' ? '*' : String(k)))];
      const known = KNOWN_FIELDS[shape.filter((k) => k !== '').join('.')];
      const list = known === undefined ? '' : ` (known fields: ${known.join(', ')})`;
      return issue.keys.map((key) => at([...path, key], `unknown field${list}`));
    }
    const found = valueAt(root, issue.path);
    return [at(path, describe(issue, found))];
  });
}

function describe(issue: z.core.$ZodIssue, found: unknown): string {
  const got = show(found);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `is required (${issue.expected})`
        : `expected ${issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, got ${got}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${got}`;
    case 'too_small':
      return typeof found === 'string' && Number(issue.minimum) <= 1
        ? 'must not be empty'
        : `must be at least ${String(issue.minimum)}, got ${got}`;
    case 'invalid_union':
      return `${issue.message}, got ${got}`;
    default:
      return issue.message;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a map';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
