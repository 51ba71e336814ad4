/**
 * What `eval save` starts from, wherever it was found: a CLI-saved investigation, one in the
 * configured store, or an export folder. The three differ in what they carry (a trace, or a
 * recording already made), so later steps read this one shape.
 */
import type { Alert, Report } from '../../core/index.js';
import type { TraceRecord } from '../../tracing/index.js';
import type { Recording } from '../recording/schema.js';

/** A responder's verdict on the investigation (the store's feedback, or an export's metadata). */
export interface FeedbackNote {
  grade: string;
  /** The real root cause in the responder's words: prose that may name a service. */
  rootCause?: string;
  category?: string;
  /** Epoch ms; the newest note wins. */
  at: number;
}

export interface FoundInvestigation {
  /** Where it came from, as the case's `source` says it: `investigation <id>`, `export <folder>`. */
  source: string;
  /** The brain that wrote `report`: `builtin`, `llm`, or undefined when an export does not say. */
  brain: string | undefined;
  alert: Alert;
  /** The investigation's own (final) report. */
  report: Report;
  /** The trace, for a stored investigation; an export brings `recording` instead. */
  trace?: TraceRecord;
  recording?: Recording;
  feedback: FeedbackNote[];
}
