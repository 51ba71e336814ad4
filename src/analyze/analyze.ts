/**
 * `nightshift analyze`: explains a backtest. Each wrong or shaky case is analysed on its own (in
 * parallel, written the moment it finishes, so a killed or interrupted run resumes with only the
 * cases it had not written), then the analyses are grouped into cohorts and the cohorts into a
 * synthesis of changes to make. With the built-in analyser every stage is deterministic and
 * offline; with an LLM the same stages follow the playbooks.
 */

import { join, resolve } from 'node:path';
import type { BacktestCase } from '../backtest/index.js';
import { forEachBounded, NightshiftError } from '../core/index.js';
import { resolveEvalModel } from '../evals/runner/model.js';
import type { Store } from '../store/index.js';
import { groupCohorts } from './cohorts.js';
import { type CaseFacts, caseFacts } from './facts.js';
import { CASES_DIR, existingAnalyses, openOutput, writeAtomically } from './files.js';
import {
  type AnalystModel,
  analyseCaseWithModel,
  caseInput,
  clusterWithModel,
  synthesiseWithModel,
} from './llm.js';
import { loadPlaybooks, type Playbooks } from './playbooks.js';
import { caseFileName, renderCase, renderCohorts, renderSynthesis, synthesisItems } from './render.js';
import { diagnose } from './rules.js';
import type { CaseAnalysis, Cohort } from './schema.js';
import { selectionReasons } from './select.js';
import { type AnalysisSource, exportSource, storeSource } from './source.js';

export interface AnalyzeProgress {
  /** Cases analysed so far, counting those already on disk. */
  done: number;
  total: number;
  caseId: string;
}

export interface AnalyzeOptions {
  /** With `runRef`: the store holding the backtest. */
  store?: Store;
  /** A stored run: id, unique prefix, `last` or `previous`. */
  runRef?: string;
  /** Or a folder written by `nightshift export --backtest`. */
  exportDir?: string;
  outDir: string;
  brain?: 'builtin' | 'llm';
  /** `provider:model` for the LLM path (default: the configured model). */
  model?: string;
  /** A model object, in place of `model` (tests pass a scripted one). */
  analyst?: AnalystModel;
  /** Default: the repository's docs/playbooks. */
  playbooksDir?: string;
  /** Cases analysed at once (default 4). */
  concurrency?: number;
  /** When aborted, cases under way finish and no new one starts; cohorts wait for a full run. */
  signal?: AbortSignal;
  /** For resolving `model` through nightshift.yaml (default: the process's). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: (progress: AnalyzeProgress) => void;
}

export interface AnalysisResult {
  outDir: string;
  /** Cases analysed by this call. */
  analysed: number;
  /** Cases whose analysis was already on disk. */
  skipped: number;
  /** Cases that could not be analysed (a bad stored investigation, a model that did not answer). */
  failed: Array<{ caseId: string; error: string }>;
  /** True when stopped by the signal: cohorts and synthesis are written by the run that completes. */
  interrupted: boolean;
  cohorts: Cohort[];
  synthesisPath: string;
}

const DEFAULT_CONCURRENCY = 4;

async function openSource(options: AnalyzeOptions): Promise<AnalysisSource> {
  if (options.exportDir !== undefined) return exportSource(options.exportDir);
  if (options.store !== undefined && options.runRef !== undefined)
    return storeSource(options.store, options.runRef);
  throw new NightshiftError('BAD_INPUT', 'nothing to analyse: give a backtest run or an export folder', {
    hint: 'nightshift analyze <run id | last | export folder>',
  });
}

interface Llm {
  analyst: AnalystModel;
  playbooks: Playbooks;
}

async function analyseCase(
  source: AnalysisSource,
  c: BacktestCase,
  llm: Llm | undefined,
): Promise<CaseAnalysis> {
  const parts = c.error === undefined ? await source.load(c.id) : undefined;
  const facts: CaseFacts | undefined = parts && caseFacts(parts.report, parts.trace);
  const builtin: CaseAnalysis = {
    caseId: c.id,
    analyser: 'builtin',
    reasons: selectionReasons(c),
    expected: c.expected,
    ...(c.answered === undefined
      ? {}
      : {
          answered: {
            service: c.answered.service,
            category: c.answered.category,
            ...(c.answered.change === undefined ? {} : { change: c.answered.change }),
            ...(c.confidence === undefined ? {} : { confidence: c.confidence }),
          },
        }),
    findings: diagnose(c, facts),
  };
  if (llm === undefined) return builtin;
  return analyseCaseWithModel(llm.analyst, llm.playbooks, caseInput(c, facts, builtin), builtin);
}

/** Analyses a backtest into `outDir` (resuming what is there); see the module comment. */
export async function analyzeBacktest(options: AnalyzeOptions): Promise<AnalysisResult> {
  const outDir = resolve(options.outDir);
  const brain = options.brain ?? 'builtin';
  const source = await openSource(options);
  let llm: Llm | undefined;
  if (brain === 'llm') {
    const playbooks = await loadPlaybooks(options.playbooksDir);
    const analyst =
      options.analyst ??
      (await resolveEvalModel(options.model, {
        cwd: options.cwd ?? process.cwd(),
        env: options.env ?? process.env,
      }));
    llm = { analyst, playbooks };
  }
  await openOutput(outDir, {
    version: 1,
    source: source.label,
    brain,
    ...(llm === undefined ? {} : { model: llm.analyst.id }),
  });
  const existing = await existingAnalyses(outDir);
  const selected = source.cases.filter((c) => selectionReasons(c).length > 0);
  const todo = selected.filter((c) => !existing.has(c.id));
  const skipped = selected.length - todo.length;
  const selectedIds = new Set(selected.map((c) => c.id));
  const analyses = new Map([...existing].filter(([id]) => selectedIds.has(id)));
  const failed: AnalysisResult['failed'] = [];
  let analysed = 0;
  await forEachBounded(
    todo,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (c) => {
      try {
        const analysis = await analyseCase(source, c, llm);
        const base = join(outDir, CASES_DIR, caseFileName(c.id));
        await writeAtomically(`${base}.md`, renderCase(analysis));
        await writeAtomically(`${base}.json`, `${JSON.stringify(analysis, null, 2)}\n`);
        analyses.set(c.id, analysis);
        analysed++;
        options.onProgress?.({ done: skipped + analysed, total: selected.length, caseId: c.id });
      } catch (error) {
        if (!(error instanceof NightshiftError)) throw error;
        failed.push({ caseId: c.id, error: error.message });
      }
    },
    options.signal,
  );

  const synthesisPath = join(outDir, 'synthesis.md');
  const interrupted = options.signal?.aborted === true && analyses.size + failed.length < selected.length;
  if (interrupted) return { outDir, analysed, skipped, failed, interrupted, cohorts: [], synthesisPath };

  const all = [...analyses.values()].sort((a, b) => a.caseId.localeCompare(b.caseId));
  const builtinCohorts = groupCohorts(all);
  const cohorts =
    llm === undefined || all.length === 0
      ? builtinCohorts
      : await clusterWithModel(llm.analyst, llm.playbooks, all, builtinCohorts);
  const items =
    llm === undefined || cohorts.length === 0
      ? synthesisItems(cohorts)
      : await synthesiseWithModel(llm.analyst, llm.playbooks, cohorts);
  await writeAtomically(join(outDir, 'cohorts.json'), `${JSON.stringify(cohorts, null, 2)}\n`);
  await writeAtomically(join(outDir, 'cohorts.md'), renderCohorts(cohorts, all.length));
  await writeAtomically(join(outDir, 'synthesis.json'), `${JSON.stringify(items, null, 2)}\n`);
  await writeAtomically(
    synthesisPath,
    renderSynthesis(items, { source: source.label, analysed: all.length }),
  );
  return { outDir, analysed, skipped, failed, interrupted: false, cohorts, synthesisPath };
}
