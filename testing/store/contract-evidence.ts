import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packEvidence } from '../../src/store/index.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { Store } from '../../src/store/types.js';
import { alert, OPTIONS, T0 } from './contract-fixtures.js';

/** Evidence-like JSON: nested, unicode, numbers, and large enough for gzip to matter. */
function evidence(tag: string): unknown {
  return {
    version: 1,
    incidentId: tag,
    collected: {
      logs: Array.from({ length: 500 }, (_, i) => ({ ts: T0 + i, message: `ünïcode "line" ${i} ${tag}` })),
      missing: [{ source: 'events', reason: 'not configured' }],
    },
  };
}

/** The store contract's part on evidence. Run by storeContract for every implementation. */
export function evidenceContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract, evidence: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps evidence and reads it back whole; none for another id', async () => {
      await store.saveEvidence('inv-1', evidence('a'), T0);
      expect(await store.getEvidence('inv-1')).toEqual(evidence('a'));
      expect(await store.getEvidence('inv-2')).toBeUndefined();
    });

    it('keeps evidence packed elsewhere (an investigation thread) as if saved here', async () => {
      await store.saveGzippedEvidence('inv-1', packEvidence(evidence('packed')), T0);
      expect(await store.getEvidence('inv-1')).toEqual(evidence('packed'));
    });

    it('saving again replaces the evidence', async () => {
      await store.saveEvidence('inv-1', evidence('a'), T0);
      await store.saveEvidence('inv-1', evidence('b'), T0 + 1);
      expect(await store.getEvidence('inv-1')).toEqual(evidence('b'));
    });

    it("stores gzip'd JSON in base64, with its gzip size in bytes", async () => {
      await store.saveEvidence('inv-1', evidence('a'), T0);
      // Every store is a KyselyStore: the row is read as the table holds it.
      const { db } = store as KyselyStore;
      const { rows } = await sql<{ bytes: number; data: string; created_at: number }>`
        select bytes, data, created_at from investigation_evidence where investigation_id = 'inv-1'`.execute(
        db,
      );
      const row = rows[0];
      const zipped = Buffer.from(row?.data ?? '', 'base64');
      expect(JSON.parse(gunzipSync(zipped).toString('utf8'))).toEqual(evidence('a'));
      expect(Number(row?.bytes)).toBe(zipped.length);
      expect(Number(row?.created_at)).toBe(T0);
      expect(zipped.length).toBeLessThan(JSON.stringify(evidence('a')).length / 4);
    });

    it('prunes evidence older than the retention, but keeps that of investigations with feedback', async () => {
      const ids: string[] = [];
      for (const [i, fingerprint] of ['old', 'old-graded', 'new'].entries()) {
        const outcome = await store.intake(
          alert({ fingerprint, groupKey: fingerprint, receivedAt: T0 + i }),
          OPTIONS,
        );
        if (outcome.kind !== 'new') throw new Error(outcome.kind);
        ids.push(outcome.investigationId);
      }
      const [old, graded, recent] = ids as [string, string, string];
      await store.saveEvidence(old, evidence('old'), T0);
      await store.saveEvidence(graded, evidence('graded'), T0);
      await store.saveEvidence(recent, evidence('new'), T0 + 10_000);
      await store.addFeedback({ investigationId: graded, grade: 'correct', at: T0 + 1 });
      expect(await store.pruneEvidence(T0 + 5_000)).toBe(1);
      expect(await store.getEvidence(old)).toBeUndefined();
      expect(await store.getEvidence(graded)).toEqual(evidence('graded'));
      expect(await store.getEvidence(recent)).toEqual(evidence('new'));
      expect(await store.pruneEvidence(T0 + 5_000)).toBe(0);
    });
  });
}
