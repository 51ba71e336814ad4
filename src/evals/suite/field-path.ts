/** `eval get --field assert.0.value`: one value inside a case, by a dot path. */
import { NightshiftError } from '../../core/index.js';
import { closestName } from '../assertions/closest-name.js';

/**
 * The value at `path` (keys and list indexes joined by dots) inside `value`. NOT_FOUND names the
 * first step that is missing and the closest key there, or the list's length.
 */
export function valueAtField(value: unknown, path: string, caseName: string): unknown {
  let at = value;
  const walked: string[] = [];
  for (const step of path.split('.')) {
    const where =
      walked.length === 0 ? `case "${caseName}"` : `field "${walked.join('.')}" of case "${caseName}"`;
    if (Array.isArray(at)) {
      const index = /^\d+$/.test(step) ? Number(step) : Number.NaN;
      if (!(index < at.length)) {
        throw new NightshiftError(
          'NOT_FOUND',
          `${where} is a list of ${at.length}; "${step}" is not an index in it`,
          {
            hint: `Use 0 … ${Math.max(0, at.length - 1)}.`,
          },
        );
      }
      at = at[index];
    } else if (at !== null && typeof at === 'object' && Object.hasOwn(at, step)) {
      at = (at as Record<string, unknown>)[step];
    } else {
      const keys = at !== null && typeof at === 'object' ? Object.keys(at) : [];
      const guess = closestName(step, keys);
      const known = keys.length > 0 ? `it has ${keys.join(', ')}` : 'it has no fields';
      throw new NightshiftError(
        'NOT_FOUND',
        `${where} has no field "${step}"${guess === undefined ? '' : `; did you mean "${guess}"?`} (${known})`,
      );
    }
    walked.push(step);
  }
  return at;
}
