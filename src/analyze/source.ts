/**
 * Where the analysed backtest comes from: a run in the store (its scored cases, and each case's
 * stored investigation read one at a time), or a folder written by `nightshift export --backtest`
 * (index.json, and per case backtest-case.json, report.json and trace.json).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type BacktestCase, backtestCaseSchema, loadBacktest } from '../backtest/index.js';
import { NightshiftError, type Report, reportSchema } from '../core/index.js';
import type { Store } from '../store/index.js';
import { parseTrace, type TraceRecord } from '../tracing/index.js';
import { parseInvestigationParts } from './facts.js';

export interface AnalysisSource {
  /** Names the backtest in the output (`backtest <id>`, or the export folder). */
  label: string;
  cases: BacktestCase[];
  /** The case's report and trace; undefined when none was kept (its investigation failed). */
  load(caseId: string): Promise<{ report: Report; trace: TraceRecord } | undefined>;
}

/** A stored run by id, prefix, `last` or `previous`. */
export async function storeSource(store: Store, ref: string): Promise<AnalysisSource> {
  const { run, cases, unfinished } = await loadBacktest(store, ref);
  if (unfinished.length > 0)
    throw new NightshiftError(
      'BAD_INPUT',
      `backtest run ${run.id} has ${unfinished.length} unfinished cases`,
      {
        hint: `finish it first: nightshift backtest run --resume ${run.id}`,
      },
    );
  return {
    label: `backtest ${run.id}${run.name ? ` (${run.name})` : ''}`,
    cases,
    async load(caseId) {
      const json = await store.getBacktestCaseInvestigation(run.id, caseId);
      return json === undefined
        ? undefined
        : parseInvestigationParts(json, `backtest run ${run.id}, case ${caseId}: its stored investigation`);
    },
  };
}

const indexSchema = z.object({
  backtest: z.object({ id: z.string() }).passthrough(),
  cases: z.array(z.object({ id: z.string().min(1), folder: z.string().min(1) }).passthrough()),
});

async function readJson(file: string): Promise<unknown | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NightshiftError('BAD_INPUT', `${file}: not JSON (${(error as Error).message})`, {
      hint: 'export the backtest again: nightshift export --backtest <run> --out <dir>',
    });
  }
}

function parsed<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new NightshiftError(
    'BAD_INPUT',
    `${file}: field ${issue?.path.join('.') || '(top)'}: ${issue?.message}`,
    {
      hint: 'export the backtest again with this version: nightshift export --backtest <run> --out <dir>',
    },
  );
}

/** A backtest export folder. */
export async function exportSource(dir: string): Promise<AnalysisSource> {
  const root = resolve(dir);
  const indexFile = join(root, 'index.json');
  const json = await readJson(indexFile);
  if (json === undefined)
    throw new NightshiftError('NOT_FOUND', `${indexFile} does not exist: ${root} is not a backtest export`, {
      hint: 'nightshift export --backtest <run> --out <dir> writes one; or give a backtest run id',
    });
  const index = parsed(indexSchema, json, indexFile);
  const folders = new Map(index.cases.map((c) => [c.id, join(root, c.folder)]));
  const cases: BacktestCase[] = [];
  for (const [id, folder] of folders) {
    const file = join(folder, 'backtest-case.json');
    const scored = await readJson(file);
    if (scored === undefined)
      throw new NightshiftError('BAD_INPUT', `${file} does not exist (case ${id} of ${indexFile})`, {
        hint: 'export the backtest again: nightshift export --backtest <run> --out <dir>',
      });
    cases.push(parsed(backtestCaseSchema, scored, file));
  }
  return {
    label: `export ${root} (backtest ${index.backtest.id})`,
    cases,
    async load(caseId) {
      const folder = folders.get(caseId) as string;
      const report = await readJson(join(folder, 'report.json'));
      const trace = await readJson(join(folder, 'trace.json'));
      if (report === undefined || trace === undefined) return undefined;
      return {
        report: parsed(reportSchema, report, join(folder, 'report.json')),
        trace: parseTrace(trace, join(folder, 'trace.json')),
      };
    },
  };
}
