/**
 * incident.yaml → the one-row `incident` table, so that a query can say
 * `WHERE ts >= (SELECT window_start FROM incident)` instead of copying instants around.
 */
import { readFile } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { type Incident, incidentSchema, type Problem, toIso, ValidationError } from '../../core/index.js';
import { type DuckDb, runSql } from './client.js';
import { emptyTableSql, incidentTable } from './schema.js';

/** Reads and validates incident.yaml; throws a ValidationError naming the line or field at fault. */
export async function readIncident(path: string): Promise<Incident> {
  const file = 'incident.yaml';
  let raw: unknown;
  try {
    raw = parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    throw new ValidationError([
      { file, line: error.linePos?.[0].line, message: `not valid YAML (${error.message})` },
    ]);
  }
  const parsed = incidentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((issue) => ({
    file,
    field: issue.path.join('.') || undefined,
    message: issue.message,
  }));
  throw new ValidationError(problems, {
    hint: 'See docs/bundles.md for the fields of incident.yaml.',
  });
}

/** Creates the `incident` table with its single row. */
export async function createIncidentTable(db: DuckDb, incident: Incident): Promise<void> {
  await runSql(db, emptyTableSql(incidentTable));
  const { alert, window } = incident;
  // Instants go in as ISO text and are cast by DuckDB, which keeps them exact to the millisecond.
  const values = [
    incident.id,
    incident.title,
    alert.name,
    alert.service,
    alert.severity,
    toIso(alert.startsAt),
    toIso(window.start),
    toIso(window.end),
  ];
  const placeholders = incidentTable.columns.map((c) => `CAST(? AS ${c.type})`).join(', ');
  await runSql(db, `INSERT INTO incident VALUES (${placeholders})`, values);
}
