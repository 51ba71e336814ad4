/**
 * Export from a PostgreSQL store: `--since` pages through the team's store and each folder is
 * complete. Runs when NIGHTSHIFT_TEST_POSTGRES_URL is set (each run in a schema of its own).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { storeWith } from '../../testing/export/store.js';
import { openPostgresStore } from '../store/index.js';
import { exportInvestigations } from './export.js';

const url = process.env.NIGHTSHIFT_TEST_POSTGRES_URL;
const schema = `nightshift_export_${randomUUID().replaceAll('-', '')}`;
let admin: Kysely<unknown> | undefined;
let dir: string | undefined;

afterAll(async () => {
  if (admin) {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
    await admin.destroy();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(url === undefined)('export from PostgreSQL (set NIGHTSHIFT_TEST_POSTGRES_URL to run)', () => {
  test('--since exports the done investigations, newest first, with an index', async () => {
    admin = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    });
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    const now = Date.parse('2026-04-10T00:00:00Z');
    const { store, ids } = await storeWith(
      [
        { at: now - 3 * 3_600_000 },
        { at: now - 2 * 3_600_000, state: 'queued' },
        { at: now - 3_600_000 },
        { at: now - 50 * 3_600_000 },
      ],
      () => openPostgresStore(url ?? '', { schema, maxConnections: 2 }),
    );
    dir = await mkdtemp(join(tmpdir(), 'export-pg-'));
    try {
      const out = join(dir, 'out');
      const result = await exportInvestigations({
        sinceMs: now - 24 * 3_600_000,
        out,
        force: false,
        anonymise: false,
        names: [],
        home: join(dir, 'home'),
        store,
        now,
      });
      expect(result.rows.map((r) => r.id)).toEqual([ids[2], ids[0]]);
      const metadata = JSON.parse(await readFile(join(out, ids[0] ?? '', 'metadata.json'), 'utf8'));
      expect(metadata).toMatchObject({
        origin: 'store',
        status: 'done',
        brain: 'llm',
        totals: { prompts: 2, toolCalls: 3 },
      });
      expect(JSON.parse(await readFile(join(out, 'index.json'), 'utf8')).investigations).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
