/**
 * A backtest as a source of accuracy users can quote: each scored case becomes a confirmed case
 * (its truth is the bundle's known root cause, or the root cause a responder confirmed for a case
 * from the store), so `nightshift accuracy --backtest <run>` and `GET /api/accuracy?backtest=`
 * give the same sentences, splits and intervals as feedback does, plus the causing change, which
 * only a backtest's truth can say.
 */
import {
  type AccuracyReport,
  type AccuracySplit,
  accuracyReport,
  type ConfirmedCase,
  type SkippedCase,
} from '../accuracy/index.js';
import { NightshiftError } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { BacktestCase } from './case.js';
import { NO_LABEL } from './labels.js';
import { loadBacktest } from './stored.js';

/** A case's label, or undefined where the case had none (filed under NO_LABEL when run). */
function label(c: BacktestCase, key: 'account' | 'environment'): string | undefined {
  const value = c.labels[key];
  return value === undefined || value === NO_LABEL ? undefined : value;
}

/**
 * The confirmed cases of a backtest's scored cases. A case whose investigation failed has no
 * answer to count and is skipped (`no report`), as a graded investigation without a report is.
 * `services` gives each case's alert service (the `--by service` split); the truth's root-cause
 * service stands in where it is not known.
 */
export function confirmedCasesOf(
  cases: readonly BacktestCase[],
  finishedAt: ReadonlyMap<string, number>,
  services: ReadonlyMap<string, string> = new Map(),
): { cases: ConfirmedCase[]; skipped: SkippedCase[] } {
  const confirmed: ConfirmedCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const c of cases) {
    const createdAt = finishedAt.get(c.id) ?? 0;
    if (c.answered === undefined || c.confidence === undefined) {
      skipped.push({ investigationId: c.id, createdAt, reason: 'no report' });
      continue;
    }
    confirmed.push({
      investigationId: c.id,
      source: 'backtest',
      createdAt,
      service: services.get(c.id) ?? c.expected.service,
      account: label(c, 'account'),
      environment: label(c, 'environment'),
      category: c.answered.category,
      confidence: c.confidence,
      rootCause: c.top1 ? 'right' : 'wrong',
      categoryRight: c.category,
      changeRight: c.change,
    });
  }
  return { cases: confirmed, skipped };
}

/** The alert's service of a stored investigation JSON, when it has one. */
function alertService(investigation: unknown): string | undefined {
  if (typeof investigation !== 'object' || investigation === null) return undefined;
  const alert = (investigation as { alert?: { service?: unknown } }).alert;
  return typeof alert?.service === 'string' ? alert.service : undefined;
}

/** The accuracy report of a stored backtest run (id, unique prefix, `last`, `previous`). */
export async function measureBacktestAccuracy(
  store: Store,
  ref: string,
  options: { by?: AccuracySplit } = {},
): Promise<AccuracyReport> {
  const { run, cases, unfinished } = await loadBacktest(store, ref);
  if (cases.length === 0)
    throw new NightshiftError('BAD_INPUT', `backtest run ${run.id} has no finished case to count`, {
      hint: `finish it first: nightshift backtest run --resume ${run.id}`,
    });
  const stored = await store.getBacktestRun(run.id);
  const finishedAt = new Map((stored?.cases ?? []).map((c) => [c.caseId, c.finishedAt]));
  const services = new Map<string, string>();
  // Only the service split needs the alert, and reading every investigation is the costly part.
  if (options.by === 'service') {
    for (const c of cases) {
      const service = alertService(await store.getBacktestCaseInvestigation(run.id, c.id));
      if (service !== undefined) services.set(c.id, service);
    }
  }
  const named = run.name === undefined ? '' : ` "${run.name}"`;
  const partial = unfinished.length > 0 ? `, ${unfinished.length} not finished` : '';
  return accuracyReport(confirmedCasesOf(cases, finishedAt, services), {
    sinceMs: 0,
    ...(options.by === undefined ? {} : { by: options.by }),
    headline: `${cases.length} cases of backtest run ${run.id}${named} (${run.suite}, brain ${run.brain}${partial}; truth: each case's known root cause)`,
    wording: { noun: 'backtest cases', changeWhenNone: 'no case has a known causing change' },
  });
}
