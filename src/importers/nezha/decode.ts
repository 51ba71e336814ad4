/**
 * Raw Nezha files → typed rows, validated cell by cell with the schemas of `wire.ts`. The first bad
 * cell stops the import with an error naming the file, the line and the column (or, for the fault
 * list, the hour, the fault and the field), so nothing is written from a file that was misread.
 */
import type { z } from 'zod';
import { NightshiftError } from '../../core/index.js';
import { badCsv, type CsvRow, type CsvTable, requireColumns } from './csv-table.js';
import { type CallEdge, parseEdgeColumn } from './names.js';
import {
  DEPENDENCY_COLUMNS,
  EDGE_TIME_COLUMN,
  EDGE_TIMESTAMP_COLUMN,
  FRONT_LATENCY_COLUMNS,
  FRONT_SERVICE_COLUMNS,
  type FrontLatencyColumn,
  faultListSchema,
  goTimeCell,
  measurementCell,
  nameCell,
  POD_COLUMNS,
  POD_VALUE_COLUMNS,
  type PodValueColumn,
  percentCell,
} from './wire.js';

/** One injected fault, in Nezha's words. */
export interface NezhaFault {
  /** Where it is in the fault list, for messages: `hour "04", fault 3`. */
  where: string;
  /**
   * From `inject_timestamp` (epoch seconds). On 2022-08-22 one fault's `inject_time` is a minute
   * later than its timestamp, and the pod's CPU rises at the timestamp: the timestamp is the truth.
   */
  injectedAtMs: number;
  /** `inject_time` as written (UTC, no zone). */
  injectTime: string;
  pod: string;
  type: string;
}

/** Parses a fault list; faults come out in injection order. */
export function decodeFaultList(file: string, text: string): NezhaFault[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NightshiftError('BAD_INPUT', `${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = faultListSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [hour, index, ...field] = issue.path;
    const where = [
      hour === undefined ? undefined : `hour "${String(hour)}"`,
      typeof index === 'number' ? `fault ${index + 1}` : undefined,
      field.length > 0 ? `field "${field.join('.')}"` : undefined,
    ].filter((part) => part !== undefined);
    const prefix = where.length === 0 ? file : `${file}: ${where.join(', ')}`;
    throw new NightshiftError('BAD_INPUT', `${prefix}: ${issue.message}`, {
      hint: 'A fault list maps hours ("03") to lists of {inject_time, inject_timestamp, inject_pod, inject_type}.',
    });
  }
  const faults = Object.entries(parsed.data).flatMap(([hour, items]) =>
    items.map((item, i) => ({
      where: `hour "${hour}", fault ${i + 1}`,
      injectedAtMs: item.inject_timestamp * 1000,
      injectTime: item.inject_time,
      pod: item.inject_pod,
      type: item.inject_type,
    })),
  );
  return faults.sort((a, b) => a.injectedAtMs - b.injectedAtMs);
}

/** A row of a pod's metric file; a value absent from `values` had no sample (NaN). */
export interface PodRow {
  line: number;
  timeMs: number;
  values: Partial<Record<PodValueColumn, number>>;
}

/** The rows of `<pod>_metric.csv`; every row's `PodName` must be `pod`. */
export function decodePodTable(table: CsvTable, pod: string): PodRow[] {
  requireExactColumns(table, POD_COLUMNS);
  return table.rows.map((row) => {
    const name = cell(table, row, 'PodName', nameCell);
    if (name !== pod) {
      throw badCsv(table.file, row.line, `PodName is "${name}", but the file is ${pod}'s`, {
        column: 'PodName',
      });
    }
    const values: Partial<Record<PodValueColumn, number>> = {};
    for (const column of POD_VALUE_COLUMNS) {
      const value = cell(table, row, column, measurementCell);
      if (value !== undefined) values[column] = value;
    }
    return { line: row.line, timeMs: cell(table, row, 'Time', goTimeCell), values };
  });
}

/** A row of `front_service.csv`. */
export interface FrontRow {
  line: number;
  timeMs: number;
  successPercent: number | undefined;
  latencySeconds: Partial<Record<FrontLatencyColumn, number>>;
}

/** The rows of `front_service.csv`. */
export function decodeFrontServiceTable(table: CsvTable): FrontRow[] {
  requireExactColumns(table, FRONT_SERVICE_COLUMNS);
  return table.rows.map((row) => {
    // Checked, not used: TrainTicket's file says "Frontend" too, so the service comes from the caller.
    cell(table, row, 'ServiceName', nameCell);
    const latencySeconds: Partial<Record<FrontLatencyColumn, number>> = {};
    for (const column of FRONT_LATENCY_COLUMNS) {
      const value = cell(table, row, column, measurementCell);
      if (value !== undefined) latencySeconds[column] = value;
    }
    return {
      line: row.line,
      timeMs: cell(table, row, 'Time', goTimeCell),
      successPercent: cell(table, row, 'SuccessRate(%)', percentCell),
      latencySeconds,
    };
  });
}

/** A call edge and the column that holds its latency. */
export interface EdgeColumn extends CallEdge {
  column: string;
}

/** `source_50.csv` or `destination_50.csv`: its edges, and per row the latency of each edge that had calls. */
export interface EdgeTable {
  edges: EdgeColumn[];
  rows: { line: number; timeMs: number; seconds: Map<string, number> }[];
}

/** The edges and rows of a per-edge latency file. */
export function decodeEdgeTable(table: CsvTable): EdgeTable {
  requireColumns(table, [EDGE_TIME_COLUMN]);
  const edges: EdgeColumn[] = [];
  for (const column of table.columns) {
    if (column === EDGE_TIME_COLUMN || column === EDGE_TIMESTAMP_COLUMN) continue;
    const edge = parseEdgeColumn(column);
    if (!edge) {
      throw badCsv(table.file, 1, 'expected an edge column named <caller>_<callee>', { column });
    }
    edges.push({ column, ...edge });
  }
  const rows = table.rows.map((row) => {
    const seconds = new Map<string, number>();
    for (const { column } of edges) {
      const value = cell(table, row, column, measurementCell);
      if (value !== undefined) seconds.set(column, value);
    }
    return { line: row.line, timeMs: cell(table, row, EDGE_TIME_COLUMN, goTimeCell), seconds };
  });
  return { edges, rows };
}

/** A row of `dependency.csv`: `source` calls `target` (or runs on it, when it is a node address). */
export interface DependencyRow {
  line: number;
  source: string;
  target: string;
}

/** The rows of `dependency.csv`. */
export function decodeDependencyTable(table: CsvTable): DependencyRow[] {
  requireColumns(table, DEPENDENCY_COLUMNS);
  return table.rows.map((row) => ({
    line: row.line,
    source: cell(table, row, 'Source', nameCell),
    target: cell(table, row, 'Target', nameCell),
  }));
}

function cell<T>(table: CsvTable, row: CsvRow, column: string, schema: z.ZodType<T, string>): T {
  const text = row.cells[column] ?? '';
  const parsed = schema.safeParse(text);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'invalid value';
  throw badCsv(table.file, row.line, `${message}, got ${JSON.stringify(text)}`, { column });
}

/** A file with a fixed layout must have exactly these columns: an unknown one would be dropped unread. */
function requireExactColumns(table: CsvTable, expected: readonly string[]): void {
  requireColumns(table, expected);
  const unknown = table.columns.filter((column) => !expected.includes(column));
  if (unknown.length > 0) {
    throw badCsv(table.file, 1, `unknown column ${unknown.map((c) => `"${c}"`).join(', ')}`, {
      hint: `The importer reads these columns: ${expected.join(', ')}. Map a new column in src/importers/nezha/columns.ts.`,
    });
  }
}
