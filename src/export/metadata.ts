/**
 * `metadata.json`: the facts about one investigation in one place (ids, times, status, brain,
 * models, tokens and cost from the trace totals, grade and feedback, the Nightshift that ran the
 * export). `eval save` reads `investigationId`, `brain`, `report` and `feedback` from it
 * (src/evals/save/export-folder.ts); the rest is for people and scripts. docs/exports.md is the
 * normative list of fields.
 */
import type { ReplacementSummary } from '../anonymise/index.js';
import { type Report, toIso } from '../core/index.js';
import type { FeedbackNote } from '../evals/save/index.js';
import { ATTR, type TraceRecord, type TraceTotals, traceTotals } from '../tracing/index.js';
import type { ExportItem } from './sources.js';
import type { NightshiftVersion } from './version.js';

export const EXPORT_FORMAT = 'nightshift.export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportMetadata {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  investigationId: string;
  incidentId?: string;
  origin: ExportItem['origin'];
  status: ExportItem['status'];
  brain?: string;
  alert: { name: string; service: string; severity: string; startsAt: string };
  /** RFC 3339 instants; only those the source keeps. */
  times: Partial<Record<keyof ExportItem['times'], string>>;
  /** Model ids asked for and answering, in the order first used; empty for the built-in brain. */
  models: string[];
  /** Sums over the trace (src/tracing/totals.ts); absent when no trace was kept. */
  totals?: TraceTotals;
  rootCause: Pick<Report['rootCause'], 'service' | 'category' | 'confidence' | 'changeId'>;
  /** The newest feedback's grade, when responders gave any. */
  grade?: string;
  /** Oldest first; `at` in epoch ms (what `eval save` reads). */
  feedback: FeedbackNote[];
  report: Report;
  rounds?: number;
  notes?: string[];
  /** Whether recording.json was written (with how it was made), and why not when it was not. */
  recording: { written: true; notes: string[] } | { written: false; reason: string };
  anonymised: boolean;
  /** What the anonymiser replaced, by kind, with example tokens (never an original). */
  replaced?: ReplacementSummary[];
  nightshift: NightshiftVersion;
  exportedAt: string;
}

export interface MetadataInput {
  /** The id as the folder names it (see docs/exports.md on anonymised ids). */
  id: string;
  item: ExportItem;
  /** The item's parts after the scrubber: what every other file shows too. */
  report: Report;
  trace: TraceRecord | undefined;
  feedback: FeedbackNote[];
  incidentId?: string;
  notes?: string[];
  recording: ExportMetadata['recording'];
  anonymised: boolean;
  replaced: ReplacementSummary[];
  version: NightshiftVersion;
  now: number;
}

export function buildMetadata(input: MetadataInput): ExportMetadata {
  const { item, report, trace } = input;
  const alert = item.found.alert;
  const feedback = [...input.feedback].sort((a, b) => a.at - b.at);
  const times = Object.fromEntries(
    Object.entries(item.times).map(([key, ms]) => [key, toIso(ms)]),
  ) as ExportMetadata['times'];
  const { service, category, confidence, changeId } = report.rootCause;
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    investigationId: input.id,
    ...(input.incidentId === undefined ? {} : { incidentId: input.incidentId }),
    origin: item.origin,
    status: item.status,
    ...(item.found.brain === undefined ? {} : { brain: item.found.brain }),
    alert: {
      name: alert.name,
      service: alert.service,
      severity: alert.severity,
      startsAt: toIso(alert.startsAt),
    },
    times,
    models: trace ? modelsOf(trace) : [],
    ...(trace ? { totals: traceTotals(trace) } : {}),
    rootCause: { service, category, confidence, ...(changeId === undefined ? {} : { changeId }) },
    ...(feedback.length === 0 ? {} : { grade: feedback.at(-1)?.grade }),
    feedback,
    report,
    ...(item.rounds === undefined ? {} : { rounds: item.rounds }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
    recording: input.recording,
    anonymised: input.anonymised,
    ...(input.anonymised ? { replaced: input.replaced } : {}),
    nightshift: input.version,
    exportedAt: toIso(input.now),
  };
}

/** The distinct model ids of the prompt spans, requested then answering, in first-use order. */
export function modelsOf(trace: TraceRecord): string[] {
  const models = new Set<string>();
  for (const span of trace.spans) {
    if (span.kind !== 'prompt') continue;
    for (const key of [ATTR.requestModel, ATTR.responseModel]) {
      const model = span.attributes[key];
      if (typeof model === 'string') models.add(model);
    }
  }
  return [...models];
}
