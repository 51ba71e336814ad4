/**
 * bench:backtest's suite and its reference figures: the lab suite (chosen faults × seeds), generated
 * once into the bench cache and reused while the lab's code and the options are unchanged; and
 * bench:rca's "ours" verdicts on it (the ranker, `nightshift rank`, scored as bench/rca.ts scores
 * it), which the backtest's top 1 and category are checked against.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { acceptedServices } from '../src/backtest/index.js';
import { readTruth } from '../src/bundle/scoring.js';
import { codeVersion, modulesRoot } from '../src/evals/code-version.js';
import { rankBundle } from '../src/investigate/index.js';
import {
  DEFAULT_SCENARIO,
  DEFAULT_VOLUME,
  FAULT_NAMES,
  type FaultName,
  generateSuite,
} from '../src/lab/index.js';
import { rankOf } from './rca-score.js';

export interface SuiteChoice {
  faults: FaultName[];
  seeds: number;
  hours: number;
}

/** One case's verdicts, as a backtest case and bench:rca each count them. */
export interface CaseVerdicts {
  id: string;
  top1: boolean;
  category: boolean;
  error?: string;
}

/** The faults named by `--faults a,b` (every fault when absent); an unknown name says which exist. */
export function parseFaults(text: string | undefined): FaultName[] {
  if (text === undefined) return [...FAULT_NAMES];
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const known = new Set<string>(FAULT_NAMES);
  const unknown = names.filter((n) => !known.has(n));
  if (names.length === 0 || unknown.length > 0)
    throw new Error(
      `--faults "${text}": unknown fault ${unknown.join(', ') || '(none given)'}; choose among ${FAULT_NAMES.join(', ')}`,
    );
  return names as FaultName[];
}

/**
 * The suite folder for `choice` under `cacheDir`, generated when absent. Its name carries a hash of
 * the choice, the scenario defaults and the code that writes bundles (src/lab, src/bundle), so a
 * change to any of them generates a fresh suite instead of measuring a stale one. generateSuite
 * writes atomically: an interrupted generation leaves no half-made suite to be reused.
 */
export async function cachedLabSuite(cacheDir: string, choice: SuiteChoice): Promise<string> {
  const options = {
    ...DEFAULT_SCENARIO,
    ...DEFAULT_VOLUME,
    hours: choice.hours,
    faults: choice.faults,
    seeds: choice.seeds,
    drop: [],
    gzip: true,
    force: false,
  };
  const root = modulesRoot();
  const hash = createHash('sha256')
    .update(JSON.stringify(options))
    .update(await codeVersion(join(root, 'lab')))
    .update(await codeVersion(join(root, 'bundle')))
    .digest('hex')
    .slice(0, 12);
  const dir = join(cacheDir, `lab-${choice.faults.length}f-${choice.seeds}s-${choice.hours}h-${hash}`);
  if (existsSync(dir)) {
    process.stderr.write(`lab suite: reusing ${dir}\n`);
    return dir;
  }
  process.stderr.write(
    `generating the lab suite: ${choice.faults.length} faults × ${choice.seeds} seeds, ${choice.hours} h each, into ${dir}\n`,
  );
  await generateSuite(dir, options, (p) => process.stderr.write(`\rgenerated ${p.bundle}/${p.bundles}`));
  process.stderr.write('\n');
  return dir;
}

/**
 * bench:rca's "ours" on each case: `rankBundle`, top 1 by bench/rca-score.ts's `rankOf` over the
 * truth's accepted services, category as the top suspect's. The same steps as bench/rca.ts's
 * `evaluate` (which runs at the top level of its script and so cannot be imported).
 */
export async function rcaVerdicts(suiteDir: string, caseIds: readonly string[]): Promise<CaseVerdicts[]> {
  const verdicts: CaseVerdicts[] = [];
  for (const [k, id] of caseIds.entries()) {
    const dir = join(suiteDir, id);
    const truth = await readTruth(dir);
    if (!truth)
      throw new Error(`${dir}: no truth.yaml; bench:backtest needs bundles with a known root cause`);
    const ranking = await rankBundle(dir);
    const top1 =
      rankOf({ id, accepted: acceptedServices(truth), ranking: ranking.suspects.map((s) => s.service) }) ===
      1;
    verdicts.push({ id, top1, category: ranking.suspects[0]?.category === truth.rootCause.category });
    process.stderr.write(`\rbench:rca's ranking: ${k + 1}/${caseIds.length}`);
  }
  process.stderr.write('\n');
  return verdicts;
}
