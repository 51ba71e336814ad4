import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../testing/store/contract.js';
import { schemaContract } from '../../testing/store/contract-schema.js';
import { openPostgresStore } from './postgres.js';

const url = process.env.NIGHTSHIFT_TEST_POSTGRES_URL;

/**
 * Each store gets its own schema, dropped after the run, so runs repeat on one database and never
 * see each other's rows.
 */
const admin =
  url === undefined
    ? undefined
    : new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      });
const schemas: string[] = [];

async function freshStore() {
  if (url === undefined || admin === undefined) throw new Error('NIGHTSHIFT_TEST_POSTGRES_URL is not set');
  const schema = `nightshift_test_${randomUUID().replaceAll('-', '')}`;
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  schemas.push(schema);
  return openPostgresStore(url, { schema, maxConnections: 8 });
}

afterAll(async () => {
  if (admin === undefined) return;
  for (const schema of schemas) await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
  await admin.destroy();
});

describe.skipIf(url === undefined)('postgres (set NIGHTSHIFT_TEST_POSTGRES_URL to run)', () => {
  storeContract('postgres', freshStore);
  schemaContract('postgres', freshStore);

  it('returns bigint times as numbers', async () => {
    const store = await freshStore();
    const { rows } = await sql<{ n: unknown }>`select ${sql.lit(1_700_000_000_000)}::bigint as n`.execute(
      store.db,
    );
    await store.close();
    expect(rows).toEqual([{ n: 1_700_000_000_000 }]);
  });
});
