/**
 * sql: one read-only SELECT over the bundle in DuckDB (tables metrics, logs, spans, changes,
 * events, history, incident). The database is loaded on the first call, in a process of its own,
 * and closed when the investigation ends (the tool registers the close with `ctx.defer`); the
 * connector enforces read-only, a row cap, and memory and time limits that hold whatever the query
 * (a model's SQL may be steered by text in the logs it reads): a query past either is ended by
 * killing that process.
 */
import { z } from 'zod';
import { type IsolatedBundleDb, loadIsolatedBundle } from '../../connectors/duckdb/index.js';
import type { QueryResult } from '../../connectors/index.js';
import { cacheKey } from './scope.js';
import { defineTool } from './tool.js';

/** The investigation's DuckDB process, started by its first `sql` call. */
const DATABASE = cacheKey<Promise<IsolatedBundleDb>>('sql: the bundle in DuckDB');

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
    const bundleDir = ctx.bundleDir;
    if (!bundleDir) {
      throw new Error(
        'sql works over an incident bundle; this investigation reads live sources, use the other tools',
      );
    }
    const db = ctx.cache.get(DATABASE, () => {
      const opening = loadIsolatedBundle(bundleDir, {
        queryLimits: { memoryLimitBytes: TOOL_MEMORY_LIMIT_BYTES },
      });
      // Registered before the load settles: a load still running when the investigation ends is closed too.
      ctx.defer(async () => {
        const opened = await opening.catch(() => undefined);
        await opened?.close();
      });
      return opening;
    });
    return (await db).query(input.query, { maxRows: input.maxRows, timeoutMs: TOOL_TIMEOUT_MS });
  },
  present: (r) => ({ columns: r.columns.map((c) => c.name), rows: r.rows, truncated: r.truncated }),
});
