/**
 * The Nezha CSV files as tables of text cells, each row keyed by its header. Nezha writes them with
 * pandas and a Go collector: plain comma-separated values, never quoted, one row per line. So a
 * split on commas is exact; a quote is refused rather than misread, and a row with the wrong
 * number of cells is an error naming its line.
 */
import { NightshiftError } from '../../core/index.js';

/** One data row: its 1-based line in the file and its cells by column name. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** A parsed file: the header's column names, in order, and the data rows. */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: CsvRow[];
}

/** Parses `text`, the content of `file` (named in errors). Blank lines are skipped. */
export function parseCsvTable(file: string, text: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  if (headerLine.trim() === '') throw badCsv(file, 1, 'the header line is empty');
  const columns = splitLine(file, 1, headerLine);
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === '') throw badCsv(file, 1, 'a column has no name');
    if (seen.has(column)) throw badCsv(file, 1, `column "${column}" appears twice`);
    seen.add(column);
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const line = i + 1;
    const values = splitLine(file, line, text);
    if (values.length !== columns.length) {
      throw badCsv(file, line, `expected ${columns.length} cells as in the header, got ${values.length}`);
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, c) => {
      cells[column] = values[c]!.trim();
    });
    rows.push({ line, cells });
  }
  return { file, columns, rows };
}

/** Throws when any of `required` is not a column of `table`. */
export function requireColumns(table: CsvTable, required: readonly string[]): void {
  const missing = required.filter((column) => !table.columns.includes(column));
  if (missing.length > 0) {
    throw badCsv(table.file, 1, `missing column ${missing.map((c) => `"${c}"`).join(', ')}`, {
      hint: `The header has: ${table.columns.join(', ')}`,
    });
  }
}

/** A BAD_INPUT error that names the file, the line and, when given, the column. */
export function badCsv(
  file: string,
  line: number,
  message: string,
  options: { column?: string; hint?: string } = {},
): NightshiftError {
  const column = options.column === undefined ? '' : `, column "${options.column}"`;
  return new NightshiftError('BAD_INPUT', `${file} line ${line}${column}: ${message}`, {
    hint: options.hint,
  });
}

function splitLine(file: string, line: number, text: string): string[] {
  if (text.includes('"')) {
    throw badCsv(file, line, 'quoted cells are not expected in Nezha files', {
      hint: 'Nezha writes unquoted CSV; check that the file was not re-saved by another tool.',
    });
  }
  return text.split(',');
}
