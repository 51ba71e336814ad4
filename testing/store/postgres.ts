/**
 * A throwaway PostgreSQL database for end-to-end tests, on the server NIGHTSHIFT_TEST_POSTGRES_URL
 * names (`.ci/run` starts Debian's PostgreSQL and sets it). Undefined when the variable is unset.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.NIGHTSHIFT_TEST_POSTGRES_URL;

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!TEST_POSTGRES_URL) return undefined;
  const name = `nightshift_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
