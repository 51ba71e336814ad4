/**
 * `nightshift export --backtest <run> --out <dir>`: a stored backtest as one folder per case (the
 * usual investigation files, trace.json, and backtest-case.json: the scored case), with index.md
 * and index.json over the whole run. Streaming as `export` is: the run's scored cases (small) are
 * read once, and each case's investigation (large) is read, written and dropped before the next.
 * Each case folder is published whole (temporary folder, then rename); the index is written last.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type BacktestCase, backtestCaseSchema } from '../backtest/index.js';
import { writeFolderAtomically } from '../bundle/index.js';
import { NightshiftError } from '../core/index.js';
import { storedInvestigationSchema } from '../investigate/index.js';
import type { BacktestCaseRecord, BacktestRunRecord, Store } from '../store/index.js';
import { parseTrace } from '../tracing/index.js';
import { type BacktestIndex, type BacktestIndexRow, writeBacktestIndex } from './backtest-index.js';
import { jsonText } from './file.js';
import { exportFolder } from './folder.js';
import { redactingScrubber } from './scrub.js';
import type { ExportItem } from './sources.js';
import { nightshiftVersion } from './version.js';

export const BACKTEST_CASE_FILE = 'backtest-case.json';

export interface BacktestExportOptions {
  store: Store;
  /** A backtest run id or unique prefix (as `backtest show` takes). */
  run: string;
  out: string;
  force: boolean;
  anonymise: boolean;
  names: readonly string[];
  now: number;
  onExported?: (row: BacktestIndexRow) => void;
}

/** The investigation a case keeps (src/backtest/run-case.ts): read back, checked, as an export reads it. */
const caseInvestigationSchema = storedInvestigationSchema.extend({ evidence: z.unknown().optional() });

export async function exportBacktest(options: BacktestExportOptions): Promise<BacktestIndex> {
  const found = await options.store.getBacktestRun(options.run);
  if (!found) {
    throw new NightshiftError('NOT_FOUND', `no backtest run "${options.run}" in the configured store`, {
      hint: '`nightshift backtest list` shows the stored runs and their ids.',
    });
  }
  const out = resolve(options.out);
  const version = await nightshiftVersion();
  const cases = [...found.cases].sort((a, b) => a.caseId.localeCompare(b.caseId));
  const rows: BacktestIndexRow[] = [];
  for (const record of cases) {
    const scored = parseCase(record);
    const folder = caseFolder(record.caseId);
    const investigation = await options.store.getBacktestCaseInvestigation(found.run.id, record.caseId);
    const extra = {
      path: BACKTEST_CASE_FILE,
      about:
        'the scored case: the truth, what the report answered, top-1/top-3/category verdicts, time and cost',
      code: ['src/backtest/case.ts (the schema)', 'src/backtest/score.ts (the verdicts)'],
    };
    if (investigation === undefined) {
      // The case failed before an investigation existed: its folder holds the scored case only.
      await writeFolderAtomically(join(out, folder), { force: options.force, hints: HINTS }, async (temp) => {
        await writeFile(join(temp, BACKTEST_CASE_FILE), redactingScrubber().text(jsonText(scored)));
      });
    } else {
      const item = caseItem(found.run, record, investigation);
      await exportFolder(item, {
        out,
        into: join(out, folder),
        force: options.force,
        anonymise: options.anonymise,
        names: options.names,
        version,
        now: options.now,
        extra: (scrub) => [{ ...extra, text: jsonText(scrub.deep(scored)) }],
      });
    }
    const row: BacktestIndexRow = {
      id: record.caseId,
      folder,
      top1: scored.top1,
      top3: scored.top3,
      category: scored.category,
      ...(scored.confidence === undefined ? {} : { confidence: scored.confidence }),
      ...(scored.error === undefined ? {} : { error: scored.error }),
    };
    rows.push(row);
    options.onExported?.(row);
  }
  const { run } = found;
  const index: BacktestIndex = {
    backtest: {
      id: run.id,
      ...(run.name === undefined ? {} : { name: run.name }),
      suite: run.suite,
      brain: run.brain,
      ...(run.model === undefined ? {} : { model: run.model }),
      startedAt: run.startedAt,
      ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
      ...(run.summary === undefined ? {} : { summary: run.summary }),
    },
    cases: rows,
  };
  await writeBacktestIndex(out, index);
  return index;
}

const HINTS = {
  exists: 'Pass --force to replace it once the new one is complete, or choose another --out.',
  notFolder: 'Choose another --out folder.',
};

function parseCase(record: BacktestCaseRecord): BacktestCase {
  const parsed = backtestCaseSchema.safeParse(record.result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NightshiftError(
      'BAD_INPUT',
      `backtest ${record.runId} case "${record.caseId}": field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
      { hint: 'The case was stored by another version of Nightshift; run the backtest again.' },
    );
  }
  return parsed.data;
}

function caseItem(run: BacktestRunRecord, record: BacktestCaseRecord, json: unknown): ExportItem {
  const where = `backtest ${run.id} case "${record.caseId}"`;
  const parsed = caseInvestigationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NightshiftError(
      'BAD_INPUT',
      `${where}: its investigation's field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
      { hint: 'The case was stored by another version of Nightshift; run the backtest again.' },
    );
  }
  const inv = parsed.data;
  return {
    id: inv.id,
    origin: 'backtest',
    found: {
      source: where,
      brain: inv.brain,
      alert: inv.alert,
      report: inv.report,
      trace: parseTrace(inv.trace, where),
      feedback: [],
    },
    status: 'done',
    incidentId: inv.incidentId,
    alerts: [inv.alert].map((a) => ({
      name: a.name,
      service: a.service,
      severity: a.severity,
      startsAt: a.startsAt,
    })),
    times: { startedAt: inv.startedAt, finishedAt: inv.startedAt + inv.elapsedMs },
    rounds: inv.rounds,
    notes: inv.notes,
    ...(inv.evidence === undefined ? {} : { evidence: inv.evidence }),
  };
}

/**
 * A case id is the bundle's folder relative to the suite (`lab/bad-deploy-s1`): its segments
 * joined by `__` name one folder; anything that cannot name a folder is refused.
 */
export function caseFolder(caseId: string): string {
  const name = caseId
    .split(/[/\\]/)
    .filter((s) => s !== '')
    .join('__');
  if (name === '' || name === '.' || name === '..' || name.includes('\0')) {
    throw new NightshiftError('BAD_INPUT', `backtest case "${caseId}" cannot name a folder`, {
      hint: 'Rename the bundle folder in the suite.',
    });
  }
  return name;
}
