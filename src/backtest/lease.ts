/**
 * Who holds a backtest case, and for how long. A worker leases each case it investigates and
 * renews the lease while it runs (a heartbeat), so a worker that dies stops renewing and any other
 * worker takes the case once the lease has run out. On the same machine a dead process is known
 * at once by its pid, so a resume or a new worker takes its cases without waiting.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/index.js';

/**
 * How long a case stays leased without a heartbeat: how long a killed worker's case waits before
 * another worker takes it. Renewed every third of it, so a slow store or a busy event loop has two
 * chances to renew before another worker may step in.
 */
export const DEFAULT_BACKTEST_LEASE_MS = 30_000;

/** The smallest lease accepted: renewing more often than every 100 ms loads the store for nothing. */
export const MIN_BACKTEST_LEASE_MS = 300;

/** A lease owner id, `host/pid/random`: unique per worker, and tells which host and process hold it. */
export function leaseOwnerId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}

/**
 * Frees the run's cases leased by processes of this host that no longer exist (killed, crashed),
 * so they are taken now rather than when their leases run out. Owners on other hosts are left to
 * their leases: whether they live cannot be known from here.
 */
export async function releaseDeadOwners(store: Store, runId: string, self: string): Promise<number> {
  const host = hostname();
  const dead = (await store.backtestLeaseOwners(runId)).filter((owner) => {
    const [h, pid] = owner.split('/');
    return owner !== self && h === host && !alive(Number(pid));
  });
  return store.releaseBacktestLeases(runId, dead);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One leased case, as the heartbeat renews it. */
export interface HeldCase {
  runId: string;
  caseId: string;
  owner: string;
  leaseMs: number;
}

/**
 * Renews the lease every third of its length until the returned function is called. `onLost` is
 * told once when the store says the case is no longer this owner's (another worker took it after
 * a missed renewal): the investigation may go on, but its result will not be saved.
 */
export function keepLease(store: Store, held: HeldCase, now: () => number, onLost: () => void): () => void {
  let lost = false;
  const timer = setInterval(
    () => {
      store
        .renewBacktestLease(held.runId, held.caseId, held.owner, now() + held.leaseMs)
        .then((kept) => {
          if (!kept && !lost) {
            lost = true;
            onLost();
          }
        })
        // A failed renewal is retried at the next beat; the lease covers two of them.
        .catch(() => undefined);
    },
    Math.max(100, Math.floor(held.leaseMs / 3)),
  );
  return () => clearInterval(timer);
}
