import type { Kysely } from 'kysely';
import type { Db } from './db.js';
import { toJob } from './rows.js';
import type { Dialect } from './transaction.js';
import type { Job } from './types.js';

/**
 * The durable job queue. Each operation is one statement, so it is atomic on its own: claiming
 * picks and leases a row in a single UPDATE, and on PostgreSQL the picking sub-select skips rows
 * another claimer has locked (FOR UPDATE SKIP LOCKED) instead of waiting for or doubling them.
 */
export async function claimJob(
  db: Kysely<Db>,
  dialect: Dialect,
  lease: { owner: string; now: number; leaseMs: number },
): Promise<Job | undefined> {
  await buryExhausted(db, lease.now);
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', lease.now)]),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', lease.now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('created_at')
    .limit(1);
  const next = dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      lease_owner: lease.owner,
      lease_until: lease.now + lease.leaseMs,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', next)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toJob(row);
}

/**
 * A job whose lease ran out on its last attempt most likely killed its worker; running it again
 * would kill the next one, so it is given up instead of claimed.
 */
async function buryExhausted(db: Kysely<Db>, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: 'dead',
      lease_owner: null,
      lease_until: null,
      last_error: 'lease expired on the last attempt',
    })
    .where('status', '=', 'running')
    .where('lease_until', '<', now)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .execute();
}

function leasedBy(db: Kysely<Db>, jobId: string, owner: string) {
  return db
    .updateTable('jobs')
    .where('id', '=', jobId)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running');
}

export async function renewLease(
  db: Kysely<Db>,
  jobId: string,
  owner: string,
  until: number,
): Promise<boolean> {
  const result = await leasedBy(db, jobId, owner).set({ lease_until: until }).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function completeJob(db: Kysely<Db>, jobId: string, owner: string): Promise<void> {
  await leasedBy(db, jobId, owner).set({ status: 'done', lease_owner: null, lease_until: null }).execute();
}

export async function failJob(
  db: Kysely<Db>,
  jobId: string,
  owner: string,
  failure: { error: string; retryAt: number | undefined },
): Promise<void> {
  const retry =
    failure.retryAt === undefined
      ? { status: 'dead' as const }
      : { status: 'queued' as const, run_at: failure.retryAt };
  await leasedBy(db, jobId, owner)
    .set({ ...retry, lease_owner: null, lease_until: null, last_error: failure.error })
    .execute();
}

export async function releaseLeases(db: Kysely<Db>, owners: readonly string[], now: number): Promise<number> {
  if (owners.length === 0) return 0;
  const result = await db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: now, lease_owner: null, lease_until: null })
    .where('status', '=', 'running')
    .where('lease_owner', 'in', owners)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function leaseOwners(db: Kysely<Db>): Promise<string[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('lease_owner')
    .distinct()
    .where('status', '=', 'running')
    .where('lease_owner', 'is not', null)
    .orderBy('lease_owner')
    .execute();
  return rows.flatMap((r) => (r.lease_owner === null ? [] : [r.lease_owner]));
}

export async function jobsWithStatus(
  db: Kysely<Db>,
  statuses: readonly ('queued' | 'running' | 'dead')[],
  order: 'asc' | 'desc',
): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('run_at', order)
    .orderBy('created_at', order)
    .execute();
  return rows.map(toJob);
}
