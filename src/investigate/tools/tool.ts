/**
 * An investigation tool: a name a model can call, a zod input schema, a run over the incident's
 * collected data (or a connector), and a compact JSON view of its output for a model. The built-in
 * brain uses the typed output directly; an LLM brain sees the compact view. Both go through
 * `callTool`, so every call is validated and traced the same way.
 */
import type { z } from 'zod';
import type { Alert, TimeRange as Range } from '../../core/index.js';
import type { Collected } from '../collect.js';
import type { ServiceGraph } from '../graph.js';
import type { IncidentWindows } from '../windows.js';
import type { Dispose, InvestigationCache } from './scope.js';

export interface ToolContext {
  bundleDir?: string;
  alert: Alert;
  data: Collected;
  graph: ServiceGraph;
  /** The stretch of telemetry that was read (see `readRange`). */
  range: Range;
  windows: IncidentWindows;
  /** Values computed once per investigation and shared by its tool calls (see `cacheKey`). */
  cache: InvestigationCache;
  /** Registers the release of a resource a tool opened; run by the coordinator when the investigation ends. */
  defer(dispose: Dispose): void;
}

export interface Tool<I extends z.ZodType = z.ZodType, O = unknown> {
  name: string;
  /** What the tool answers and when to use it: read by models, so precise and short. */
  description: string;
  input: I;
  run(input: z.infer<I>, ctx: ToolContext): O | Promise<O>;
  /** The model's view: small, named fields, the strongest items first. */
  present(output: O): unknown;
}

/** Lets a heterogeneous list of tools keep each one's own input and output types. */
export function defineTool<I extends z.ZodType, O>(tool: Tool<I, O>): Tool<I, O> {
  return tool;
}
