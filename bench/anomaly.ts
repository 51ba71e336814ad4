/**
 * bench:anomaly — Nightshift's streaming anomaly scorer against NAB's windowed Gaussian on the
 * Numenta Anomaly Benchmark, scored with NAB's own rules (bench/nab/score.ts): per-category and
 * total normalised scores, and the ratio ours / windowed Gaussian (target ≥ 1.5×). Both detectors
 * run with one configuration for every file; NAB's threshold sweep then picks each detector's
 * threshold over the whole corpus, the same way for both.
 *
 *   npm run bench:anomaly -- [--data ../shared/data] [--profile standard] [--json out.json]
 */
import { join } from 'node:path';
import Table from 'cli-table3';
import { StreamingAnomalyScorer } from '../src/analysis/anomaly/index.js';
import { parseBenchArgs, requireData, writeJson } from './args.js';
import { type DetectorResult, evaluateDetector, type GroupScore } from './nab/evaluate.js';
import { loadNabCorpus, loadNabProfile, type NabFile } from './nab/load.js';
import { windowedGaussianScores } from './nab/windowed-gaussian.js';

/** NAB v1.1's corpus, to say what this copy lacks. */
const NAB_CATEGORIES: Record<string, number> = {
  artificialNoAnomaly: 5,
  artificialWithAnomaly: 6,
  realAdExchange: 6,
  realAWSCloudwatch: 17,
  realKnownCause: 7,
  realTraffic: 7,
  realTweets: 10,
};
const PUBLISHED_WINDOWED_GAUSSIAN = 39.6;
const TARGET_RATIO = 1.5;

const args = parseBenchArgs(process.argv.slice(2));
const nabDir = join(args.data, 'nab');
if (!requireData(nabDir, 'The NAB data set')) process.exit(1);
const profileName = args.flags.get('profile') ?? 'standard';
const cost = await loadNabProfile(nabDir, profileName);
const files = await loadNabCorpus(nabDir);
if (files.length === 0) {
  process.stderr.write(`No labelled NAB data files under ${join(nabDir, 'data')}.\n`);
  process.exit(1);
}

function timed(run: (file: NabFile) => number[]): { scores: number[][]; pointsPerSecond: number } {
  const started = performance.now();
  const scores = files.map(run);
  const points = files.reduce((sum, f) => sum + f.values.length, 0);
  return { scores, pointsPerSecond: points / ((performance.now() - started) / 1000) };
}

const ours = timed((file) => {
  const scorer = new StreamingAnomalyScorer();
  return file.values.map((value, i) => scorer.push(file.timestamps[i] ?? 0, value));
});
const gaussian = timed((file) => windowedGaussianScores(file.values));
const oursResult = evaluateDetector(files, ours.scores, cost);
const gaussianResult = evaluateDetector(files, gaussian.scores, cost);

const formatScore = (g: GroupScore) =>
  Number.isNaN(g.normalized) ? `n/a (raw ${g.raw.toFixed(2)})` : g.normalized.toFixed(1);
const formatRatio = (a: GroupScore, b: GroupScore) =>
  Number.isNaN(a.normalized) || b.normalized <= 0 ? '' : `${(a.normalized / b.normalized).toFixed(2)}×`;

const table = new Table({
  head: ['category', 'files', 'windows', 'ours', 'windowed Gaussian', 'ours / WG'],
  style: { head: [], border: [] },
});
for (const [category, mine] of oursResult.categories) {
  const theirs = gaussianResult.categories.get(category);
  if (!theirs) continue;
  table.push([
    category,
    mine.files,
    mine.windows,
    formatScore(mine),
    formatScore(theirs),
    formatRatio(mine, theirs),
  ]);
}
const total = { ours: oursResult.total, gaussian: gaussianResult.total };
const ratio = total.ours.normalized / total.gaussian.normalized;
table.push([
  'total',
  total.ours.files,
  total.ours.windows,
  total.ours.normalized.toFixed(1),
  total.gaussian.normalized.toFixed(1),
  `${ratio.toFixed(2)}×`,
]);

const present = new Set(files.map((f) => f.category));
const missing = Object.keys(NAB_CATEGORIES).filter((c) => !present.has(c));
const fullCount = Object.values(NAB_CATEGORIES).reduce((a, b) => a + b, 0);
// The windowed Gaussian's best threshold sits a hair below 1; print how far.
const threshold = (r: DetectorResult) =>
  r.threshold > 0.9999 && r.threshold < 1
    ? `1 − ${(1 - r.threshold).toExponential(1)}`
    : r.threshold.toPrecision(6);
const lines = [
  `bench:anomaly — NAB ${profileName} profile (A_tp ${cost.tpWeight}, A_fp −${cost.fpWeight}, A_fn −${cost.fnWeight}), ${files.length} files, ${total.ours.windows} anomaly windows, ${nabDir}`,
  `This copy holds part of the NAB corpus: ${files.length} of its ${fullCount} data files${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}. Compare the detectors side by side here, not with published totals.`,
  table.toString(),
  `Normalised score = 100 × (raw − null) / (perfect − null); null (constant 0.5, threshold swept the same way) = ${total.ours.nullRaw.toFixed(2)}, perfect = ${total.ours.perfect.toFixed(2)}; raw ours ${total.ours.raw.toFixed(2)}, windowed Gaussian ${total.gaussian.raw.toFixed(2)}.`,
  `Thresholds swept over the corpus: ours ${threshold(oursResult)}, windowed Gaussian ${threshold(gaussianResult)}. Categories without windows show their raw false-positive cost.`,
  `Windowed Gaussian published on the full corpus: ${PUBLISHED_WINDOWED_GAUSSIAN}.`,
  `Throughput: ours ${Math.round(ours.pointsPerSecond).toLocaleString('en-US')} points/s, windowed Gaussian ${Math.round(gaussian.pointsPerSecond).toLocaleString('en-US')} points/s.`,
  `Target ours / windowed Gaussian ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×).`,
];
process.stdout.write(`${lines.join('\n')}\n`);

const summary = (r: DetectorResult) => ({
  threshold: r.threshold,
  total: r.total,
  categories: Object.fromEntries(r.categories),
  perFile: Object.fromEntries(r.perFile),
});
await writeJson(args.json, {
  profile: profileName,
  costMatrix: cost,
  files: files.length,
  missingCategories: missing,
  ours: summary(oursResult),
  windowedGaussian: summary(gaussianResult),
  ratio,
  targetMet: ratio >= TARGET_RATIO,
});
