/**
 * Reads every span in a range. Jaeger searches by service and returns at most `limit` whole
 * traces per search, so each service is searched over the range and a search that comes back full
 * is split into two halves, recursively, until each half comes back under the limit (a window
 * under a second is taken as it is). Traces found through several services are kept once.
 */
import type { Span, TimeRange } from '../../core/index.js';
import type { SearchWindow } from './client.js';
import { keepInRange, traceCount } from './map.js';

export type Search = (window: SearchWindow) => Promise<Span[]>;

/** Below this window a full search is not split further. */
export const MIN_WINDOW_MS = 1000;

export async function readAllSpans(
  search: Search,
  services: readonly string[],
  range: TimeRange,
  limit: number,
): Promise<Span[]> {
  const found: Span[] = [];
  const walk = async (service: string, start: number, end: number): Promise<void> => {
    const spans = await search({ service, start, end, limit });
    if (traceCount(spans) < limit || end - start <= MIN_WINDOW_MS) {
      found.push(...spans);
      return;
    }
    const mid = Math.floor((start + end) / 2);
    await walk(service, start, mid);
    await walk(service, mid, end);
  };
  for (const service of services) await walk(service, range.start, range.end);
  return keepInRange(found, range.start, range.end).sort((a, b) => a.start - b.start);
}
