import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { NightshiftError } from '../core/index.js';
import type { Db } from './db.js';

/**
 * Every schema change, in order, for both dialects. Only types both understand are used (`text`,
 * `bigint`, `integer`), so the same list makes the same tables on SQLite and PostgreSQL.
 * Add a new entry for a change; never edit an applied one.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('investigations')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .addColumn('first_brief_at', 'bigint')
        .addColumn('resolved_at', 'bigint')
        .addColumn('brain', 'text')
        .addColumn('report', 'text')
        .addColumn('category', 'text')
        .addColumn('thread_channel', 'text')
        .addColumn('thread_ts', 'text')
        .addColumn('trace', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('investigations_group_created')
        .on('investigations')
        .columns(['group_key', 'created_at'])
        .execute();
      await db.schema
        .createIndex('investigations_created')
        .on('investigations')
        .column('created_at')
        .execute();

      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('investigation_id', 'text', (c) =>
          c.notNull().references('investigations.id').onDelete('cascade'),
        )
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('annotations', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('deliveries', 'integer', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .execute();
      // At most one firing row per fingerprint: two concurrent intakes of one alert cannot both
      // create it, whatever the isolation level. Partial indexes work in SQLite and PostgreSQL.
      await db.schema
        .createIndex('alerts_firing_fingerprint')
        .on('alerts')
        .column('fingerprint')
        .unique()
        .where(sql.ref('resolved_at'), 'is', null)
        .execute();
      await db.schema.createIndex('alerts_investigation').on('alerts').column('investigation_id').execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('investigation_id', 'text', (c) =>
          c.notNull().references('investigations.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('jobs_status_run').on('jobs').columns(['status', 'run_at']).execute();

      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('investigation_id', 'text', (c) =>
          c.notNull().references('investigations.id').onDelete('cascade'),
        )
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('root_cause', 'text')
        .addColumn('category', 'text')
        .addColumn('by', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('feedback_investigation')
        .on('feedback')
        .column('investigation_id')
        .execute();
    },
  },
  '0002_intake_events': {
    async up(db: Kysely<unknown>) {
      // Delivery ids already received (PagerDuty event.id, the generic id): a replay is ignored.
      // Pruned by received_at, hence its index.
      await db.schema
        .createTable('intake_events')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('intake_events_pk', ['source', 'event_id'])
        .execute();
      await db.schema
        .createIndex('intake_events_received')
        .on('intake_events')
        .column('received_at')
        .execute();
      // Per fingerprint, the latest state applied and the sender's time of it, so an older
      // delivery (a late retry, a replay) cannot reopen or resolve an alert out of order.
      await db.schema
        .createTable('alert_states')
        .addColumn('fingerprint', 'text', (c) => c.primaryKey().notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('event_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0003_brief_intent': {
    async up(db: Kysely<unknown>) {
      // When a worker first set out to post the brief: an intent without first_brief_at means a
      // post may have reached the notifier before a crash, so a resumed job looks before posting.
      await db.schema.alterTable('investigations').addColumn('brief_intent_at', 'bigint').execute();
    },
  },
  '0004_eval_runs': {
    async up(db: Kysely<unknown>) {
      // One row per `nightshift eval run`: the counts `eval runs` lists, and the whole result
      // (evals/results/schema.ts) as JSON for `eval compare`, `--filter-failing` and the workbench.
      await db.schema
        .createTable('eval_runs')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint', (c) => c.notNull())
        .addColumn('suites', 'text', (c) => c.notNull())
        .addColumn('cases', 'integer', (c) => c.notNull())
        .addColumn('passed', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('errored', 'integer', (c) => c.notNull())
        .addColumn('xfailed', 'integer', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('code_version', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('eval_runs_started').on('eval_runs').column('started_at').execute();
    },
  },
  '0005_backtests': {
    async up(db: Kysely<unknown>) {
      // One row per `nightshift backtest run`: finished_at and summary stay null until every case
      // is done, so an interrupted run is visible as unfinished and can be resumed.
      await db.schema
        .createTable('backtest_runs')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('name', 'text')
        .addColumn('suite', 'text', (c) => c.notNull())
        .addColumn('brain', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('summary', 'text')
        .execute();
      await db.schema.createIndex('backtest_runs_started').on('backtest_runs').column('started_at').execute();
      // Every case of a run is planned as a row up front (finished_at null) and completed as it
      // finishes: "unfinished" is a query, and a later lease column lets workers share a run.
      await db.schema
        .createTable('backtest_cases')
        .addColumn('run_id', 'text', (c) => c.notNull().references('backtest_runs.id').onDelete('cascade'))
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('labels', 'text')
        .addColumn('result', 'text')
        .addPrimaryKeyConstraint('backtest_cases_pk', ['run_id', 'case_id'])
        .execute();
    },
  },
  '0006_backtest_workers_and_evidence': {
    async up(db: Kysely<unknown>) {
      // A case's whole investigation (alert, report, trace) beside its score, for export and
      // analyze; kept apart from `investigations` so backtests never show up as production
      // incidents in lists, stats or accuracy.
      await db.schema.alterTable('backtest_cases').addColumn('investigation', 'text').execute();
      // Workers of several processes or machines share a run: each case is leased to one owner
      // until a deadline it keeps renewing; a dead owner's lease runs out and another takes it.
      await db.schema.alterTable('backtest_cases').addColumn('lease_owner', 'text').execute();
      await db.schema.alterTable('backtest_cases').addColumn('lease_until', 'bigint').execute();
      // The model an LLM brain ran with (null for the built-in brain).
      await db.schema.alterTable('backtest_runs').addColumn('model', 'text').execute();
      // What an investigation collected (telemetry, changes, events, history: already redacted),
      // gzip'd JSON in base64, so it can be replayed without the sources it came from.
      await db.schema
        .createTable('investigation_evidence')
        .addColumn('investigation_id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Applies pending migrations; a no-op when the schema is current. `schema` names where the
 * migration bookkeeping lives when it is not the default one (Kysely otherwise finds its tables in
 * any schema of the database and mistakes another schema's migrations for ours).
 */
export async function migrateToLatest(db: Kysely<Db>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  throw new NightshiftError('INTERNAL', `store migration ${failed} failed: ${String(error)}`, {
    hint: 'check that the database is reachable and that no older Nightshift is migrating it',
    cause: error,
  });
}
