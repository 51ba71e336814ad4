/**
 * Turns zod issues into the words of a bundle problem: the field as a dotted path and a message
 * that says what was expected and what was found, e.g.
 * `field "ts": expected RFC 3339 with a zone or epoch milliseconds, got "12/03/2026"`.
 */
import type { z } from 'zod';

/** Field and message of one zod issue, ready for a `Problem`. */
export interface IssueText {
  /** Dotted path such as `alert.startsAt`; undefined when the whole value is wrong. */
  field: string | undefined;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** Describes one issue; `input` is the raw value that was parsed, to show what was found. */
export function describeIssue(issue: Issue, input: unknown): IssueText {
  const field = issue.path.length === 0 ? undefined : issue.path.map(String).join('.');
  const found = valueAt(input, issue.path);
  if (found === undefined && issue.path.length > 0) return { field, message: 'missing (required)' };
  return { field, message: issueMessage(issue, found) };
}

function issueMessage(issue: Issue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${showValue(found)}`;
    case 'invalid_value': {
      // Schemas in core give their own words for enums; zod's default lists quoted values with "|".
      const expected = isZodDefault(issue.message)
        ? `expected one of ${issue.values.map(String).join(', ')}`
        : issue.message;
      return `${expected}, got ${showValue(found)}`;
    }
    default:
      return issue.message;
  }
}

function isZodDefault(message: string): boolean {
  return /^(Invalid|Too|Unrecognized)\b/.test(message);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const MAX_SHOWN_CHARS = 60;

/** A short rendering of a found value: JSON for scalars, a kind for containers. */
export function showValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}
