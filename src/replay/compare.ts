/**
 * Whether a replay reproduced the original report, and where not: the report's fields that differ,
 * compared as they are stored (JSON), so an absent optional field and a stored one agree.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Report } from '../core/index.js';

/** The top-level report fields whose values differ (`rootCause`, `evidence`, …); empty when equal. */
export function reportDifferences(original: Report, replayed: Report): string[] {
  const a = asStored(original) as Record<string, unknown>;
  const b = asStored(replayed) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.filter((f) => !isDeepStrictEqual(a[f], b[f]));
}

function asStored(report: Report): unknown {
  return JSON.parse(JSON.stringify(report));
}
