/**
 * Evidence in the store (migration 0006): what an investigation collected, kept so it can be
 * replayed without its sources (src/replay). Stored as gzip'd JSON in base64 (a text column works
 * the same on SQLite and PostgreSQL); `bytes` is the gzip size, to report and to cap. Saving again
 * replaces the earlier evidence (a retried investigation collects again).
 */
import { promisify } from 'node:util';
import { gunzip, gzip, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { NightshiftError } from '../core/index.js';
import type { Db } from './db.js';

// The asynchronous zlib calls run on libuv's pool: a large evidence does not hold the event loop
// of a server answering webhooks.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export async function saveEvidence(
  db: Kysely<Db>,
  investigationId: string,
  evidence: unknown,
  now: number,
): Promise<void> {
  await saveGzippedEvidence(db, investigationId, await gzipAsync(JSON.stringify(evidence)), now);
}

/**
 * Evidence already serialised and gzip'd (packEvidence), as an investigation thread sends it: the
 * server's own thread then neither clones a large object graph nor serialises it.
 */
export async function saveGzippedEvidence(
  db: Kysely<Db>,
  investigationId: string,
  gzipped: Uint8Array,
  now: number,
): Promise<void> {
  const zipped = Buffer.from(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength);
  const row = { created_at: now, bytes: zipped.length, data: zipped.toString('base64') };
  await db
    .insertInto('investigation_evidence')
    .values({ investigation_id: investigationId, ...row })
    .onConflict((c) => c.column('investigation_id').doUpdateSet(row))
    .execute();
}

export async function getEvidence(db: Kysely<Db>, investigationId: string): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('investigation_evidence')
    .select('data')
    .where('investigation_id', '=', investigationId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  try {
    return JSON.parse((await gunzipAsync(Buffer.from(row.data, 'base64'))).toString('utf8'));
  } catch (error) {
    throw new NightshiftError(
      'BAD_INPUT',
      `investigation_evidence row "${investigationId}": column "data" is not gzip'd JSON in base64 (${(error as Error).message})`,
      {
        hint: 'The row was written by something other than Nightshift; delete it, and the investigation replays no more.',
        cause: error,
      },
    );
  }
}

/**
 * Deletes the evidence kept before `before` (epoch ms), except that of investigations a responder
 * gave feedback on: those are the confirmed incidents `backtest run --from-store` replays, kept as
 * long as the store is. Returns how many were deleted.
 */
export async function pruneEvidence(db: Kysely<Db>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('investigation_evidence')
    .where('created_at', '<', before)
    .where('investigation_id', 'not in', db.selectFrom('feedback').select('investigation_id'))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Evidence as `saveGzippedEvidence` takes it: JSON, gzip'd. Synchronous: for a thread of its own. */
export function packEvidence(evidence: unknown): Uint8Array {
  return gzipSync(JSON.stringify(evidence));
}
