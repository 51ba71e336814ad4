/**
 * The planted investigation as `nightshift serve` would have kept it: a SQLite store (in memory)
 * holding its alert, its report and trace, and the responders' feedback. Test support only.
 */
import { openSqliteStore, type Store } from '../../src/store/index.js';
import type { PlantedInvestigation } from './planted-investigation.js';

/** A fresh store holding `planted`, and the investigation's id in it. */
export async function plantedStore(planted: PlantedInvestigation): Promise<{ store: Store; id: string }> {
  const store = openSqliteStore(':memory:');
  await store.migrate();
  const { alert } = planted;
  const outcome = await store.intake(
    {
      fingerprint: 'fp-planted',
      source: 'alertmanager',
      status: 'firing',
      groupKey: alert.service,
      name: alert.name,
      service: alert.service,
      severity: alert.severity,
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt,
      receivedAt: alert.startsAt + 1000,
    },
    { groupWindowMs: 60_000, maxAttempts: 3 },
  );
  if (outcome.kind !== 'new') throw new Error(`intake gave ${outcome.kind}`);
  const id = outcome.investigationId;
  await store.saveResult(id, {
    report: planted.report,
    category: planted.report.rootCause.category,
    brain: 'builtin',
    trace: planted.trace,
    finishedAt: alert.startsAt + 30_000,
  });
  for (const f of planted.feedback) await store.addFeedback({ investigationId: id, ...f });
  return { store, id };
}
