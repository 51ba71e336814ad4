/**
 * One measured step of bench:lab, run in a fresh process so that its peak memory is its own:
 * `generate <out> <fault> <seed> <hours>` or `load <bundle>`. Prints one JSON line.
 */
import { loadBundle } from '../src/connectors/index.js';
import { DEFAULT_SCENARIO, DEFAULT_VOLUME, type FaultName, generateBundle } from '../src/lab/index.js';

const [mode, dir, fault, seed, hours] = process.argv.slice(2);
const started = performance.now();
if (mode === 'generate') {
  const summary = await generateBundle(dir ?? '', {
    ...DEFAULT_SCENARIO,
    ...DEFAULT_VOLUME,
    fault: (fault ?? 'bad-deploy') as FaultName,
    seed: Number(seed ?? 1),
    hours: Number(hours ?? 24),
    drop: [],
    gzip: true,
    force: true,
  });
  report({ counts: summary.counts });
} else if (mode === 'load') {
  const db = await loadBundle(dir ?? '');
  db.close();
  report({});
} else {
  throw new Error(`unknown mode ${mode}`);
}

function report(extra: Record<string, unknown>): void {
  const wallMs = performance.now() - started;
  // maxRSS is in KiB on Linux.
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ wallMs, peakMiB, ...extra })}\n`);
}
