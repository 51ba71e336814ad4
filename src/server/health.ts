/**
 * What `/healthz` says about the sources. A source that times out once is an incident's noise; one
 * that times out in most recent investigations means every brief is going out without it (a hung
 * mount, a backend down, a query that got too slow), and the people who run Nightshift should be
 * told before a responder notices. Decided from the reports in the store, so every server process
 * of a shared PostgreSQL store agrees.
 */

/** How many of the latest finished investigations are looked at. */
export const HEALTH_WINDOW = 5;
/** A source is degraded when it timed out in at least this many of them. */
export const DEGRADED_AFTER = 3;

interface MissingSource {
  source: string;
  reason: string;
}

export interface SourceHealth {
  status: 'ok' | 'degraded';
  /** Sources that kept timing out, with how often, e.g. `logs: timed out in 4 of the last 5 investigations`. */
  problems: string[];
}

/** `reports` are the latest finished investigations' reports, newest first; anything else is skipped. */
export function sourceHealth(reports: readonly unknown[]): SourceHealth {
  const recent = reports.slice(0, HEALTH_WINDOW);
  const timeouts = new Map<string, number>();
  for (const report of recent) {
    for (const missing of missingOf(report)) {
      if (/timed out/i.test(missing.reason))
        timeouts.set(missing.source, (timeouts.get(missing.source) ?? 0) + 1);
    }
  }
  const problems = [...timeouts]
    .filter(([, n]) => n >= DEGRADED_AFTER)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, n]) => `${source}: timed out in ${n} of the last ${recent.length} investigations`);
  return { status: problems.length > 0 ? 'degraded' : 'ok', problems };
}

function missingOf(report: unknown): MissingSource[] {
  const list = (report as { missingSources?: unknown } | undefined)?.missingSources;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (m): m is MissingSource =>
      typeof m === 'object' && m !== null && typeof m.source === 'string' && typeof m.reason === 'string',
  );
}
