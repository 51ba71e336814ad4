/**
 * Every investigation tool by name. Adding a tool is one file and one line here; the built-in
 * brain and the LLM brain both take their tools from this table.
 */

import type { z } from 'zod';
import { detectIncidentWindowTool } from './detect-incident-window.js';
import { infraEventsTool } from './infra-events.js';
import { logPatternsTool } from './log-patterns.js';
import { queryMetricsTool } from './query-metrics.js';
import { recentChangesTool } from './recent-changes.js';
import { searchLogsTool } from './search-logs.js';
import { similarIncidentsTool } from './similar-incidents.js';
import { sqlTool } from './sql.js';
import type { Tool } from './tool.js';
import { traceErrorsTool } from './trace-errors.js';

export const tools = {
  detect_incident_window: detectIncidentWindowTool,
  query_metrics: queryMetricsTool,
  log_patterns: logPatternsTool,
  search_logs: searchLogsTool,
  trace_errors: traceErrorsTool,
  recent_changes: recentChangesTool,
  infra_events: infraEventsTool,
  similar_incidents: similarIncidentsTool,
  sql: sqlTool,
} satisfies Record<string, Tool>;

export type ToolName = keyof typeof tools;
export const TOOL_NAMES = Object.keys(tools) as ToolName[];
/** What a tool accepts, before its schema's defaults: what a caller may pass. */
export type ToolInput<N extends ToolName> = z.input<(typeof tools)[N]['input']>;
/** What a tool returns to the built-in brain (the typed output, before `present`). */
export type ToolOutput<N extends ToolName> = Awaited<ReturnType<(typeof tools)[N]['run']>>;
