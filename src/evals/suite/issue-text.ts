/** zod issues of a suite file, said in the words of the file: field, what was expected, what was found. */
import type { z } from 'zod';
import type { Problem } from '../../core/index.js';
import { describeIssue, showValue, valueAt } from '../../core/yaml-config.js';
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
    return [at(path, describeIssue(issue, showValue(found), found))];
  });
}
