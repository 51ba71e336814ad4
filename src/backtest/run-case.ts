/**
 * One case of a backtest: investigate an incident and score the report against its truth. A case
 * comes from a suite folder (a bundle with truth.yaml) or from the store (a confirmed incident
 * replayed from its evidence, from-store.ts). An investigation that throws is a result (a wrong
 * case with its error), not a failed backtest; a bundle without truth.yaml cannot be scored and
 * stops the run, naming the folder.
 */
import { join } from 'node:path';
import { readTruth } from '../bundle/scoring.js';
import { NightshiftError, type RootCauseCategory, type Truth } from '../core/index.js';
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

/** What a case is scored against, and what it investigates. */
export interface LoadedCase {
  input: InvestigationInput;
  truth: Truth;
  /**
   * The truth does not say whether a change caused the incident (a responder's correction:
   * feedback has no field for it), so neither "causing change found" nor "change named, none
   * caused it" is scored.
   */
  changeUnknown?: boolean;
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
  return runLoadedCase(
    caseId,
    truth,
    async () => ({ input: await bundleInvestigationInput(dir), truth }),
    brain,
  );
}

/** A truth built from a confirmed root cause (service, category, the change when known). */
export function truthOf(rootCause: { service: string; category: string; change?: string }): Truth {
  return {
    rootCause: {
      service: rootCause.service,
      category: rootCause.category as RootCauseCategory,
      ...(rootCause.change === undefined ? {} : { change: rootCause.change }),
    },
    alsoAcceptable: [],
  };
}

/**
 * Loads, investigates and scores one case. `truth` is known before loading (so a case whose
 * input cannot be read is still stored as a failed case against it); `load` gives the input.
 */
export async function runLoadedCase(
  caseId: string,
  truth: Truth,
  load: () => Promise<LoadedCase>,
  brain: BrainName | Brain,
): Promise<RanCase> {
  let changeUnknown = false;
  const expected = {
    service: truth.rootCause.service,
    category: truth.rootCause.category,
    ...(truth.rootCause.change === undefined ? {} : { change: truth.rootCause.change }),
  };
  let input: InvestigationInput | undefined;
  try {
    const loaded = await load();
    input = loaded.input;
    changeUnknown = loaded.changeUnknown === true;
    const investigation = await investigate(input, { brain });
    const { report } = investigation;
    const totals = traceTotals(investigation.trace);
    const verdicts = scoreReport(report, loaded.truth);
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
      ...verdicts,
      // Stored as JSON, where an undefined verdict is an absent one: not scored.
      ...(changeUnknown ? { change: undefined, falseChange: undefined } : {}),
      timeToBriefMs: investigation.elapsedMs,
      costUsd: totals.costUsd,
      tokens: totals.inputTokens + totals.outputTokens,
    };
    return { scored, investigation };
  } catch (error) {
    const scoreChange = !changeUnknown;
    const scored: BacktestCase = {
      id: caseId,
      labels: caseLabels(input?.alert.labels ?? {}),
      expected,
      top1: false,
      top3: false,
      category: false,
      ...(scoreChange ? (expected.change !== undefined ? { change: false } : { falseChange: false }) : {}),
      timeToBriefMs: 0,
      costUsd: 0,
      tokens: 0,
      error: error instanceof Error ? error.message : String(error),
    };
    return { scored };
  }
}
