/**
 * `--since`: the investigations started at or after an instant, found one page at a time so an
 * export of thousands holds a page of ids, never every investigation.
 */
import { NightshiftError, parseDuration, parseTimestamp } from '../core/index.js';
import { loadInvestigation } from '../investigate/index.js';
import type { Store } from '../store/index.js';
import { cliIds, type ExportSources } from './sources.js';

/** Rows read from the store per page; doubled when one page holds a single instant. */
export const SINCE_PAGE_SIZE = 100;

/** `--since 30d` (a duration before `now`) or an RFC 3339 instant or `YYYY-MM-DD` (UTC), in epoch ms. */
export function parseSince(text: string, now: number): number {
  const duration = parseDuration(text);
  if (duration !== undefined) return now - duration;
  const at =
    parseTimestamp(text) ?? (/^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN);
  if (Number.isNaN(at)) {
    throw new NightshiftError('BAD_INPUT', `--since "${text}": not a duration or a date`, {
      hint: 'Give a duration such as 24h or 30d, or an instant such as 2026-03-01 or 2026-03-01T12:00:00Z.',
    });
  }
  return at;
}

/**
 * The ids of investigations since `sinceMs`: the CLI's (by their start), then the store's done
 * ones (by creation, newest first). An id in both is given once.
 */
export async function* idsSince(
  sinceMs: number,
  sources: ExportSources,
  pageSize = SINCE_PAGE_SIZE,
): AsyncGenerator<string> {
  const given = new Set<string>();
  for (const id of await cliIds(sources.home)) {
    const saved = await loadInvestigation(sources.home, id).catch(() => undefined);
    if (!saved || saved.startedAt < sinceMs) continue;
    given.add(id);
    yield id;
  }
  if (!sources.store) return;
  for await (const id of storeIdsSince(sources.store, sinceMs, pageSize)) {
    if (!given.has(id)) yield id;
  }
}

/**
 * Pages through `listInvestigations` newest first. The store pages on `created_at < before`, so
 * rows sharing the boundary instant would be skipped by `before = last.createdAt`; the next page
 * starts just after it instead and the ids already given at that instant are left out.
 */
async function* storeIdsSince(store: Store, sinceMs: number, pageSize: number): AsyncGenerator<string> {
  let before: number | undefined;
  let limit = pageSize;
  let atBoundary = new Set<string>();
  for (;;) {
    const page = await store.listInvestigations({
      limit,
      status: 'done',
      ...(before === undefined ? {} : { before }),
    });
    const fresh = page.filter((row) => !atBoundary.has(row.id));
    for (const row of fresh) {
      if (row.createdAt < sinceMs) return;
      yield row.id;
    }
    if (page.length < limit) return;
    const last = page.at(-1)?.createdAt ?? 0;
    if (fresh.length === 0) {
      limit *= 2;
      continue;
    }
    const boundary = new Set(page.filter((row) => row.createdAt === last).map((row) => row.id));
    atBoundary = before === last + 1 ? new Set([...atBoundary, ...boundary]) : boundary;
    before = last + 1;
  }
}
