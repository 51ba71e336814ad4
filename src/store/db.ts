/**
 * Table types for Kysely. Column names are snake_case in SQL; JSON is stored as text and times as
 * bigint epoch milliseconds in both dialects, so one set of queries serves SQLite and PostgreSQL.
 * Nullable columns are `| null` because that is what the drivers return; rows.ts maps them to
 * `undefined` on the way out.
 */

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface InvestigationsTable {
  id: string;
  status: string;
  group_key: string;
  title: string;
  service: string;
  severity: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  first_brief_at: number | null;
  /** When a worker set out to post the brief (migration 0003); see Store.markBriefIntent. */
  brief_intent_at: number | null;
  resolved_at: number | null;
  brain: string | null;
  report: string | null;
  category: string | null;
  thread_channel: string | null;
  thread_ts: string | null;
  trace: string | null;
  attempts: number;
  error: string | null;
}

export interface AlertsTable {
  id: string;
  investigation_id: string;
  fingerprint: string;
  source: string;
  status: string;
  group_key: string;
  name: string;
  service: string;
  severity: string;
  labels: string;
  annotations: string;
  starts_at: number;
  ends_at: number | null;
  received_at: number;
  last_seen_at: number;
  deliveries: number;
  resolved_at: number | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  investigation_id: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: number;
  created_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
}

export interface FeedbackTable {
  id: string;
  investigation_id: string;
  grade: string;
  root_cause: string | null;
  category: string | null;
  by: string | null;
  at: number;
}

/** Delivery ids already received, per source, kept for the retention (intake.eventRetention). */
export interface IntakeEventsTable {
  source: string;
  event_id: string;
  received_at: number;
}

/** Per fingerprint, the latest state intake applied and the sender's time of it. */
export interface AlertStatesTable {
  fingerprint: string;
  status: string;
  event_at: number | null;
  updated_at: number;
}

/** One `nightshift eval run` (migration 0004): listing counts, and the result JSON in `result`. */
export interface EvalRunsTable {
  id: string;
  started_at: number;
  finished_at: number;
  /** JSON array of the suite files. */
  suites: string;
  cases: number;
  passed: number;
  failed: number;
  errored: number;
  xfailed: number;
  model: string | null;
  code_version: string;
  result: string;
}

/** One `nightshift backtest run` (migration 0005); finished_at and summary are set at the end. */
export interface BacktestRunsTable {
  id: string;
  name: string | null;
  suite: string;
  brain: string;
  started_at: number;
  finished_at: number | null;
  /** JSON of the run's summary figures (backtest/figures.ts). */
  summary: string | null;
  /** The model an LLM brain ran with; null for the built-in brain. */
  model: string | null;
}

/** One case of a backtest: planned with finished_at null, completed with its labels and result. */
export interface BacktestCasesTable {
  run_id: string;
  case_id: string;
  finished_at: number | null;
  labels: string | null;
  result: string | null;
  /** JSON of the case's investigation (alert, report, trace); read one case at a time. */
  investigation: string | null;
  /** The worker holding the case, and until when (ms); both null when nobody does. */
  lease_owner: string | null;
  lease_until: number | null;
}

/** What an investigation collected, for replay: gzip'd JSON in base64 (migration 0006). */
export interface InvestigationEvidenceTable {
  investigation_id: string;
  created_at: number;
  /** Size of `data` decoded (the gzip'd bytes), to report and to cap. */
  bytes: number;
  data: string;
}

export interface Db {
  backtest_runs: BacktestRunsTable;
  backtest_cases: BacktestCasesTable;
  investigation_evidence: InvestigationEvidenceTable;
  eval_runs: EvalRunsTable;
  investigations: InvestigationsTable;
  alerts: AlertsTable;
  jobs: JobsTable;
  feedback: FeedbackTable;
  intake_events: IntakeEventsTable;
  alert_states: AlertStatesTable;
}
