/**
 * Reads what accuracy counts from the store (the only I/O of accuracy): every feedback in the
 * window, the investigations it is about, and, for the account split, their first alert's labels.
 * Feedback is read first because it is the small side: people grade a fraction of investigations.
 */
import { firstAlertOf, type InvestigationRow, type Store } from '../store/index.js';
import { casesFromFeedback } from './cases.js';
import { type AccuracyReport, type AccuracySplit, accuracyReport } from './figures.js';

/** The accuracy report of the store's confirmed incidents created at or after `sinceMs`. */
export async function measureAccuracy(
  store: Store,
  options: { sinceMs: number; by?: AccuracySplit },
): Promise<AccuracyReport> {
  // Feedback comes after its investigation, so none about the window is older than its start.
  const feedback = (await store.listFeedback()).filter((f) => f.at >= options.sinceMs);
  const investigations: InvestigationRow[] = [];
  for (const id of new Set(feedback.map((f) => f.investigationId))) {
    const row = await store.getInvestigation(id);
    // The window itself is accuracyReport's to apply, on investigations' creation times.
    if (row !== undefined) investigations.push(row);
  }
  const alertLabels = new Map<string, Readonly<Record<string, string>>>();
  if (options.by === 'account' || options.by === 'environment') {
    for (const row of investigations) {
      const first = firstAlertOf(await store.alertsOf(row.id));
      if (first !== undefined) alertLabels.set(row.id, first.labels);
    }
  }
  return accuracyReport(casesFromFeedback({ investigations, feedback, alertLabels }), options);
}
