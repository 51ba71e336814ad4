/**
 * The store: alerts, investigations (with their reports and traces), the durable job queue and
 * feedback. One interface, two implementations over Kysely (SQLite by default, PostgreSQL for a
 * team), the same migrations and one contract suite. Times are epoch milliseconds.
 *
 * Every method that decides something under concurrency (intake, claiming a job) is atomic in the
 * store itself, so several server processes on one PostgreSQL never double an investigation.
 */

export type AlertStatus = 'firing' | 'resolved';

/** An alert as intake hands it to the store (parsed from any webhook). */
export interface IncomingAlert {
  /** Identity from labels, as Alertmanager computes it. */
  fingerprint: string;
  /** Which webhook it came through: alertmanager, grafana, pagerduty, generic. */
  source: string;
  status: AlertStatus;
  /** Alerts with the same group key that fire close together are one investigation. */
  groupKey: string;
  name: string;
  service: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt?: number;
  receivedAt: number;
  /**
   * The sender's time of this state (firing: its start; resolved: its end; PagerDuty: occurred_at).
   * A delivery older than the latest state applied to its fingerprint is ignored, and a firing
   * after a resolve must be strictly newer than the resolve. Absent: applied without ordering.
   */
  eventAt?: number;
  /** The sender's delivery id; one already received (per source, within the retention) is ignored. */
  eventId?: string;
}

export interface StoredAlert extends IncomingAlert {
  id: string;
  investigationId: string;
  /** Last time a delivery of this firing alert arrived. */
  lastSeenAt: number;
  /** How many deliveries were folded into this alert. */
  deliveries: number;
  resolvedAt?: number;
}

export type IntakeOutcome =
  /** A new alert that started a new investigation (its job is queued). */
  | { kind: 'new'; alertId: string; investigationId: string }
  /** A new alert that joined an open investigation of its group. */
  | { kind: 'grouped'; alertId: string; investigationId: string }
  /** A firing alert already known and not resolved: nothing started. */
  | { kind: 'duplicate'; alertId: string; investigationId: string }
  /** A resolve of a known firing alert; when it was the group's last, a resolve job is queued. */
  | { kind: 'resolved'; alertId: string; investigationId: string; allResolved: boolean }
  /**
   * A delivery that changed nothing: a resolve of an alert that is not firing (unknown, or already
   * resolved), a repeated event id, or an event older than the alert's latest state.
   */
  | { kind: 'ignored'; reason: string };

export interface IntakeOptions {
  /** A new alert joins an open investigation of its group started less than this long ago. */
  groupWindowMs: number;
  /** Attempts before a job is given up. */
  maxAttempts: number;
  /** How long delivery ids are remembered for dedup; default DEFAULT_EVENT_RETENTION_MS. */
  eventRetentionMs?: number;
}

/** A week: far longer than any sender retries (PagerDuty retries for minutes, not days). */
export const DEFAULT_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;

export type InvestigationStatus = 'queued' | 'running' | 'done' | 'failed';

export interface InvestigationRow {
  id: string;
  status: InvestigationStatus;
  groupKey: string;
  title: string;
  service: string;
  severity: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** When the brief was first posted (Slack or another notifier). */
  firstBriefAt?: number;
  /**
   * When a worker first set out to post the brief. Set without `firstBriefAt`, an earlier attempt
   * may have posted it before a crash: look for it before posting again.
   */
  briefIntentAt?: number;
  /** When every alert of the investigation was resolved. */
  resolvedAt?: number;
  brain?: string;
  /** The report (JSON of core Report), once done. */
  report?: unknown;
  /** Root cause category from the report, for stats. */
  category?: string;
  /** Where the brief was posted, for follow-ups in its thread. */
  thread?: { channel: string; ts: string };
  attempts: number;
  error?: string;
}

export interface InvestigationQuery {
  limit: number;
  /** Rows created strictly before this instant (paging, newest first). */
  before?: number;
  status?: InvestigationStatus;
  service?: string;
}

export type JobKind = 'investigate' | 'resolve';

export interface Job {
  id: string;
  kind: JobKind;
  investigationId: string;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  leaseOwner?: string;
  leaseUntil?: number;
  lastError?: string;
}

export const GRADES = ['correct', 'partly_correct', 'wrong_but_useful', 'wrong'] as const;
export type Grade = (typeof GRADES)[number];

export interface Feedback {
  id: string;
  investigationId: string;
  grade: Grade;
  /** The real root cause, in the responder's words. */
  rootCause?: string;
  /** The real category, when the investigation's was wrong. */
  category?: string;
  by?: string;
  at: number;
}

/** A stored eval run: what `nightshift eval runs` lists, and the whole result (evals/results). */
export interface EvalRunRecord {
  id: string;
  startedAt: number;
  finishedAt: number;
  /** The suite files run. */
  suites: string[];
  cases: number;
  passed: number;
  failed: number;
  errored: number;
  xfailed: number;
  model?: string;
  codeVersion: string;
  /** The run result as JSON (evals/results/schema.ts); the store does not look inside. */
  result: unknown;
}

/** A stored eval run without its result, for listing. */
export type EvalRunSummary = Omit<EvalRunRecord, 'result'>;

/** A stored backtest run; `finishedAt` and `summary` are absent while cases remain unfinished. */
export interface BacktestRunRecord {
  id: string;
  /** A label the user gave (`--name`); not unique. */
  name?: string;
  /** The suite folder run. */
  suite: string;
  brain: string;
  /** The model an LLM brain ran with (`provider:model`); absent for the built-in brain. */
  model?: string;
  startedAt: number;
  finishedAt?: number;
  /** The summary figures as JSON (backtest/figures.ts); the store does not look inside. */
  summary?: unknown;
}

/** A backtest run in a listing: the run and how many of its cases are finished. */
export interface BacktestRunListing extends BacktestRunRecord {
  cases: number;
  finishedCases: number;
}

/** One finished case of a backtest run. */
export interface BacktestCaseRecord {
  runId: string;
  /** The bundle's folder, relative to the suite. */
  caseId: string;
  finishedAt: number;
  /** Split keys (account, environment). */
  labels: Record<string, string>;
  /** The scored case as JSON (backtest/case.ts); the store does not look inside. */
  result: unknown;
  /**
   * The case's investigation as JSON (alert, report, trace) when it ran; written with the case,
   * never returned by `getBacktestRun` (it is large): read it with `getBacktestCaseInvestigation`.
   */
  investigation?: unknown;
}

/** A run with its finished cases (by case id) and the ids of the ones still to do. */
export interface BacktestRunWithCases {
  run: BacktestRunRecord;
  cases: BacktestCaseRecord[];
  unfinished: string[];
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Records one delivery atomically: dedup, grouping, resolve; queues jobs as needed. */
  intake(alert: IncomingAlert, options: IntakeOptions): Promise<IntakeOutcome>;

  /**
   * Takes the next due job: queued with runAt <= now, or running with an expired lease (its
   * worker died). Sets the lease and increments attempts. Atomic across processes.
   */
  claimJob(owner: string, now: number, leaseMs: number): Promise<Job | undefined>;
  /** Extends a lease; false when the job is no longer this owner's. */
  renewLease(jobId: string, owner: string, until: number): Promise<boolean>;
  completeJob(jobId: string, owner: string): Promise<void>;
  /** Puts a job back for a retry at `retryAt`, or gives it up (dead) when retryAt is undefined. */
  failJob(jobId: string, owner: string, error: string, retryAt: number | undefined): Promise<void>;
  /** Releases every lease held by these owners (dead processes), so their jobs run again now. */
  releaseLeases(owners: readonly string[], now: number): Promise<number>;
  /** Distinct lease owners of running jobs (to find dead processes on start). */
  leaseOwners(): Promise<string[]>;
  /** Jobs not yet done (queued or running), for health and tests. */
  pendingJobs(): Promise<Job[]>;
  /** Jobs given up (failed without a retry, or a lease expired on the last attempt), newest first. */
  deadJobs(): Promise<Job[]>;

  getInvestigation(id: string): Promise<InvestigationRow | undefined>;
  listInvestigations(query: InvestigationQuery): Promise<InvestigationRow[]>;
  alertsOf(investigationId: string): Promise<StoredAlert[]>;
  markRunning(id: string, now: number): Promise<void>;
  saveResult(
    id: string,
    result: { report: unknown; category: string; brain: string; trace: unknown; finishedAt: number },
  ): Promise<void>;
  markFailed(id: string, error: string, now: number): Promise<void>;
  /**
   * Records that the brief went out, once, with its thread when the notifier has threads; false
   * when a brief was already recorded (the caller must not post again).
   */
  markBriefed(
    id: string,
    thread: { channel: string; ts: string } | undefined,
    postedAt: number,
  ): Promise<boolean>;
  /**
   * Records, before the post, that a worker is about to post the brief. Atomic: the first call
   * sets it and returns undefined; later calls keep the first time and return it, telling a
   * resumed job that an earlier attempt may have posted the brief (from that time on). Throws
   * NOT_FOUND for an unknown investigation.
   */
  markBriefIntent(id: string, at: number): Promise<number | undefined>;
  getTrace(id: string): Promise<unknown | undefined>;

  addFeedback(feedback: Omit<Feedback, 'id'>): Promise<Feedback>;
  listFeedback(investigationIds?: readonly string[]): Promise<Feedback[]>;

  /** Stores a finished eval run; an id already stored is ALREADY_EXISTS. */
  saveEvalRun(run: EvalRunRecord): Promise<void>;
  /** The most recent eval runs first (by start time). */
  listEvalRuns(query: { limit: number }): Promise<EvalRunSummary[]>;
  /**
   * The run with this id, or the one run whose id starts with it (at least 4 characters); undefined
   * when none matches. A prefix shared by several runs is BAD_INPUT listing them.
   */
  getEvalRun(idOrPrefix: string): Promise<EvalRunRecord | undefined>;

  /**
   * Stores a backtest run: inserts it, or updates its finish time and summary when the id exists
   * (the other fields of a stored run never change).
   */
  saveBacktestRun(run: BacktestRunRecord): Promise<void>;
  /** Plans cases of a run as unfinished; case ids already planned or finished are left as they are. */
  planBacktestCases(runId: string, caseIds: readonly string[]): Promise<void>;
  /** Records a finished case (planned or not); finishing it again replaces the earlier result. */
  saveBacktestCase(record: BacktestCaseRecord): Promise<void>;
  /** The most recent backtest runs first (by start time), with their case counts. */
  listBacktestRuns(query: { limit: number }): Promise<BacktestRunListing[]>;
  /**
   * The run with this id or unique id prefix (at least 4 characters) with its cases; undefined
   * when none matches; an ambiguous prefix is BAD_INPUT.
   */
  getBacktestRun(idOrPrefix: string): Promise<BacktestRunWithCases | undefined>;
  /** The planned cases of a run not finished yet, by case id. */
  unfinishedBacktestCases(runId: string): Promise<string[]>;
  /** The investigation stored with a finished case; undefined when none was (or no such case). */
  getBacktestCaseInvestigation(runId: string, caseId: string): Promise<unknown | undefined>;

  /**
   * Keeps what an investigation collected (src/investigate/evidence.ts), gzip'd; saving it again
   * replaces it. The store does not look inside.
   */
  saveEvidence(investigationId: string, evidence: unknown, now: number): Promise<void>;
  /** As saveEvidence, for evidence already serialised and gzip'd (`packEvidence`). */
  saveGzippedEvidence(investigationId: string, gzipped: Uint8Array, now: number): Promise<void>;
  /** The evidence kept for an investigation, as saved; undefined when none was. */
  getEvidence(investigationId: string): Promise<unknown | undefined>;
  /**
   * Deletes evidence kept before `before`, but never that of an investigation with feedback (a
   * confirmed incident, replayed by backtests); returns how many were deleted.
   */
  pruneEvidence(before: number): Promise<number>;

  /**
   * Leases an unfinished case of the run that has no lease or an expired one (its worker died) to
   * `owner` until `now + leaseMs`; undefined when none is free. Atomic across processes: concurrent
   * claimers never get the same case.
   */
  claimBacktestCase(runId: string, owner: string, now: number, leaseMs: number): Promise<string | undefined>;
  /** Extends a case's lease; false when the case is finished or no longer this owner's. */
  renewBacktestLease(runId: string, caseId: string, owner: string, until: number): Promise<boolean>;
  /**
   * Records a finished case only while `owner` holds its lease (expired or not, as long as nobody
   * took the case over) and it is unfinished; false, storing nothing, otherwise. So a case is stored
   * once: a worker that lost its case finishes for nothing and must drop its result.
   */
  saveLeasedBacktestCase(record: BacktestCaseRecord, owner: string): Promise<boolean>;
  /** Clears the leases these owners hold on the run's unfinished cases (stopped or dead processes). */
  releaseBacktestLeases(runId: string, owners: readonly string[]): Promise<number>;
  /** Distinct owners of leases on the run's unfinished cases (to find dead processes). */
  backtestLeaseOwners(runId: string): Promise<string[]>;
  /** Runs without a finish time, oldest first: what a `nightshift worker` looks for work in. */
  unfinishedBacktestRuns(): Promise<BacktestRunRecord[]>;
}
