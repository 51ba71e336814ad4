/**
 * Where a run's cases come from: a suite folder of bundles with truth.yaml, or the store's
 * confirmed incidents (`--from-store`), which a run records as `store:` and its query, so a
 * resume and every worker rebuild the same source from the run row alone.
 */
import { NightshiftError } from '../core/index.js';
import type { Brain, BrainName } from '../investigate/index.js';
import type { Store } from '../store/index.js';
import { type ConfirmedCaseQuery, type ConfirmedCaseSource, confirmedCaseSource } from './from-store.js';
import { type RanCase, runCase, runLoadedCase, truthOf } from './run-case.js';
import { suiteCaseIds } from './suite.js';

/** A run's suite that names the store's confirmed incidents rather than a folder. */
export const STORE_SUITE_PREFIX = 'store:';

export interface CaseSource {
  /** The case ids to plan, and (from the store) the confirmed incidents that cannot be cases. */
  cases(): Promise<{ caseIds: string[]; skipped: Array<{ id: string; reason: string }> }>;
  runCase(caseId: string, brain: BrainName | Brain): Promise<RanCase>;
}

/** The run's suite for a query: `store:since=…&service=…`, readable in `backtest list`. */
export function storeSuite(query: ConfirmedCaseQuery): string {
  const params = new URLSearchParams();
  if (query.since !== undefined) params.set('since', new Date(query.since).toISOString());
  if (query.service !== undefined) params.set('service', query.service);
  if (query.account !== undefined) params.set('account', query.account);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return `${STORE_SUITE_PREFIX}${params.toString()}`;
}

/** The query of a `store:` suite; throws BAD_INPUT naming the part it cannot read. */
export function storeQueryOf(suite: string): ConfirmedCaseQuery {
  const params = new URLSearchParams(suite.slice(STORE_SUITE_PREFIX.length));
  const query: ConfirmedCaseQuery = {};
  for (const [key, value] of params) {
    if (key === 'since' && Number.isFinite(Date.parse(value))) query.since = Date.parse(value);
    else if (key === 'service') query.service = value;
    else if (key === 'account') query.account = value;
    else if (key === 'limit' && /^[1-9][0-9]*$/.test(value)) query.limit = Number(value);
    else
      throw new NightshiftError('BAD_INPUT', `backtest suite "${suite}": cannot read ${key}=${value}`, {
        hint: 'the run was stored by another version; start a new run with --from-store',
      });
  }
  return query;
}

/** The case source a run's suite names. From the store, the confirmed cases are found once per source. */
export function caseSourceOf(store: Store, suite: string): CaseSource {
  if (!suite.startsWith(STORE_SUITE_PREFIX))
    return {
      cases: async () => ({ caseIds: await suiteCaseIds(suite), skipped: [] }),
      runCase: (caseId, brain) => runCase(suite, caseId, brain),
    };
  const query = storeQueryOf(suite);
  let found: Promise<ConfirmedCaseSource> | undefined;
  // A resume or another worker must find every planned case, also when newer feedback pushed it
  // past --limit: the limit chose the cases when the run was planned.
  const source = (forRun: boolean) => {
    if (!forRun) return confirmedCaseSource(store, query);
    found ??= confirmedCaseSource(store, { ...query, limit: undefined });
    return found;
  };
  return {
    cases: async () => {
      const { caseIds, skipped } = await source(false);
      return { caseIds, skipped };
    },
    runCase: async (caseId, brain) => {
      const confirmed = await source(true);
      if (!confirmed.caseIds.includes(caseId))
        throw new NightshiftError(
          'BAD_INPUT',
          `investigation ${caseId} planned in this run is no longer a confirmed case with evidence${reasonOf(confirmed, caseId)}`,
          {
            hint: 'its feedback or evidence changed since the run was planned; start a new run with --from-store',
          },
        );
      const loaded = confirmed.load(caseId);
      const { truth, changeUnknown } = await loaded.then((c) => ({
        truth: truthOf(c.truth),
        changeUnknown: c.truth.changeUnknown === true,
      }));
      return runLoadedCase(
        caseId,
        truth,
        async () => {
          const c = await loaded;
          return { input: c.input, truth, changeUnknown };
        },
        brain,
      );
    },
  };
}

function reasonOf(source: ConfirmedCaseSource, caseId: string): string {
  const skipped = source.skipped.find((s) => s.id === caseId);
  return skipped === undefined ? '' : `: ${skipped.reason}`;
}
