import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NightshiftError } from '../core/index.js';
import * as backtestLeases from './backtest-leases.js';
import * as backtests from './backtests.js';
import type { Db } from './db.js';
import { isForeignKeyViolation } from './db-errors.js';
import * as evalRuns from './eval-runs.js';
import * as evidence from './evidence.js';
import { intakeAlert } from './intake.js';
import { EventIdPruner } from './intake-order.js';
import * as jobs from './jobs.js';
import { migrateToLatest } from './migrations.js';
import { toAlert, toFeedback, toInvestigation, toJson } from './rows.js';
import type { Dialect } from './transaction.js';
import {
  type BacktestCaseRecord,
  type BacktestRunListing,
  type BacktestRunRecord,
  type BacktestRunWithCases,
  DEFAULT_EVENT_RETENTION_MS,
  type EvalRunRecord,
  type EvalRunSummary,
  type Feedback,
  GRADES,
  type IncomingAlert,
  type IntakeOptions,
  type IntakeOutcome,
  type InvestigationQuery,
  type InvestigationRow,
  type Job,
  type Store,
  type StoredAlert,
} from './types.js';

/** The store over Kysely: the same queries for SQLite and PostgreSQL, told apart by `dialect`. */
export class KyselyStore implements Store {
  /** `schema`: the PostgreSQL schema the connections work in, when not the default. */
  constructor(
    readonly db: Kysely<Db>,
    readonly dialect: Dialect,
    private readonly schema?: string,
  ) {}

  /** Forgets delivery ids past intake's retention, now and then (see EventIdPruner). */
  private readonly eventIdPruner = new EventIdPruner();

  migrate(): Promise<void> {
    return migrateToLatest(this.db, this.schema);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  async intake(alert: IncomingAlert, options: IntakeOptions): Promise<IntakeOutcome> {
    const retentionMs = options.eventRetentionMs ?? DEFAULT_EVENT_RETENTION_MS;
    await this.eventIdPruner.pruneWhenDue(this.db, alert.receivedAt, retentionMs);
    return intakeAlert(this.db, this.dialect, alert, options);
  }

  claimJob(owner: string, now: number, leaseMs: number): Promise<Job | undefined> {
    return jobs.claimJob(this.db, this.dialect, { owner, now, leaseMs });
  }

  renewLease(jobId: string, owner: string, until: number): Promise<boolean> {
    return jobs.renewLease(this.db, jobId, owner, until);
  }

  completeJob(jobId: string, owner: string): Promise<void> {
    return jobs.completeJob(this.db, jobId, owner);
  }

  failJob(jobId: string, owner: string, error: string, retryAt: number | undefined): Promise<void> {
    return jobs.failJob(this.db, jobId, owner, { error, retryAt });
  }

  releaseLeases(owners: readonly string[], now: number): Promise<number> {
    return jobs.releaseLeases(this.db, owners, now);
  }

  leaseOwners(): Promise<string[]> {
    return jobs.leaseOwners(this.db);
  }

  pendingJobs(): Promise<Job[]> {
    return jobs.jobsWithStatus(this.db, ['queued', 'running'], 'asc');
  }

  deadJobs(): Promise<Job[]> {
    return jobs.jobsWithStatus(this.db, ['dead'], 'desc');
  }

  private selectInvestigations() {
    return this.db
      .selectFrom('investigations')
      .select([
        'id',
        'status',
        'group_key',
        'title',
        'service',
        'severity',
        'created_at',
        'started_at',
        'finished_at',
        'first_brief_at',
        'brief_intent_at',
        'resolved_at',
        'brain',
        'report',
        'category',
        'thread_channel',
        'thread_ts',
        'attempts',
        'error',
      ]);
  }

  async getInvestigation(id: string): Promise<InvestigationRow | undefined> {
    const row = await this.selectInvestigations().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toInvestigation(row);
  }

  async listInvestigations(query: InvestigationQuery): Promise<InvestigationRow[]> {
    let select = this.selectInvestigations()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit);
    if (query.before !== undefined) select = select.where('created_at', '<', query.before);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.service !== undefined) select = select.where('service', '=', query.service);
    return (await select.execute()).map(toInvestigation);
  }

  async alertsOf(investigationId: string): Promise<StoredAlert[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('investigation_id', '=', investigationId)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    return rows.map(toAlert);
  }

  async markRunning(id: string, now: number): Promise<void> {
    await this.db
      .updateTable('investigations')
      .set((eb) => ({ status: 'running', started_at: now, attempts: eb('attempts', '+', 1), error: null }))
      .where('id', '=', id)
      .execute();
  }

  async saveResult(
    id: string,
    result: { report: unknown; category: string; brain: string; trace: unknown; finishedAt: number },
  ): Promise<void> {
    await this.db
      .updateTable('investigations')
      .set({
        status: 'done',
        report: toJson(result.report),
        category: result.category,
        brain: result.brain,
        trace: toJson(result.trace),
        finished_at: result.finishedAt,
        error: null,
      })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string, now: number): Promise<void> {
    await this.db
      .updateTable('investigations')
      .set({ status: 'failed', error, finished_at: now })
      .where('id', '=', id)
      .execute();
  }

  async markBriefed(
    id: string,
    thread: { channel: string; ts: string } | undefined,
    postedAt: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('investigations')
      .set({
        thread_channel: thread?.channel ?? null,
        thread_ts: thread?.ts ?? null,
        first_brief_at: postedAt,
      })
      .where('id', '=', id)
      .where('first_brief_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async markBriefIntent(id: string, at: number): Promise<number | undefined> {
    // Set only where unset, so two workers racing agree on the first intent; the intent is never
    // cleared, hence the read after a no-op update sees the value that stopped it.
    const result = await this.db
      .updateTable('investigations')
      .set({ brief_intent_at: at })
      .where('id', '=', id)
      .where('brief_intent_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) return undefined;
    const row = await this.db
      .selectFrom('investigations')
      .select('brief_intent_at')
      .where('id', '=', id)
      .executeTakeFirst();
    if (row?.brief_intent_at == null)
      throw new NightshiftError('NOT_FOUND', `no investigation ${id} to record a brief intent for`, {
        hint: 'the investigation was deleted while its job ran; the job can be dropped',
      });
    return Number(row.brief_intent_at);
  }

  async getTrace(id: string): Promise<unknown | undefined> {
    const row = await this.db
      .selectFrom('investigations')
      .select('trace')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.trace == null ? undefined : JSON.parse(row.trace);
  }

  async addFeedback(feedback: Omit<Feedback, 'id'>): Promise<Feedback> {
    if (!(GRADES as readonly string[]).includes(feedback.grade)) {
      throw new NightshiftError('BAD_INPUT', `unknown grade "${feedback.grade}"`, {
        hint: `use one of: ${GRADES.join(', ')}`,
      });
    }
    const stored: Feedback = { id: randomUUID(), ...feedback };
    try {
      await this.db
        .insertInto('feedback')
        .values({
          id: stored.id,
          investigation_id: stored.investigationId,
          grade: stored.grade,
          root_cause: stored.rootCause ?? null,
          category: stored.category ?? null,
          by: stored.by ?? null,
          at: stored.at,
        })
        .execute();
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      throw new NightshiftError('NOT_FOUND', `no investigation ${stored.investigationId}`, {
        hint: 'check the investigation id; feedback attaches to an existing investigation',
        cause: error,
      });
    }
    return stored;
  }

  async listFeedback(investigationIds?: readonly string[]): Promise<Feedback[]> {
    if (investigationIds?.length === 0) return [];
    let select = this.db.selectFrom('feedback').selectAll().orderBy('at').orderBy('id');
    if (investigationIds !== undefined) select = select.where('investigation_id', 'in', investigationIds);
    return (await select.execute()).map(toFeedback);
  }

  saveEvalRun(run: EvalRunRecord): Promise<void> {
    return evalRuns.saveEvalRun(this.db, run);
  }

  listEvalRuns(query: { limit: number }): Promise<EvalRunSummary[]> {
    return evalRuns.listEvalRuns(this.db, query.limit);
  }

  getEvalRun(idOrPrefix: string): Promise<EvalRunRecord | undefined> {
    return evalRuns.getEvalRun(this.db, idOrPrefix);
  }

  saveBacktestRun(run: BacktestRunRecord): Promise<void> {
    return backtests.saveBacktestRun(this.db, run);
  }

  planBacktestCases(runId: string, caseIds: readonly string[]): Promise<void> {
    return backtests.planBacktestCases(this.db, runId, caseIds);
  }

  saveBacktestCase(record: BacktestCaseRecord): Promise<void> {
    return backtests.saveBacktestCase(this.db, record);
  }

  listBacktestRuns(query: { limit: number }): Promise<BacktestRunListing[]> {
    return backtests.listBacktestRuns(this.db, query.limit);
  }

  getBacktestRun(idOrPrefix: string): Promise<BacktestRunWithCases | undefined> {
    return backtests.getBacktestRun(this.db, idOrPrefix);
  }

  unfinishedBacktestCases(runId: string): Promise<string[]> {
    return backtests.unfinishedBacktestCases(this.db, runId);
  }

  getBacktestCaseInvestigation(runId: string, caseId: string): Promise<unknown | undefined> {
    return backtests.getBacktestCaseInvestigation(this.db, runId, caseId);
  }

  saveEvidence(investigationId: string, value: unknown, now: number): Promise<void> {
    return evidence.saveEvidence(this.db, investigationId, value, now);
  }

  saveGzippedEvidence(investigationId: string, gzipped: Uint8Array, now: number): Promise<void> {
    return evidence.saveGzippedEvidence(this.db, investigationId, gzipped, now);
  }

  getEvidence(investigationId: string): Promise<unknown | undefined> {
    return evidence.getEvidence(this.db, investigationId);
  }

  pruneEvidence(before: number): Promise<number> {
    return evidence.pruneEvidence(this.db, before);
  }

  claimBacktestCase(runId: string, owner: string, now: number, leaseMs: number): Promise<string | undefined> {
    return backtestLeases.claimBacktestCase(this.db, this.dialect, { runId, owner, now, leaseMs });
  }

  renewBacktestLease(runId: string, caseId: string, owner: string, until: number): Promise<boolean> {
    return backtestLeases.renewBacktestLease(this.db, { runId, caseId, owner, until });
  }

  saveLeasedBacktestCase(record: BacktestCaseRecord, owner: string): Promise<boolean> {
    return backtestLeases.saveLeasedBacktestCase(this.db, record, owner);
  }

  releaseBacktestLeases(runId: string, owners: readonly string[]): Promise<number> {
    return backtestLeases.releaseBacktestLeases(this.db, runId, owners);
  }

  backtestLeaseOwners(runId: string): Promise<string[]> {
    return backtestLeases.backtestLeaseOwners(this.db, runId);
  }

  unfinishedBacktestRuns(): Promise<BacktestRunRecord[]> {
    return backtestLeases.unfinishedBacktestRuns(this.db);
  }
}
