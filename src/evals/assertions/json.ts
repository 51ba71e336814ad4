/** Assertions over the output as JSON: that it is JSON, that it fits a schema, one field's value. */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { defineAssertion, quote, verdict } from './assertion.js';
import { outputJson } from './read-output.js';

/** Schema problems past this many are counted, not listed: the first ones are what to fix first. */
const MAX_LISTED_ISSUES = 3;

export const isJsonAssertion = defineAssertion({
  description: 'The output is JSON: structured output, or text that parses as JSON. Takes no value.',
  value: z.undefined(),
  check(output) {
    const read = outputJson(output);
    return read.ok
      ? verdict(true, `expected JSON, found ${quote(read.json)}`)
      : verdict(false, `expected JSON, but ${read.why}`);
  },
});

/**
 * The JSON Schema is converted to a zod schema once, when the suite is parsed, with zod's own
 * `fromJSONSchema` (drafts 4, 7 and 2020-12), so a schema zod cannot read is refused up front.
 */
export const jsonSchemaAssertion = defineAssertion({
  description: 'The JSON output validates against a JSON Schema (the value is the schema).',
  value: z.record(z.string(), z.unknown()).transform((schema, ctx) => {
    try {
      return z.fromJSONSchema(schema);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a JSON Schema zod can read: ${(error as Error).message}`,
      });
      return z.NEVER;
    }
  }),
  check(output, schema) {
    const read = outputJson(output);
    if (!read.ok) return verdict(false, `expected JSON matching the schema, but ${read.why}`);
    const parsed = schema.safeParse(read.json);
    if (parsed.success) return verdict(true, 'expected JSON matching the schema, and it matches');
    const issues = parsed.error.issues;
    const listed = issues
      .slice(0, MAX_LISTED_ISSUES)
      .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`);
    if (issues.length > MAX_LISTED_ISSUES) listed.push(`${issues.length - MAX_LISTED_ISSUES} more`);
    return verdict(false, `expected JSON matching the schema, found ${listed.join('; ')}`);
  },
});

const COMPARISONS = ['equals', 'contains', 'gt', 'lt', 'exists'] as const;

const fieldValueSchema = z
  .object({
    /** Dotted path into the JSON; array items by index, as `evidence.0.id`. */
    path: z.string().min(1),
    equals: z.unknown().optional(),
    contains: z.unknown().optional(),
    gt: z.number().optional(),
    lt: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((v) => COMPARISONS.filter((c) => v[c] !== undefined).length === 1, {
    message: `give exactly one of ${COMPARISONS.join(', ')}`,
  });
type FieldValue = z.output<typeof fieldValueSchema>;

type Lookup = { found: true; value: unknown } | { found: false };

function lookup(json: unknown, path: string): Lookup {
  let at: unknown = json;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return { found: false };
    at = (at as Record<string, unknown>)[key];
  }
  return { found: true, value: at };
}

/** A string contains a substring; an array contains an item deeply equal to the value. */
function containsValue(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string' && typeof needle === 'string') return haystack.includes(needle);
  return Array.isArray(haystack) && haystack.some((item) => isDeepStrictEqual(item, needle));
}

function compare(field: Lookup, v: FieldValue): { pass: boolean; expected: string } {
  const value = field.found ? field.value : undefined;
  if (v.exists !== undefined)
    return { pass: field.found === v.exists, expected: v.exists ? 'to exist' : 'to be absent' };
  if (v.gt !== undefined) return { pass: typeof value === 'number' && value > v.gt, expected: `> ${v.gt}` };
  if (v.lt !== undefined) return { pass: typeof value === 'number' && value < v.lt, expected: `< ${v.lt}` };
  if (v.contains !== undefined)
    return {
      pass: field.found && containsValue(value, v.contains),
      expected: `to contain ${quote(v.contains)}`,
    };
  return { pass: field.found && isDeepStrictEqual(value, v.equals), expected: `to equal ${quote(v.equals)}` };
}

export const fieldAssertion = defineAssertion({
  description:
    'One field of the JSON output, by dotted path, compared with exactly one of equals, contains, gt, lt, exists.',
  value: fieldValueSchema,
  check(output, v) {
    const read = outputJson(output);
    if (!read.ok) return verdict(false, `expected field ${v.path}, but ${read.why}`);
    const field = lookup(read.json, v.path);
    const { pass, expected } = compare(field, v);
    const found = field.found ? quote(field.value) : 'no such field';
    return verdict(pass, `expected ${v.path} ${expected}, found ${found}`);
  },
});
