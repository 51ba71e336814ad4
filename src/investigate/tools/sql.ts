/**
 * sql: one read-only SELECT over the bundle in DuckDB (tables metrics, logs, spans, changes,
 * events, history, incident). The database is loaded on the first call and closed with the
 * investigation; the connector enforces read-only, a row cap and a time limit.
 */
import { z } from 'zod';
import { type BundleDb, loadBundle, type QueryResult, query } from '../../connectors/index.js';
import { defineTool, type ToolContext } from './tool.js';

const databases = new WeakMap<ToolContext, Promise<BundleDb>>();

export const sqlTool = defineTool({
  name: 'sql',
  description:
    'Run one read-only SELECT in DuckDB over the incident bundle: tables metrics(ts, service, metric, value, labels), logs(ts, service, level, message, trace_id, attrs), spans, changes, events, history, incident. Timestamps are TIMESTAMPTZ. At most 200 rows come back.',
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
      db = loadBundle(ctx.bundleDir);
      databases.set(ctx, db);
    }
    return query(await db, input.query, { maxRows: input.maxRows, timeoutMs: 10_000 });
  },
  present: (r) => ({ columns: r.columns.map((c) => c.name), rows: r.rows, truncated: r.truncated }),
});

/** Closes the DuckDB database of an investigation, if its `sql` tool opened one. */
export async function closeSql(ctx: ToolContext): Promise<void> {
  const db = databases.get(ctx);
  if (!db) return;
  databases.delete(ctx);
  const opened = await db.catch(() => undefined);
  opened?.close();
}
