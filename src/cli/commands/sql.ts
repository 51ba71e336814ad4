/**
 * `nightshift sql <bundle> [query]`: loads a bundle into DuckDB and runs one read-only query over it,
 * or lists its tables when no query is given. Thin: loading, the read-only guard, the row cap, the
 * memory limit and the timeout live in connectors/duckdb. DuckDB runs in a child process, so a query
 * past its time or memory limit is killed and the command exits right after it reports the error.
 */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { type IsolatedBundleDb, loadIsolatedBundle } from '../../connectors/duckdb/index.js';
import {
  DEFAULT_MAX_ROWS,
  DEFAULT_TIMEOUT_MS,
  type QueryResult,
  type TableDescription,
} from '../../connectors/index.js';
import { parseInteger } from '../options.js';

interface SqlOptions {
  json?: boolean;
  maxRows: number;
  timeout: number;
  /** Megabytes; unset leaves the connector's default (1000 MB). */
  memoryLimit?: number;
}

/** Line width used when stdout is not a terminal (a pipe or a file). */
const PIPE_WIDTH = 160;
/** No column is squeezed below this many characters, however many columns there are. */
const MIN_CELL_WIDTH = 8;

export function registerSql(program: Command): void {
  program
    .command('sql')
    .description(
      "run one read-only SQL query over a bundle's telemetry (DuckDB); without a query, list the tables",
    )
    .argument('<bundle>', 'bundle folder (holds incident.yaml)')
    .argument('[query]', 'one SELECT statement')
    .option('--json', 'print {columns, rows, truncated} as JSON')
    .option('--max-rows <n>', 'print at most this many rows', parseInteger(1), DEFAULT_MAX_ROWS)
    .option(
      '--timeout <ms>',
      'stop the query after this many milliseconds',
      parseInteger(1),
      DEFAULT_TIMEOUT_MS,
    )
    .option(
      '--memory-limit <MB>',
      'fail a query that needs more memory than this, beyond the loaded tables (default 1000)',
      parseInteger(1, 1_000_000),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  nightshift sql ./bundle',
        `  nightshift sql ./bundle "select service, count(*) as errors from logs where level = 'error' group by 1 order by 2 desc"`,
        `  nightshift sql ./bundle "select * from changes where ts > (select starts_at from incident) - interval 1 hour" --json`,
      ].join('\n'),
    )
    .action(async (bundle: string, sql: string | undefined, options: SqlOptions) => {
      const queryLimits =
        options.memoryLimit === undefined ? {} : { memoryLimitBytes: options.memoryLimit * 1_000_000 };
      const db = await loadIsolatedBundle(bundle, { queryLimits });
      try {
        const text = sql === undefined ? await tablesText(db, options) : await queryText(db, sql, options);
        process.stdout.write(`${text}\n`);
      } finally {
        await db.close();
      }
    });
}

async function queryText(db: IsolatedBundleDb, sql: string, options: SqlOptions): Promise<string> {
  const result = await db.query(sql, { maxRows: options.maxRows, timeoutMs: options.timeout });
  if (options.json) {
    const { columns, rows, truncated } = result;
    return JSON.stringify({ columns, rows, truncated }, undefined, 2);
  }
  return `${renderRows(result, lineWidth())}\n${summary(result, options.maxRows)}`;
}

/** `12 rows (truncated at 1000) in 38 ms` */
function summary(result: QueryResult, maxRows: number): string {
  const count = `${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}`;
  const truncated = result.truncated ? ` (truncated at ${maxRows})` : '';
  return `${count}${truncated} in ${result.elapsedMs} ms`;
}

/** A table whose every row fits on one line: long values end in "…", newlines show as "↵". */
function renderRows(result: QueryResult, width: number): string {
  const head = result.columns.map((c) => c.name);
  const cells = result.rows.map((row) => result.columns.map((c) => cellText(row[c.name])));
  const natural = head.map((name, i) => Math.max(name.length, ...cells.map((r) => r[i]!.length)));
  // Each column costs its content, one space either side and a border; the table one more border.
  const widths = fitWidths(natural, width - 3 * head.length - 1);
  const table = new Table({
    head,
    colWidths: widths.map((w) => w + 2),
    truncate: '…',
    wordWrap: false,
    style: { head: [], border: [], compact: true },
  });
  for (const [r, row] of result.rows.entries()) {
    table.push(
      result.columns.map((c, i) => ({
        content: cells[r]![i]!,
        hAlign: typeof row[c.name] === 'number' ? ('right' as const) : ('left' as const),
      })),
    );
  }
  return table.toString();
}

/**
 * Shares `budget` characters among columns: a column narrower than an equal share keeps its natural
 * width, and what it leaves is shared among the wider ones.
 */
function fitWidths(natural: readonly number[], budget: number): number[] {
  const widths = [...natural];
  const byWidth = natural.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w);
  let remaining = budget;
  for (const [k, { w, i }] of byWidth.entries()) {
    const share = Math.floor(remaining / (byWidth.length - k));
    widths[i] = Math.max(Math.min(MIN_CELL_WIDTH, w), Math.min(w, share));
    remaining -= widths[i]!;
  }
  return widths;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\r?\n/g, '↵').replace(/\t/g, ' ');
}

async function tablesText(db: IsolatedBundleDb, options: SqlOptions): Promise<string> {
  const tables = await db.describe();
  if (options.json) return JSON.stringify(tables, undefined, 2);
  return tables.map(tableText).join('\n\n');
}

/** `logs: log records (1,000,000 rows)` and one line per column. */
function tableText(table: TableDescription): string {
  const rows = `${table.rowCount.toLocaleString('en-US')} ${table.rowCount === 1 ? 'row' : 'rows'}`;
  const nameWidth = Math.max(...table.columns.map((c) => c.name.length));
  const typeWidth = Math.max(...table.columns.map((c) => c.type.length));
  const columns = table.columns.map(
    (c) => `  ${c.name.padEnd(nameWidth)}  ${c.type.padEnd(typeWidth)}  ${c.description}`,
  );
  return [`${table.name}: ${table.description} (${rows})`, ...columns].join('\n');
}

function lineWidth(): number {
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : PIPE_WIDTH;
}
