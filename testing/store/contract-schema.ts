import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/store/db-errors.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { T0 } from './contract-fixtures.js';

const nullable = (names: string) => Object.fromEntries(names.split(' ').map((n) => [n, true]));
const required = (names: string) => Object.fromEntries(names.split(' ').map((n) => [n, false]));

/** The tables and columns (name → nullable) that the migrations make, in every dialect. */
const EXPECTED_TABLES = {
  investigations: {
    ...required('id status group_key title service severity created_at attempts'),
    ...nullable('started_at finished_at first_brief_at resolved_at brain report category'),
    ...nullable('thread_channel thread_ts trace error'),
    ...nullable('brief_intent_at'),
  },
  alerts: {
    ...required('id investigation_id fingerprint source status group_key name service severity labels'),
    ...required('annotations starts_at received_at last_seen_at deliveries'),
    ...nullable('ends_at resolved_at'),
  },
  jobs: {
    ...required('id kind investigation_id status attempts max_attempts run_at created_at'),
    ...nullable('lease_owner lease_until last_error'),
  },
  feedback: { ...required('id investigation_id grade at'), ...nullable('root_cause category by') },
  intake_events: required('source event_id received_at'),
  alert_states: { ...required('fingerprint status updated_at'), ...nullable('event_at') },
  eval_runs: {
    ...required('id started_at finished_at suites cases passed failed errored xfailed code_version result'),
    ...nullable('model'),
  },
  backtest_runs: { ...required('id suite brain started_at'), ...nullable('name finished_at summary model') },
  backtest_cases: {
    ...required('run_id case_id'),
    ...nullable('finished_at labels result investigation lease_owner lease_until'),
  },
  investigation_evidence: required('investigation_id created_at bytes data'),
};

const firingAlertRow = {
  id: 'x',
  investigation_id: 'i',
  fingerprint: 'fp',
  source: 's',
  status: 'firing',
  group_key: 'g',
  name: 'n',
  service: 's',
  severity: 'warning',
  labels: '{}',
  annotations: '{}',
  starts_at: T0,
  ends_at: null,
  received_at: T0,
  last_seen_at: T0,
  deliveries: 1,
  resolved_at: null,
};

/**
 * Checks the schema itself, below the Store interface: both dialects get the same tables, and the
 * partial unique index allows one firing row per fingerprint (so intake's guarantee does not rest
 * on transaction isolation alone).
 */
export function schemaContract(name: string, open: () => Promise<KyselyStore>): void {
  describe(`store schema: ${name}`, () => {
    let store: KyselyStore;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('has the same tables and columns as every other dialect', async () => {
      const tables = await store.db.introspection.getTables();
      const shape = Object.fromEntries(
        tables
          .filter((t) => !t.name.startsWith('kysely_'))
          .map((t) => [t.name, Object.fromEntries(t.columns.map((c) => [c.name, c.isNullable]))]),
      );
      expect(shape).toEqual(EXPECTED_TABLES);
    });

    it('allows one firing alert per fingerprint', async () => {
      await store.db
        .insertInto('investigations')
        .values({
          id: 'i',
          status: 'queued',
          group_key: 'g',
          title: 't',
          service: 's',
          severity: 'warning',
          created_at: T0,
          attempts: 0,
        })
        .execute();
      await store.db.insertInto('alerts').values(firingAlertRow).execute();
      const second = store.db
        .insertInto('alerts')
        .values({ ...firingAlertRow, id: 'y' })
        .execute();
      await expect(second).rejects.toSatisfy(isUniqueViolation);
      await store.db
        .updateTable('alerts')
        .set({ resolved_at: T0 + 1 })
        .execute();
      await store.db
        .insertInto('alerts')
        .values({ ...firingAlertRow, id: 'z' })
        .execute();
      await store.db
        .insertInto('alerts')
        .values({ ...firingAlertRow, id: 'w', resolved_at: T0 + 2 })
        .execute();
      expect(await store.db.selectFrom('alerts').select('id').orderBy('id').execute()).toHaveLength(3);
    });
  });
}
