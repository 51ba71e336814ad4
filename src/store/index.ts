export { packEvidence } from './evidence.js';
export { firstAlertOf } from './first-alert.js';
export { KyselyStore } from './kysely-store.js';
export { DEFAULT_SQLITE_PATH, openStore, type StoreConfig } from './open.js';
export { openPostgresStore, type PostgresOptions } from './postgres.js';
export { openSqliteStore } from './sqlite.js';
export {
  type AlertStatus,
  type BacktestCaseRecord,
  type BacktestRunListing,
  type BacktestRunRecord,
  type BacktestRunWithCases,
  type EvalRunRecord,
  type EvalRunSummary,
  type Feedback,
  GRADES,
  type Grade,
  type IncomingAlert,
  type IntakeOptions,
  type IntakeOutcome,
  type InvestigationQuery,
  type InvestigationRow,
  type InvestigationStatus,
  type Job,
  type JobKind,
  type Store,
  type StoredAlert,
} from './types.js';
