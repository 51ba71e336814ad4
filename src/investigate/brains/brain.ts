/**
 * A brain examines an incident with the tools and writes the report. The coordinator has already
 * read the sources and found the windows; the brain decides what to look at, forms hypotheses,
 * has them reviewed, revises, and writes. Every brain returns the same report schema, so the two
 * can be compared case by case.
 */
import type { Report } from '../../core/index.js';
import type { Tracer } from '../../tracing/index.js';
import type { ToolContext } from '../tools/index.js';

export interface BrainInput {
  ctx: ToolContext;
  tracer: Tracer;
  incidentId: string;
  /** Review rounds at most (hypothesise → review → revise). */
  maxRounds: number;
}

export interface BrainOutput {
  report: Report;
  /** How many hypothesise → review rounds ran. */
  rounds: number;
  /** Anything the reader should know about how the report was made (e.g. a fallback). */
  notes: string[];
}

export interface Brain {
  name: string;
  investigate(input: BrainInput): Promise<BrainOutput>;
}
