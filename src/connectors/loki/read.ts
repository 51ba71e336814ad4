/**
 * Reads every log entry in a range by paging forward. Loki answers at most `limit` entries per
 * query, oldest first with direction=forward; the next page starts at the last page's newest
 * timestamp (inclusive, since entries at that instant may have been cut), and entries already
 * seen at that instant are dropped. This is how logcli pages.
 */
import type { TimeRange } from '../../core/index.js';
import type { QueryRangeParams } from './client.js';
import { compareNs, entryKey, flattenStreams, msToNs, type PageEntry } from './map.js';
import type { LokiQueryResponse } from './wire.js';

export type FetchPage = (params: QueryRangeParams) => Promise<LokiQueryResponse>;

export interface PageOptions {
  query: string;
  limit: number;
  maxRecords: number;
}

/** Every entry in [range.start, range.end), oldest first, without duplicates. */
export async function readAllEntries(
  fetchPage: FetchPage,
  range: TimeRange,
  options: PageOptions,
): Promise<PageEntry[]> {
  const out: PageEntry[] = [];
  const endNs = msToNs(range.end);
  let startNs = msToNs(range.start);
  // How often each entry at the last page's newest instant was seen: the next page, starting at
  // that instant, returns them again. Counted, not a set: a server may hold identical entries.
  let seenAtStart = new Map<string, number>();
  while (compareNs(startNs, endNs) < 0 && out.length < options.maxRecords) {
    const page = flattenStreams(
      (await fetchPage({ query: options.query, startNs, endNs, limit: options.limit })).data.result,
    );
    for (const e of page) {
      if (e.entry[0] === startNs) {
        const key = entryKey(e.stream, e.entry);
        const seen = seenAtStart.get(key) ?? 0;
        if (seen > 0) {
          seenAtStart.set(key, seen - 1);
          continue;
        }
      }
      out.push(e);
    }
    const lastNs = page[page.length - 1]?.entry[0];
    if (page.length < options.limit || lastNs === undefined) break;
    seenAtStart = new Map();
    for (const e of page) {
      if (e.entry[0] !== lastNs) continue;
      const key = entryKey(e.stream, e.entry);
      seenAtStart.set(key, (seenAtStart.get(key) ?? 0) + 1);
    }
    // A full page at one instant cannot move the start: go past that instant (Loki cannot page
    // within it; what did not fit is lost, as with logcli).
    startNs = lastNs === startNs ? (BigInt(lastNs) + 1n).toString() : lastNs;
  }
  return out.slice(0, options.maxRecords);
}
