/**
 * Leases on backtest cases (migration 0006), so any number of processes, on one machine or many
 * sharing PostgreSQL, work on one run and each case is investigated once. The same shape as the
 * job queue (jobs.ts): one statement per decision, so each is atomic on its own. Claiming picks
 * and leases a row in a single UPDATE; on PostgreSQL the picking sub-select skips rows another
 * claimer has locked (FOR UPDATE SKIP LOCKED) instead of waiting for or doubling them; SQLite has
 * one writer at a time, so the statement cannot interleave with another claim.
 *
 * A result is saved only while its worker holds the case (`saveLeasedBacktestCase`): a worker
 * whose lease ran out and whose case another worker took finishes for nothing, and its result is
 * dropped rather than overwriting or doubling the other's.
 */
import type { Kysely } from 'kysely';
import { caseValues, toRun } from './backtests.js';
import type { Db } from './db.js';
import type { Dialect } from './transaction.js';
import type { BacktestCaseRecord, BacktestRunRecord } from './types.js';

export async function claimBacktestCase(
  db: Kysely<Db>,
  dialect: Dialect,
  lease: { runId: string; owner: string; now: number; leaseMs: number },
): Promise<string | undefined> {
  const free = db
    .selectFrom('backtest_cases')
    .select('case_id')
    .where('run_id', '=', lease.runId)
    .where('finished_at', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', lease.now)]))
    .orderBy('case_id')
    .limit(1);
  const next = dialect === 'postgres' ? free.forUpdate().skipLocked() : free;
  const row = await db
    .updateTable('backtest_cases')
    .set({ lease_owner: lease.owner, lease_until: lease.now + lease.leaseMs })
    .where('run_id', '=', lease.runId)
    .where('case_id', '=', next)
    .returning('case_id')
    .executeTakeFirst();
  return row?.case_id;
}

/** The unfinished case leased by `owner`, as an UPDATE's target. */
function heldBy(db: Kysely<Db>, runId: string, caseId: string, owner: string) {
  return db
    .updateTable('backtest_cases')
    .where('run_id', '=', runId)
    .where('case_id', '=', caseId)
    .where('lease_owner', '=', owner)
    .where('finished_at', 'is', null);
}

export async function renewBacktestLease(
  db: Kysely<Db>,
  lease: { runId: string; caseId: string; owner: string; until: number },
): Promise<boolean> {
  const result = await heldBy(db, lease.runId, lease.caseId, lease.owner)
    .set({ lease_until: lease.until })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function saveLeasedBacktestCase(
  db: Kysely<Db>,
  record: BacktestCaseRecord,
  owner: string,
): Promise<boolean> {
  const result = await heldBy(db, record.runId, record.caseId, owner)
    .set(caseValues(record))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function releaseBacktestLeases(
  db: Kysely<Db>,
  runId: string,
  owners: readonly string[],
): Promise<number> {
  if (owners.length === 0) return 0;
  const result = await db
    .updateTable('backtest_cases')
    .set({ lease_owner: null, lease_until: null })
    .where('run_id', '=', runId)
    .where('finished_at', 'is', null)
    .where('lease_owner', 'in', owners)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function backtestLeaseOwners(db: Kysely<Db>, runId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('backtest_cases')
    .select('lease_owner')
    .distinct()
    .where('run_id', '=', runId)
    .where('finished_at', 'is', null)
    .where('lease_owner', 'is not', null)
    .orderBy('lease_owner')
    .execute();
  return rows.flatMap((r) => (r.lease_owner === null ? [] : [r.lease_owner]));
}

export async function unfinishedBacktestRuns(db: Kysely<Db>): Promise<BacktestRunRecord[]> {
  const rows = await db
    .selectFrom('backtest_runs')
    .selectAll()
    .where('finished_at', 'is', null)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  return rows.map(toRun);
}
