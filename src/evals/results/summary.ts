/**
 * From repeats to a case's status, from cases to the run's summary, and from the run to the exit
 * code of `nightshift eval run`. Pure.
 */
import { passHatK, wilsonInterval } from '../runner/stats.js';
import type { Gate } from '../suite/schema.js';
import type { CaseResult, CaseStatus, RepeatResult, RunSummary } from './schema.js';

/**
 * A case's status over its repeats. An errored repeat counts as not passed; only when every repeat
 * errored is the case an error (there is nothing to judge). An `xfail` case that meets its gate
 * "unexpectedly passed" (xpass); one that misses it is the expected failure (xfail).
 */
export function caseStatus(
  repeats: readonly RepeatResult[],
  gate: Gate,
  xfail: string | undefined,
): CaseStatus {
  if (repeats.length > 0 && repeats.every((r) => r.error !== undefined)) return 'error';
  const gatePassed = repeats.filter((r) => r.pass).length >= gate.k;
  if (xfail !== undefined) return gatePassed ? 'xpass' : 'xfail';
  return gatePassed ? 'pass' : 'fail';
}

/** The statistics of a case: passes, rate, its 95% Wilson interval and pass^k with the gate's k. */
export function caseStats(
  repeats: readonly RepeatResult[],
  gate: Gate,
): Pick<CaseResult, 'passes' | 'passRate' | 'interval' | 'passHatK'> {
  const passes = repeats.filter((r) => r.pass).length;
  const n = repeats.length;
  return {
    passes,
    passRate: n === 0 ? 0 : passes / n,
    interval: wilsonInterval(passes, n),
    passHatK: passHatK(passes, n, gate.k),
  };
}

export function summarise(cases: readonly CaseResult[], suites: number): RunSummary {
  const count = (status: CaseStatus) => cases.filter((c) => c.status === status).length;
  const passed = count('pass');
  const failed = count('fail');
  const errored = count('error');
  const counted = passed + failed + errored;
  const repeats = cases.flatMap((c) => c.repeats);
  return {
    suites,
    cases: cases.length,
    passed,
    failed,
    errored,
    xfailed: count('xfail'),
    xpassed: count('xpass'),
    repeats: repeats.length,
    cachedRepeats: repeats.filter((r) => r.cached).length,
    passRate: counted === 0 ? 1 : passed / counted,
  };
}

/** 0: every gate passed. 100: a case failed (promptfoo's convention). 1: an error. */
export type EvalExitCode = 0 | 1 | 100;

/**
 * The exit code of a finished run:
 * - 1 when cases ran but none could be judged (every one that counts errored on every repeat):
 *   the run says nothing about quality, so it must not read as a test verdict;
 * - 100 when any case failed its gate or errored (a target that throws is a regression too);
 * - 0 otherwise. `xfail` cases never fail a run, and an unexpected pass (xpass) does not either:
 *   it is reported so that the `xfail:` can be removed.
 * Errors before anything ran (a malformed suite, an unknown target) exit 1 from the CLI.
 */
export function exitCodeOf(summary: RunSummary): EvalExitCode {
  const counted = summary.passed + summary.failed + summary.errored;
  if (summary.errored > 0 && summary.errored === counted) return 1;
  if (summary.failed > 0 || summary.errored > 0) return 100;
  return 0;
}
