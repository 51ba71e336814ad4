/**
 * Nezha's readable `Time` column is Go's `time.Time.String()`:
 * `2022-08-22 03:51:19.799087274 +0000 UTC m=+0.305041286` — date, time with up to nine fractional
 * digits, a numeric zone, the zone's abbreviation, and the process's monotonic clock reading
 * (`m=±…`), which says nothing about the wall clock and is ignored. The importer aligns every file
 * on this column because the integer `TimeStamp` column beside it is corrupted in some files
 * (adservice on 2022-08-22 is 200,000,000 s ahead, in the year 2028).
 */

const GO_TIME =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ([+-])(\d{2})(\d{2})(?: [A-Za-z][A-Za-z0-9+-]*)?(?: m=[+-]\d+(?:\.\d+)?)?$/;

/** What `parseGoTime` accepts, for error messages. */
export const GO_TIME_EXPECTATION =
  'expected a Go time such as "2022-08-22 03:51:19.799087274 +0000 UTC m=+0.305041286"';

/**
 * Epoch milliseconds of a Go `time.Time.String()` text, or undefined when it is not one or names
 * an impossible date. Fractions below a millisecond are dropped (truncated, as Go's own
 * `UnixMilli` does), so every instant stays an integer number of milliseconds.
 */
export function parseGoTime(text: string): number | undefined {
  const m = GO_TIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const sign = m[8] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(m[9]) * 60 + Number(m[10]));
  if (
    month < 1 ||
    month > 12 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Math.abs(offsetMinutes) > 14 * 60
  ) {
    return undefined;
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 June over into 1 July; a changed day means the date does not exist.
  if (new Date(local).getUTCDate() !== day) return undefined;
  return local - offsetMinutes * 60_000;
}
