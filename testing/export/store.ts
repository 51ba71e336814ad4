/**
 * A SQLite store (in memory) holding investigations created at chosen instants, done with the
 * fixture's report and trace unless told otherwise, for export tests. Test support only.
 */
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { ALERT, llmTrace, REPORT } from './llm-investigation.js';

export interface StoredSpec {
  /** When the alert arrived: the investigation's `createdAt`. */
  at: number;
  /** `queued`: left without a result; `bad`: done with a report that does not parse. */
  state?: 'done' | 'queued' | 'bad';
}

/** A fresh store (SQLite in memory unless `open` gives another) and the ids of `specs`, in their order. */
export async function storeWith(
  specs: readonly StoredSpec[],
  open: () => Store = () => openSqliteStore(':memory:'),
): Promise<{ store: Store; ids: string[] }> {
  const store = open();
  await store.migrate();
  const ids: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const outcome = await store.intake(
      {
        fingerprint: `fp-${i}`,
        source: 'alertmanager',
        status: 'firing',
        groupKey: `group-${i}`,
        name: ALERT.name,
        service: ALERT.service,
        severity: ALERT.severity,
        labels: ALERT.labels,
        annotations: ALERT.annotations,
        startsAt: spec.at - 1000,
        receivedAt: spec.at,
      },
      { groupWindowMs: 60_000, maxAttempts: 3 },
    );
    if (outcome.kind !== 'new') throw new Error(`intake gave ${outcome.kind}`);
    const id = outcome.investigationId;
    ids.push(id);
    if (spec.state === 'queued') continue;
    await store.saveResult(id, {
      report: spec.state === 'bad' ? { summary: 'no root cause field' } : REPORT,
      category: REPORT.rootCause.category,
      brain: 'llm',
      trace: llmTrace(),
      finishedAt: spec.at + 30_000,
    });
  }
  return { store, ids };
}
