/**
 * The worker: takes jobs from the store's durable queue and runs them, at most `concurrency` at
 * once. A job holds a lease it renews while it runs; a worker that dies stops renewing, and any
 * worker takes the job over when the lease runs out (or at once, on this host, when the dead
 * process's pid is gone). Failures are retried with exponential backoff up to `maxAttempts`.
 *
 * "Exactly once" as responders see it: an investigation whose result is saved is not run again,
 * and a brief recorded as posted (with its thread, where the notifier has threads) is not posted
 * again. A crash can still fall between the notifier taking the post and the store recording it,
 * and that window is as long as Slack takes to answer. So the worker records its intent to post
 * (store.markBriefIntent) before posting; a job that finds an intent without a recorded brief
 * (it was resumed, or an earlier attempt failed) asks the notifier to find the brief where it was
 * posted (Slack: the channel's history, by the brief's message metadata). Found: it is recorded
 * and not posted again. Not there: it is posted. Notifiers that cannot look (incoming webhooks,
 * stdout) post again, at least once, marked as a possible repeat; so does Slack when it may not
 * look (the token lacks channels:history) — see lookUpBrief for why posting beats holding.
 */
import { hostname } from 'node:os';
import { redactString } from '../anonymise/index.js';
import { formatDuration, NightshiftError, type Report } from '../core/index.js';
import type { Investigation } from '../investigate/index.js';
import type { Notifier, Thread } from '../notify/types.js';
import type { InvestigationRow, Job, Store, StoredAlert } from '../store/types.js';

export interface WorkerOptions {
  store: Store;
  /** Runs one investigation over the configured sources. */
  investigate: (
    row: InvestigationRow,
    alerts: StoredAlert[],
    signal: AbortSignal,
  ) => Promise<Investigation & { evidenceGzip?: Uint8Array }>;
  notifier?: Notifier;
  concurrency: number;
  leaseMs: number;
  maxAttempts: number;
  retryBackoffMs: number;
  /** How often an idle worker looks for due jobs (retries, jobs of other servers). */
  pollMs?: number;
  publicUrl?: string;
  /**
   * Evidence older than this (ms) is deleted as new evidence is kept, except that of
   * investigations with feedback; undefined keeps everything.
   */
  evidenceRetentionMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export class Worker {
  readonly owner = `${hostname()}/${process.pid}/${Math.random().toString(36).slice(2, 8)}`;
  private readonly options: WorkerOptions;
  private readonly now: () => number;
  private running = new Set<Promise<void>>();
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;

  constructor(options: WorkerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    const released = await this.releaseDeadOwners();
    if (released > 0) this.log(`resumed ${released} job(s) of a process that stopped`);
    this.stopped = false;
    this.loopDone = this.loop();
  }

  /** Looks for work now (intake just queued some). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking jobs and waits for the running ones (their leases lapse if this takes too long). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.running]);
  }

  /** Jobs running in this process now. */
  get active(): number {
    return this.running.size;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      while (!this.stopped && this.running.size < this.options.concurrency) {
        const job = await this.options.store.claimJob(this.owner, this.now(), this.options.leaseMs);
        if (!job) break;
        const run = this.run(job).finally(() => {
          this.running.delete(run);
          this.wake();
        });
        this.running.add(run);
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, this.options.pollMs ?? 1000);
      });
      clearTimeout(this.timer);
    }
  }

  private async run(job: Job): Promise<void> {
    const { store } = this.options;
    const controller = new AbortController();
    const renew = setInterval(
      () => {
        store
          .renewLease(job.id, this.owner, this.now() + this.options.leaseMs)
          .then((held) => {
            if (!held) controller.abort(new Error('lease lost to another worker'));
          })
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(this.options.leaseMs / 3)),
    );
    try {
      if (job.kind === 'investigate') await this.investigate(job, controller.signal);
      else await this.resolve(job);
      await store.completeJob(job.id, this.owner);
    } catch (error) {
      await this.failed(job, error as Error);
    } finally {
      clearInterval(renew);
    }
  }

  private async investigate(job: Job, signal: AbortSignal): Promise<void> {
    const { store, notifier } = this.options;
    const row = await store.getInvestigation(job.investigationId);
    if (!row) throw new Error(`investigation ${job.investigationId} is not in the store`);
    let report = row.report as Report | undefined;
    if (row.status !== 'done' || report === undefined) {
      await store.markRunning(row.id, this.now());
      const alerts = await store.alertsOf(row.id);
      const result = await this.options.investigate(row, alerts, signal);
      signal.throwIfAborted();
      report = result.report;
      await store.saveResult(row.id, {
        report,
        category: report.rootCause.category,
        brain: result.brain,
        trace: result.trace,
        finishedAt: this.now(),
      });
      if (result.evidenceGzip !== undefined) await this.saveEvidence(row.id, { gzip: result.evidenceGzip });
      else if (result.evidence !== undefined) await this.saveEvidence(row.id, { json: result.evidence });
      this.log(
        `investigation ${row.id} done in ${formatDuration(result.elapsedMs)}: ${report.rootCause.service} ${report.rootCause.category} (${report.rootCause.confidence})`,
      );
    }
    if (!notifier || row.firstBriefAt !== undefined) return;
    await this.brief(notifier, row, report, {
      signal,
      lastAttempt: job.attempts >= this.options.maxAttempts,
    });
  }

  /**
   * Keeps the evidence for replay. Losing it costs a later replay, not this incident's brief, so
   * a failure is logged and the job goes on.
   */
  private async saveEvidence(
    investigationId: string,
    evidence: { gzip: Uint8Array } | { json: unknown },
  ): Promise<void> {
    const { store, evidenceRetentionMs } = this.options;
    try {
      if ('gzip' in evidence) await store.saveGzippedEvidence(investigationId, evidence.gzip, this.now());
      else await store.saveEvidence(investigationId, evidence.json, this.now());
      if (evidenceRetentionMs !== undefined) {
        const pruned = await store.pruneEvidence(this.now() - evidenceRetentionMs);
        if (pruned > 0)
          this.log(`deleted the evidence of ${pruned} investigation(s) older than the evidence retention`);
      }
    } catch (error) {
      this.log(
        `investigation ${investigationId}: its evidence was not kept (it cannot be replayed): ${redactString((error as Error).message)}`,
      );
    }
  }

  /** Posts the brief unless an earlier attempt did; see the top of this file. */
  private async brief(
    notifier: Notifier,
    row: InvestigationRow,
    report: Report,
    attempt: { signal: AbortSignal; lastAttempt: boolean },
  ): Promise<void> {
    const { store } = this.options;
    const earlierIntent = await store.markBriefIntent(row.id, this.now());
    let possibleRepeat = false;
    if (earlierIntent !== undefined) {
      const lookup = await this.lookUpBrief(notifier, row.id, earlierIntent, attempt);
      if (lookup.kind === 'found') {
        await store.markBriefed(row.id, lookup.thread, this.now());
        this.log(
          `investigation ${row.id}: its brief was already posted (ts ${lookup.thread.ts}); not posting it again`,
        );
        return;
      }
      possibleRepeat = lookup.kind === 'unknown';
    }
    const alerts = await store.alertsOf(row.id);
    const thread = await notifier.postBrief(
      {
        investigationId: row.id,
        report,
        ...(this.options.publicUrl && {
          url: `${this.options.publicUrl.replace(/\/$/, '')}/investigations/${row.id}`,
        }),
        alerts: alerts.map((a) => ({
          name: a.name,
          service: a.service,
          severity: a.severity,
          startsAt: a.startsAt,
        })),
        ...(possibleRepeat && { possibleRepeat }),
      },
      attempt.signal,
    );
    await store.markBriefed(row.id, thread, this.now());
  }

  /**
   * Whether an earlier attempt's brief is out: found (its thread), absent (the notifier read the
   * whole range since the intent), or unknown.
   *
   * Unknown when the notifier cannot look (webhook, stdout), when configuration rules the lookup
   * out (BAD_INPUT: Slack's token lacks channels:history), or when the lookup keeps failing up to
   * the job's last attempt. Then the brief is posted with a visible "possibly a repeat" note rather
   * than held: at 3 AM a responder who gets the same brief twice, the second saying it may be a
   * repeat, loses a glance; a responder whose brief is held until someone fixes a Slack scope
   * loses the investigation in the middle of the incident. A lookup that fails for a reason that
   * may pass (network, rate limit) fails the attempt instead, and the job retries with backoff.
   */
  private async lookUpBrief(
    notifier: Notifier,
    investigationId: string,
    since: number,
    attempt: { signal: AbortSignal; lastAttempt: boolean },
  ): Promise<{ kind: 'found'; thread: Thread } | { kind: 'absent' } | { kind: 'unknown' }> {
    if (!notifier.findBrief) return { kind: 'unknown' };
    try {
      const thread = await notifier.findBrief(investigationId, since, attempt.signal);
      return thread === undefined ? { kind: 'absent' } : { kind: 'found', thread };
    } catch (error) {
      const e = error as Error;
      const configuration = e instanceof NightshiftError && e.code === 'BAD_INPUT';
      if (!configuration && !attempt.lastAttempt) throw error;
      const hint = e instanceof NightshiftError && e.hint ? ` (${e.hint})` : '';
      this.log(
        `investigation ${investigationId}: could not check whether an interrupted post of its brief arrived: ${e.message}${hint}; posting it marked as a possible repeat`,
      );
      return { kind: 'unknown' };
    }
  }

  private async resolve(job: Job): Promise<void> {
    const { store, notifier } = this.options;
    const row = await store.getInvestigation(job.investigationId);
    if (!row || !notifier || row.resolvedAt === undefined) return;
    if (row.firstBriefAt === undefined) {
      // The brief is not out yet: resolving first would read backwards in the channel.
      if (row.status === 'failed') return;
      throw new Error('the brief is not posted yet; the resolve waits for it');
    }
    const alerts = await store.alertsOf(row.id);
    const firing = Math.min(...alerts.map((a) => a.startsAt));
    await notifier.postResolved(row.thread, {
      investigationId: row.id,
      resolvedAt: row.resolvedAt,
      durationMs: row.resolvedAt - firing,
    });
  }

  private async failed(job: Job, error: Error): Promise<void> {
    const { store } = this.options;
    // An error may quote what a source or provider returned (a URL with a password, a key echoed
    // back): it goes to the log, the store and the channel, so it is redacted once, here.
    const message = redactString(error.message);
    const last = job.attempts >= this.options.maxAttempts;
    const retryAt = last ? undefined : this.now() + this.options.retryBackoffMs * 2 ** (job.attempts - 1);
    this.log(
      `${job.kind} ${job.investigationId}: attempt ${job.attempts} of ${this.options.maxAttempts} failed: ${message}` +
        (retryAt === undefined ? '; giving up' : `; retrying in ${formatDuration(retryAt - this.now())}`),
    );
    await store.failJob(job.id, this.owner, message, retryAt);
    if (last && job.kind === 'investigate') {
      await store.markFailed(job.investigationId, message, this.now());
      const row = await store.getInvestigation(job.investigationId);
      await this.options.notifier
        ?.postFollowUp(row?.thread, {
          investigationId: job.investigationId,
          text: `The investigation failed after ${job.attempts} attempts: ${message}`,
        })
        .catch((e: Error) => this.log(`could not post the failure: ${e.message}`));
    }
  }

  /** Releases leases of processes on this host that no longer exist, so their jobs resume now. */
  private async releaseDeadOwners(): Promise<number> {
    const host = hostname();
    const dead = (await this.options.store.leaseOwners()).filter((owner) => {
      const [h, pid] = owner.split('/');
      return h === host && Number(pid) !== process.pid && !alive(Number(pid));
    });
    return dead.length === 0 ? 0 : this.options.store.releaseLeases(dead, this.now());
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
