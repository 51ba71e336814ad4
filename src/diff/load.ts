/**
 * What `nightshift diff` compares, read from where the user points: an export folder
 * (`report.json` and `trace.json`, src/export), a folder or `investigation.json` that
 * `nightshift investigate` kept, or an investigation id (the CLI's, then the configured store's).
 * The only I/O of the diff; a bad file is refused with its path and the field at fault.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProblem, NightshiftError, type Report, reportSchema } from '../core/index.js';
import { type ExportSources, loadExportItem } from '../export/index.js';
import { loadInvestigation } from '../investigate/index.js';
import { parseTrace, type TraceRecord } from '../tracing/index.js';

/** One run to compare. */
export interface LoadedRun {
  /** Where it was read: a folder, a file, or `the store's investigation <id>`. */
  where: string;
  report: Report;
  trace: TraceRecord;
}

/** The files of an export folder that a diff reads. */
export const EXPORT_REPORT_FILE = 'report.json';
export const EXPORT_TRACE_FILE = 'trace.json';
const SAVED_FILE = 'investigation.json';

/** Reads the run `ref` names: a path (relative to `cwd`) when one exists there, else an id. */
export async function loadRun(ref: string, sources: ExportSources & { cwd: string }): Promise<LoadedRun> {
  const path = resolve(sources.cwd, ref);
  const found = await stat(path).catch(() => undefined);
  if (found?.isFile()) {
    const name = basename(path);
    if (name === EXPORT_REPORT_FILE || name === EXPORT_TRACE_FILE) return readExportFolder(dirname(path));
    return savedRun(sources.home, path);
  }
  if (found?.isDirectory()) {
    if (await exists(join(path, EXPORT_REPORT_FILE))) return readExportFolder(path);
    if (await exists(join(path, SAVED_FILE))) return savedRun(sources.home, path);
    throw new NightshiftError(
      'BAD_INPUT',
      `${path}: neither an export folder (no ${EXPORT_REPORT_FILE}) nor an investigation folder (no ${SAVED_FILE})`,
      {
        hint: 'Pass a folder that `nightshift export` or `nightshift investigate` wrote, or an investigation id.',
      },
    );
  }
  const item = await loadExportItem(ref, sources);
  if (item.found.trace === undefined) {
    throw new NightshiftError(
      'BAD_INPUT',
      `investigation ${ref} has no stored trace: there are no steps to compare`,
      {
        hint: 'Compare investigations run by a version that keeps traces (every run since traces were stored).',
      },
    );
  }
  return {
    where: item.origin === 'store' ? `the store's investigation ${ref}` : `investigation ${ref}`,
    report: item.found.report,
    trace: item.found.trace,
  };
}

/** An export folder: its report.json and trace.json. */
export async function readExportFolder(dir: string): Promise<LoadedRun> {
  const reportFile = join(dir, EXPORT_REPORT_FILE);
  const traceFile = join(dir, EXPORT_TRACE_FILE);
  if (!(await exists(traceFile))) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${traceFile} does not exist: the export has no trace, so its steps cannot be compared`,
      {
        hint: 'Export the investigation again with this version (exports keep trace.json), or pass its id.',
      },
    );
  }
  return {
    where: dir,
    report: parseReport(await readJson(reportFile), reportFile),
    trace: parseTrace(await readJson(traceFile), traceFile),
  };
}

/** A report read from `file`; BAD_INPUT names the file and the first bad field. */
export function parseReport(json: unknown, file: string): Report {
  const parsed = reportSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NightshiftError(
    'BAD_INPUT',
    formatProblem({
      file,
      field: ['report', ...(issue?.path ?? []).map(String)].join('.'),
      message: issue?.message ?? 'invalid',
    }),
    { hint: 'report.json is written by `nightshift export`; export the investigation again.' },
  );
}

async function savedRun(home: string, path: string): Promise<LoadedRun> {
  const saved = await loadInvestigation(home, path);
  return { where: path, report: saved.report, trace: saved.trace };
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new NightshiftError('BAD_INPUT', `${file}: cannot be read (${error.code ?? error.message})`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NightshiftError('BAD_INPUT', `${file}: not JSON (${(error as Error).message})`, {
      hint: 'The file was cut or edited by hand; export the investigation again.',
    });
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
