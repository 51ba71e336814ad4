/**
 * One phase of bench:eval in its own process, so that its peak memory is its own: runs the given
 * suite with the given cache and lab folders and prints one JSON line (wall time, peak RSS, the
 * run's summary). Started by bench/eval.ts; not meant to be run by hand.
 *
 *   npx tsx bench/eval-run-child.ts <suite> <lab dir> <cache dir | -> <concurrency>
 */
import { codeVersion } from '../src/evals/code-version.js';
import { runEvals } from '../src/evals/runner/run.js';
import { createTargets } from '../src/evals/targets/registry.js';

const [suite, labDir, cacheDir, concurrency] = process.argv.slice(2);
if (suite === undefined || labDir === undefined || cacheDir === undefined || concurrency === undefined) {
  throw new Error('usage: eval-run-child.ts <suite> <lab dir> <cache dir | -> <concurrency>');
}
const version = await codeVersion();
const started = performance.now();
const result = await runEvals({
  files: [suite],
  targets: createTargets({ codeVersion: async () => version }),
  concurrency: Number(concurrency),
  labDir,
  ...(cacheDir === '-' ? {} : { cacheDir }),
  codeVersion: version,
});
process.stdout.write(
  `${JSON.stringify({
    ms: performance.now() - started,
    rssPeakMB: process.resourceUsage().maxRSS / 1024,
    summary: result.summary,
    failing: result.cases.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.status}`),
  })}\n`,
);
