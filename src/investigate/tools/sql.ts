/**
 * sql: one read-only SELECT over the bundle in DuckDB (tables metrics, logs, spans, changes,
 * events, history, incident). The database is loaded on the first call, in a process of its own,
 * and closed with the investigation; the connector enforces read-only, a row cap, and memory and time
 * limits that hold whatever the query (a model's SQL may be steered by text in the logs it reads):
 * a query past either is ended by killing that process.
 */
import { z } from 'zod';
import { type IsolatedBundleDb, loadIsolatedBundle } from '../../connectors/duckdb/index.js';
import type { QueryResult } from '../../connectors/index.js';
import { defineTool, type ToolContext } from './tool.js';

const databases = new WeakMap<ToolContext, Promise<IsolatedBundleDb>>();

/**
 * A model's query answers within 10 s or not at all, and a query that would need more than 1 GB
 * (a log table joined with itself) fails with a message that tells the model to narrow it.
 */
const TOOL_TIMEOUT_MS = 10_000;
const TOOL_MEMORY_LIMIT_BYTES = 1_000_000_000;

export const sqlTool = defineTool({
  name: 'sql',
  description:
    'Run one read-only SELECT in DuckDB over the incident bundle: tables metrics(ts, service, metric, value, labels), logs(ts, service, level, message, trace_id, attrs), spans, changes, events, history, incident. Timestamps are TIMESTAMPTZ. At most 200 rows come back; a query is stopped after 10 s or past 1 GB of memory, so filter to the incident window and aggregate.',
  input: z.object({
    query: z.string().min(1).max(4000),
    maxRows: z.number().int().min(1).max(200).default(50),
  }),
  run: async (input, ctx): Promise<QueryResult> => {
    let db = databases.get(ctx);
    if (!db) {
      if (!ctx.bundleDir) {
        throw new Error(
          'sql works over an incident bundle; this investigation reads live sources, use the other tools',
        );
      }
      db = loadIsolatedBundle(ctx.bundleDir, {
        queryLimits: { memoryLimitBytes: TOOL_MEMORY_LIMIT_BYTES },
      });
      databases.set(ctx, db);
    }
    return (await db).query(input.query, { maxRows: input.maxRows, timeoutMs: TOOL_TIMEOUT_MS });
  },
  present: (r) => ({ columns: r.columns.map((c) => c.name), rows: r.rows, truncated: r.truncated }),
});

/** Closes the DuckDB database of an investigation, if its `sql` tool opened one. */
export async function closeSql(ctx: ToolContext): Promise<void> {
  const db = databases.get(ctx);
  if (!db) return;
  databases.delete(ctx);
  const opened = await db.catch(() => undefined);
  await opened?.close();
}
