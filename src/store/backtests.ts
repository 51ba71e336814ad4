/**
 * Backtest runs and their cases in the store (migration 0005). A run is saved when it starts and
 * again when it finishes; its cases are planned as unfinished rows first and each is completed as
 * it finishes, so a run killed half-way knows exactly which cases remain.
 */
import type { Kysely, Selectable } from 'kysely';
import { NightshiftError } from '../core/index.js';
import type { BacktestCasesTable, BacktestRunsTable, Db } from './db.js';
import type {
  BacktestCaseRecord,
  BacktestRunListing,
  BacktestRunRecord,
  BacktestRunWithCases,
} from './types.js';

/** A prefix shorter than this matches too much to be what someone meant. */
const MIN_PREFIX = 4;
/** Ids are made of these; anything else cannot be a prefix and is matched exactly (no LIKE escapes). */
const ID_CHARS = /^[A-Za-z0-9_-]+$/;

/** A run row as the store's record (backtest-leases.ts reads runs too). */
export function toRun(row: Selectable<BacktestRunsTable>): BacktestRunRecord {
  return {
    id: row.id,
    ...(row.name === null ? {} : { name: row.name }),
    suite: row.suite,
    brain: row.brain,
    ...(row.model === null ? {} : { model: row.model }),
    startedAt: Number(row.started_at),
    ...(row.finished_at === null ? {} : { finishedAt: Number(row.finished_at) }),
    ...(row.summary === null ? {} : { summary: JSON.parse(row.summary) }),
  };
}

/** The case columns a listing reads: everything but the (large) investigation. */
const CASE_COLUMNS = ['run_id', 'case_id', 'finished_at', 'labels', 'result'] as const;

function toCase(
  row: Pick<Selectable<BacktestCasesTable>, (typeof CASE_COLUMNS)[number]>,
): BacktestCaseRecord {
  return {
    runId: row.run_id,
    caseId: row.case_id,
    finishedAt: Number(row.finished_at),
    labels: row.labels === null ? {} : (JSON.parse(row.labels) as Record<string, string>),
    result: row.result === null ? undefined : JSON.parse(row.result),
  };
}

export async function saveBacktestRun(db: Kysely<Db>, run: BacktestRunRecord): Promise<void> {
  const finished = {
    finished_at: run.finishedAt ?? null,
    summary: run.summary === undefined ? null : JSON.stringify(run.summary),
  };
  await db
    .insertInto('backtest_runs')
    .values({
      id: run.id,
      name: run.name ?? null,
      suite: run.suite,
      brain: run.brain,
      model: run.model ?? null,
      started_at: run.startedAt,
      ...finished,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet(finished))
    .execute();
}

export async function planBacktestCases(
  db: Kysely<Db>,
  runId: string,
  caseIds: readonly string[],
): Promise<void> {
  if (caseIds.length === 0) return;
  const rows = caseIds.map((caseId) => ({
    run_id: runId,
    case_id: caseId,
    finished_at: null,
    labels: null,
    result: null,
    investigation: null,
    lease_owner: null,
    lease_until: null,
  }));
  // In slices: SQLite caps the number of bound parameters of one statement.
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('backtest_cases')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['run_id', 'case_id']).doNothing())
      .execute();
  }
}

/** The columns of a finished case; its lease is cleared (backtest-leases.ts saves through it too). */
export function caseValues(record: BacktestCaseRecord) {
  return {
    finished_at: record.finishedAt,
    labels: JSON.stringify(record.labels),
    result: JSON.stringify(record.result),
    investigation: record.investigation === undefined ? null : JSON.stringify(record.investigation),
    lease_owner: null,
    lease_until: null,
  };
}

export async function saveBacktestCase(db: Kysely<Db>, record: BacktestCaseRecord): Promise<void> {
  const done = caseValues(record);
  await db
    .insertInto('backtest_cases')
    .values({ run_id: record.runId, case_id: record.caseId, ...done })
    .onConflict((oc) => oc.columns(['run_id', 'case_id']).doUpdateSet(done))
    .execute();
}

export async function listBacktestRuns(db: Kysely<Db>, limit: number): Promise<BacktestRunListing[]> {
  const runs = await db
    .selectFrom('backtest_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (runs.length === 0) return [];
  const counts = await db
    .selectFrom('backtest_cases')
    .select((eb) => [
      'run_id',
      eb.fn.countAll<number | string>().as('cases'),
      eb.fn.count<number | string>('finished_at').as('finished'),
    ])
    .where(
      'run_id',
      'in',
      runs.map((r) => r.id),
    )
    .groupBy('run_id')
    .execute();
  const byRun = new Map(counts.map((c) => [c.run_id, c]));
  return runs.map((row) => ({
    ...toRun(row),
    cases: Number(byRun.get(row.id)?.cases ?? 0),
    finishedCases: Number(byRun.get(row.id)?.finished ?? 0),
  }));
}

async function findRunRow(
  db: Kysely<Db>,
  idOrPrefix: string,
): Promise<Selectable<BacktestRunsTable> | undefined> {
  const exact = await db
    .selectFrom('backtest_runs')
    .selectAll()
    .where('id', '=', idOrPrefix)
    .executeTakeFirst();
  if (exact !== undefined || idOrPrefix.length < MIN_PREFIX || !ID_CHARS.test(idOrPrefix)) return exact;
  // `_` is a LIKE wildcard: the startsWith filter drops what it matched too much.
  const rows = await db
    .selectFrom('backtest_runs')
    .selectAll()
    .where('id', 'like', `${idOrPrefix}%`)
    .orderBy('id')
    .limit(6)
    .execute();
  const matching = rows.filter((r) => r.id.startsWith(idOrPrefix));
  if (matching.length > 1)
    throw new NightshiftError(
      'BAD_INPUT',
      `backtest run "${idOrPrefix}" is ambiguous: it starts ${matching.map((r) => r.id).join(', ')}`,
      { hint: 'give more characters of the run id (nightshift backtest list lists them)' },
    );
  return matching[0];
}

export async function getBacktestRun(
  db: Kysely<Db>,
  idOrPrefix: string,
): Promise<BacktestRunWithCases | undefined> {
  const row = await findRunRow(db, idOrPrefix);
  if (row === undefined) return undefined;
  const caseRows = await db
    .selectFrom('backtest_cases')
    .select(CASE_COLUMNS)
    .where('run_id', '=', row.id)
    .orderBy('case_id')
    .execute();
  return {
    run: toRun(row),
    cases: caseRows.filter((c) => c.finished_at !== null).map(toCase),
    unfinished: caseRows.filter((c) => c.finished_at === null).map((c) => c.case_id),
  };
}

export async function unfinishedBacktestCases(db: Kysely<Db>, runId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('backtest_cases')
    .select('case_id')
    .where('run_id', '=', runId)
    .where('finished_at', 'is', null)
    .orderBy('case_id')
    .execute();
  return rows.map((r) => r.case_id);
}

export async function getBacktestCaseInvestigation(
  db: Kysely<Db>,
  runId: string,
  caseId: string,
): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('backtest_cases')
    .select('investigation')
    .where('run_id', '=', runId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row?.investigation == null ? undefined : JSON.parse(row.investigation);
}
