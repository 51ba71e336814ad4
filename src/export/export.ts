/**
 * `nightshift export`: investigations → self-documenting folders, one at a time. Each is read,
 * made into files and published before the next is read, so memory stays flat in the number of
 * investigations (one small index row each is kept for the index). A failure stops the export:
 * the folders before it are complete, the failing one is not there at all, and no index is
 * written (an index lists a whole export).
 */
import { resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';
import type { Store } from '../store/index.js';
import { exportFolder, type IndexRow } from './folder.js';
import { writeIndex } from './index-files.js';
import { idsSince } from './since.js';
import { type ExportSources, loadExportItem } from './sources.js';
import { nightshiftVersion } from './version.js';

export interface ExportOptions {
  /** Investigation ids; or `sinceMs` for every investigation from then on. */
  ids?: readonly string[];
  sinceMs?: number;
  out: string;
  force: boolean;
  anonymise: boolean;
  names: readonly string[];
  /** `nightshiftHome`: where the CLI keeps investigations. */
  home: string;
  store: Store | undefined;
  now: number;
  /** Called after each folder is in place (the CLI prints a line). */
  onExported?: (row: IndexRow) => void;
}

export interface ExportResult {
  rows: IndexRow[];
  /** Whether index.md and index.json were written (several investigations, or `--since`). */
  indexed: boolean;
}

export async function exportInvestigations(options: ExportOptions): Promise<ExportResult> {
  if ((options.ids === undefined || options.ids.length === 0) === (options.sinceMs === undefined)) {
    throw new NightshiftError(
      'BAD_INPUT',
      'export needs investigation ids or --since, not both and not neither',
      {
        hint: 'nightshift export <id…> --out <dir>, or nightshift export --since 7d --out <dir>',
      },
    );
  }
  const out = resolve(options.out);
  const version = await nightshiftVersion();
  const sources: ExportSources = { home: options.home, store: options.store };
  const ids = options.ids === undefined ? idsSince(options.sinceMs ?? 0, sources) : distinct(options.ids);
  const rows: IndexRow[] = [];
  for await (const id of ids) {
    try {
      const item = await loadExportItem(id, sources);
      rows.push(
        await exportFolder(item, {
          out,
          force: options.force,
          anonymise: options.anonymise,
          names: options.names,
          version,
          now: options.now,
        }),
      );
    } catch (error) {
      throw stopped(error, id, rows.length, out);
    }
    const row = rows.at(-1);
    if (row) options.onExported?.(row);
  }
  const indexed = rows.length > 1 || (options.sinceMs !== undefined && rows.length > 0);
  if (indexed) await writeIndex(out, rows);
  return { rows, indexed };
}

async function* distinct(ids: readonly string[]): AsyncGenerator<string> {
  yield* new Set(ids);
}

/** The failure, said with where the export stopped; its code (and so the exit code) is kept. */
function stopped(error: unknown, id: string, done: number, out: string): unknown {
  if (!(error instanceof NightshiftError)) return error;
  const before =
    done === 0
      ? 'nothing was written'
      : `the ${done} folder(s) exported before it are complete in ${out}; no index was written`;
  return new NightshiftError(
    error.code,
    `export stopped at investigation "${id}": ${error.message}\n(${before})`,
    {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    },
  );
}
