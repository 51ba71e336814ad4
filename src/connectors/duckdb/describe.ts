/**
 * What a loaded bundle holds: each table with its columns and row count. People read it before
 * writing a query (`nightshift sql <bundle>`), and the `sql` investigation tool hands it to a model.
 */
import { readRows } from './client.js';
import type { BundleDb } from './load.js';
import { TABLES } from './schema.js';

export interface TableDescription {
  name: string;
  description: string;
  rowCount: number;
  columns: { name: string; type: string; description: string }[];
}

/** Tables in a stable order (`incident` first), with the row count of each. */
export async function describeTables(db: BundleDb): Promise<TableDescription[]> {
  const counts = await readRows(
    db.duckdb,
    TABLES.map((t) => `SELECT '${t.name}' AS name, count(*) AS n FROM ${t.name}`).join(' UNION ALL '),
  );
  const countOf = new Map(counts.map((row) => [row.name, Number(row.n)]));
  return TABLES.map((table) => ({
    name: table.name,
    description: table.description,
    rowCount: countOf.get(table.name) ?? 0,
    columns: table.columns.map(({ name, type, description }) => ({ name, type, description })),
  }));
}
