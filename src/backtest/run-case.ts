/**
 * One case of a backtest: investigate a bundle and score the report against its truth.yaml. An
 * investigation that throws is a result (a wrong case with its error), not a failed backtest; a
 * bundle without truth.yaml cannot be scored and stops the run, naming the folder.
 */
import { join } from 'node:path';
import { readTruth } from '../bundle/scoring.js';
import { NightshiftError } from '../core/index.js';
import {
  type Brain,
  type BrainName,
  bundleInvestigationInput,
  type Investigation,
  type InvestigationInput,
  investigate,
} from '../investigate/index.js';
import { traceTotals } from '../tracing/index.js';
import type { BacktestCase } from './case.js';
import { caseLabels } from './labels.js';
import { rankedServices, scoreReport } from './score.js';

/** A scored case and, when it ran, the investigation it scored (kept for export and analyze). */
export interface RanCase {
  scored: BacktestCase;
  investigation?: Investigation;
}

/** Investigates the bundle `caseId` of the suite `suiteDir` with `brain` and scores it. */
export async function runCase(suiteDir: string, caseId: string, brain: BrainName | Brain): Promise<RanCase> {
  const dir = join(suiteDir, caseId);
  const truth = await readTruth(dir);
  if (truth === undefined)
    throw new NightshiftError(
      'BAD_INPUT',
      `${join(dir, 'truth.yaml')} does not exist: the case cannot be scored`,
      {
        hint: 'a backtest needs bundles with a known root cause; add truth.yaml or remove the bundle from the suite',
      },
    );
  const expected = {
    service: truth.rootCause.service,
    category: truth.rootCause.category,
    ...(truth.rootCause.change === undefined ? {} : { change: truth.rootCause.change }),
  };
  let input: InvestigationInput | undefined;
  try {
    input = await bundleInvestigationInput(dir);
    const investigation = await investigate(input, { brain });
    const { report } = investigation;
    const totals = traceTotals(investigation.trace);
    const scored: BacktestCase = {
      id: caseId,
      labels: caseLabels(investigation.alert.labels),
      expected,
      answered: {
        service: report.rootCause.service,
        category: report.rootCause.category,
        ...(report.rootCause.changeId === undefined ? {} : { change: report.rootCause.changeId }),
        ranked: rankedServices(report),
      },
      ...scoreReport(report, truth),
      timeToBriefMs: investigation.elapsedMs,
      costUsd: totals.costUsd,
      tokens: totals.inputTokens + totals.outputTokens,
    };
    return { scored, investigation };
  } catch (error) {
    const hasChange = expected.change !== undefined;
    const scored: BacktestCase = {
      id: caseId,
      labels: caseLabels(input?.alert.labels ?? {}),
      expected,
      top1: false,
      top3: false,
      category: false,
      ...(hasChange ? { change: false } : { falseChange: false }),
      timeToBriefMs: 0,
      costUsd: 0,
      tokens: 0,
      error: error instanceof Error ? error.message : String(error),
    };
    return { scored };
  }
}
