/**
 * `nightshift eval runs` (recent runs) and `nightshift eval compare <a> <b>` (what changed between
 * two runs), and the store both read: the one nightshift.yaml's `store:` names, else SQLite in
 * the Nightshift home (`.nightshift/`, or NIGHTSHIFT_HOME), where serve keeps it by default. Only that section is read, so a serve configuration whose other
 * sections need variables this shell does not set does not stop an eval.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE } from '../../config/load.js';
import { CONFIG_HINT, storeSchema } from '../../config/schema.js';
import { NightshiftError } from '../../core/index.js';
import { readYamlSection } from '../../core/yaml-config.js';
import { compareRuns, renderComparison } from '../../evals/results/compare.js';
import { type EvalRunResult, evalRunResultSchema } from '../../evals/results/schema.js';
import { percent } from '../../evals/results/table.js';
import { nightshiftHome } from '../../investigate/index.js';
import { openStore, type Store } from '../../store/index.js';
import { pc } from '../colors.js';
import { parseInteger } from '../options.js';

/** Opens the configured store (migrated); the caller closes it. */
export async function openEvalStore(cwd: string, env: NodeJS.ProcessEnv): Promise<Store> {
  const file = join(cwd, CONFIG_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const section =
    text === undefined
      ? undefined
      : readYamlSection(file, text, { section: 'store', schema: storeSchema, hint: CONFIG_HINT, env });
  return openStore(section ?? { kind: 'sqlite', path: join(nightshiftHome(env, cwd), 'nightshift.db') }, cwd);
}

/**
 * A stored run by id, id prefix, `last` or `previous` (the one before last). Throws NOT_FOUND
 * saying what exists.
 */
export async function loadRun(store: Store, ref: string): Promise<EvalRunResult> {
  let id = ref;
  if (ref === 'last' || ref === 'previous') {
    const recent = await store.listEvalRuns({ limit: 2 });
    const run = recent[ref === 'last' ? 0 : 1];
    if (run === undefined)
      throw new NightshiftError('NOT_FOUND', `there is no ${ref} eval run (${recent.length} stored)`, {
        hint: 'nightshift eval run stores each run; run the suites first',
      });
    id = run.id;
  }
  const record = await store.getEvalRun(id);
  if (record === undefined)
    throw new NightshiftError('NOT_FOUND', `no eval run ${ref}`, {
      hint: 'nightshift eval runs lists the stored runs; last and previous name the two most recent',
    });
  const parsed = evalRunResultSchema.safeParse(record.result);
  if (!parsed.success)
    throw new NightshiftError(
      'BAD_INPUT',
      `eval run ${record.id} was stored in a format this version cannot read`,
      {
        hint: 'run the suites again with this version to compare',
      },
    );
  return parsed.data;
}

/** Opens the store runs are kept in, runs `use`, and closes it whatever happens. */
export async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openEvalStore(process.cwd(), process.env);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function registerEvalRuns(evalCommand: Command): void {
  evalCommand
    .command('runs')
    .description('List recent eval runs: id, when, suites, cases, passed, failed, pass rate.')
    .option('--limit <n>', 'how many runs', parseInteger(1, 1000), 20)
    .option('--json', 'print the runs as JSON')
    .action(async (flags: { limit: number; json?: boolean }) => {
      const runs = await withStore((store) => store.listEvalRuns({ limit: flags.limit }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        process.stdout.write('no eval runs stored yet; nightshift eval run stores each run\n');
        return;
      }
      const rows = runs.map((r) => {
        const counted = r.passed + r.failed + r.errored;
        const rate = counted === 0 ? '-' : percent(r.passed / counted);
        const suites = r.suites.length === 1 ? (r.suites[0] as string) : `${r.suites.length} suites`;
        return [
          r.id,
          when(r.startedAt),
          suites,
          String(r.cases),
          String(r.passed),
          String(r.failed + r.errored),
          rate,
        ];
      });
      const header = ['id', 'started (UTC)', 'suites', 'cases', 'passed', 'failed', 'rate'];
      const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map((row) => (row[i] as string).length)),
      );
      const line = (cells: string[]) =>
        cells
          .map((c, i) => c.padEnd(widths[i] as number))
          .join('  ')
          .trimEnd();
      process.stdout.write(`${pc.dim(line(header))}\n${rows.map(line).join('\n')}\n`);
    });

  evalCommand
    .command('compare')
    .description('Compare two eval runs: pass-rate deltas and the cases that flipped (older run first).')
    .argument('<a>', 'a run id (or a unique prefix), last, or previous')
    .argument('<b>', 'another run')
    .option('--json', 'print the comparison as JSON')
    .action(async (a: string, b: string, flags: { json?: boolean }) => {
      const [first, second] = await withStore(async (store) => [
        await loadRun(store, a),
        await loadRun(store, b),
      ]);
      if (first === undefined || second === undefined) return;
      // Older to newer whatever the order given: `compare last previous` reads as it is meant.
      const [before, after] = first.startedAt <= second.startedAt ? [first, second] : [second, first];
      const comparison = compareRuns(before, after);
      process.stdout.write(
        flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison, pc),
      );
    });
}
