/**
 * Backtest cases from production: the investigations whose root cause a responder confirmed
 * through feedback (the latest feedback per investigation, as accuracy counts it), each replayed
 * from the evidence it collected. The case id is the investigation id. The truth of each case is
 * decided in from-store-truth.ts; a case that cannot be scored or replayed is skipped with its
 * reason, never guessed.
 *
 * Memory stays flat in the number of cases: the source keeps each case's truth and labels, and
 * reads the evidence (the bulk) again when the case is loaded.
 */
import { NightshiftError, type Report, reportSchema } from '../core/index.js';
import type { InvestigationInput } from '../investigate/index.js';
import { type Evidence, evidenceInput, parseEvidence } from '../investigate/index.js';
import { type Feedback, firstAlertOf, type Store } from '../store/index.js';
import { incidentServices, type StoreCaseTruth, truthFromFeedback } from './from-store-truth.js';
import { caseLabels } from './labels.js';

/** Which confirmed incidents to take. */
export interface ConfirmedCaseQuery {
  /** Investigations created at or after this instant (epoch ms). */
  since?: number;
  /** The alert's service. */
  service?: string;
  /** The account label (src/backtest/labels.ts); an incident without one is filed under `lab`. */
  account?: string;
  /** At most this many cases, the most recent first. */
  limit?: number;
}

/** One case, ready to investigate and score. */
export interface ConfirmedCase {
  input: InvestigationInput;
  truth: StoreCaseTruth;
  labels: Record<string, string>;
}

export interface ConfirmedCaseSource {
  /** The investigation ids of the usable cases, the most recent first. */
  caseIds: string[];
  /** Confirmed incidents of the query that cannot be a case, and why. */
  skipped: Array<{ id: string; reason: string }>;
  /** The case `caseId`: its evidence read from the store as sources, its truth and its labels. */
  load(caseId: string): Promise<ConfirmedCase>;
}

/** Why a confirmed incident without evidence is skipped. */
export const NO_EVIDENCE_REASON =
  'no evidence kept (investigated before evidence was recorded, or with keepEvidence off)';

/** The confirmed incidents of `store` that match `query`, as backtest cases. */
export async function confirmedCaseSource(
  store: Store,
  query: ConfirmedCaseQuery,
): Promise<ConfirmedCaseSource> {
  const since = query.since ?? Number.NEGATIVE_INFINITY;
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  // Feedback comes after its investigation, so none about the window is older than its start.
  const latest = latestFeedback((await store.listFeedback()).filter((f) => f.at >= since));
  const candidates = [];
  for (const [id, feedback] of latest) {
    const row = await store.getInvestigation(id);
    if (row === undefined || row.createdAt < since) continue;
    if (query.service !== undefined && row.service !== query.service) continue;
    candidates.push({ row, feedback });
  }
  candidates.sort((a, b) => b.row.createdAt - a.row.createdAt || a.row.id.localeCompare(b.row.id));

  const cases = new Map<string, { truth: StoreCaseTruth; labels: Record<string, string> }>();
  const skipped: ConfirmedCaseSource['skipped'] = [];
  for (const { row, feedback } of candidates) {
    if (cases.size >= limit) break;
    const first = firstAlertOf(await store.alertsOf(row.id));
    const labels = caseLabels(first?.labels ?? {});
    if (query.account !== undefined && labels.account !== query.account) continue;
    const report = readReport(row.report);
    if (typeof report === 'string') {
      skipped.push({ id: row.id, reason: report });
      continue;
    }
    const evidence = await readEvidence(store, row.id);
    if (typeof evidence === 'string') {
      skipped.push({ id: row.id, reason: evidence });
      continue;
    }
    const decided = truthFromFeedback(
      report,
      feedback,
      incidentServices(report, first?.service ?? evidence.alert.service, evidence),
    );
    if (!decided.ok) skipped.push({ id: row.id, reason: decided.reason });
    else cases.set(row.id, { truth: decided.truth, labels });
  }

  return {
    caseIds: [...cases.keys()],
    skipped,
    load: async (caseId) => {
      const known = cases.get(caseId);
      if (known === undefined) {
        throw new NightshiftError(
          'NOT_FOUND',
          `investigation ${caseId} is not a confirmed case of this query`,
          {
            hint: 'Load one of `caseIds`; the skipped ones say why they cannot be cases.',
          },
        );
      }
      const evidence = await readEvidence(store, caseId);
      if (typeof evidence === 'string') {
        throw new NightshiftError('BAD_INPUT', `investigation ${caseId}: ${evidence}`, {
          hint: 'Its evidence was removed from the store after the backtest was planned.',
        });
      }
      return { input: evidenceInput(evidence), truth: known.truth, labels: known.labels };
    },
  };
}

/** The latest feedback per investigation; of two given at the same instant, the later listed. */
function latestFeedback(feedback: readonly Feedback[]): Map<string, Feedback> {
  const latest = new Map<string, Feedback>();
  for (const f of [...feedback].sort((a, b) => a.at - b.at)) latest.set(f.investigationId, f);
  return latest;
}

/** The stored report, or why there is none to score against. */
function readReport(stored: unknown): Report | string {
  if (stored === undefined) return 'no report (the investigation failed or has not finished)';
  const parsed = reportSchema.safeParse(stored);
  return parsed.success ? parsed.data : 'unreadable report (stored in a shape this version cannot parse)';
}

/** The investigation's evidence, or why it cannot be replayed. */
async function readEvidence(store: Store, id: string): Promise<Evidence | string> {
  const raw = await store.getEvidence(id);
  if (raw === undefined) return NO_EVIDENCE_REASON;
  try {
    return parseEvidence(raw, `the store's evidence of investigation ${id}`);
  } catch (error) {
    if (error instanceof NightshiftError && error.code === 'BAD_INPUT')
      return `unreadable evidence: ${error.message}`;
    throw error;
  }
}
