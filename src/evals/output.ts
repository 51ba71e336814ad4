/**
 * What any eval target produces, whatever it ran (a prompt, one tool, a whole investigation): the
 * one shape every assertion reads, so an assertion never knows which kind of target it checks.
 */
import type { Report } from '../core/index.js';
import type { TraceRecord } from '../tracing/index.js';

/** The part of an investigation an assertion may look at. */
export interface EvalInvestigation {
  report: Report;
  trace: TraceRecord;
  notes: string[];
}

export interface EvalOutput {
  /** The target's answer as text (a prompt's completion, a tool's JSON text). */
  text?: string;
  /** The answer as parsed JSON, when the target returns structured data. */
  json?: unknown;
  investigation?: EvalInvestigation;
  /** Wall-clock time the target took. */
  latencyMs?: number;
  /** What the target spent on models; when absent, the investigation's trace is priced instead. */
  costUsd?: number;
}
