/**
 * `nightshift export <id…> | --since <duration|date> --out <dir>`: investigations (CLI-saved or in
 * the configured store) as self-documenting folders, one per investigation, with an index when
 * there are several; `--backtest <run>` exports a stored backtest run, one folder per case (see
 * src/export and docs/exports.md).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { NightshiftError } from '../../core/index.js';
import { NAMES_FILE, openConfiguredStore, readNames } from '../../evals/save/index.js';
import { exportBacktest, exportInvestigations, INDEX_MD, parseSince } from '../../export/index.js';
import { nightshiftHome } from '../../investigate/index.js';
import type { Store } from '../../store/index.js';

interface Flags {
  out: string;
  since?: string;
  backtest?: string;
  anonymise?: boolean;
  names?: string;
  force?: boolean;
  config?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'Export investigations as folders a person or a coding agent can read: the brief, the report, the trace, every prompt and tool call.',
    )
    .argument('[ids...]', 'investigation ids (from `nightshift investigate` or the server)')
    .requiredOption('--out <dir>', 'the folder to write <id>/ folders into (created when missing)')
    .option(
      '--since <duration|date>',
      'every investigation since then instead of ids: 7d, 24h, 2026-03-01, an RFC 3339 instant',
    )
    .option(
      '--backtest <run>',
      'a stored backtest run (id or prefix) instead of ids: one folder per case, with its scored case, and an index',
    )
    .option('--anonymise', 'replace hosts, addresses, e-mails, ids and listed names by consistent pseudonyms')
    .option(
      '--names <file>',
      `names to replace with --anonymise, one per line (added to <nightshift home>/${NAMES_FILE})`,
    )
    .option('--force', 'replace an existing <out>/<id> folder (once the new one is complete)')
    .option('--config <file>', 'nightshift.yaml that names the store (default: ./nightshift.yaml)')
    .action(async (ids: string[], flags: Flags) => {
      const cwd = process.cwd();
      const home = nightshiftHome(process.env, cwd);
      const now = Date.now();
      if (flags.names !== undefined && flags.anonymise !== true) {
        throw new NightshiftError('BAD_INPUT', '--names is used only with --anonymise', {
          hint: 'Add --anonymise, or leave --names out.',
        });
      }
      const names = flags.anonymise
        ? await readNames(home, flags.names === undefined ? undefined : resolve(cwd, flags.names))
        : [];
      const store = await openConfiguredStore({
        cwd,
        env: process.env,
        ...(flags.config === undefined ? {} : { configFile: flags.config }),
      });
      const out = resolve(cwd, flags.out);
      try {
        if (flags.backtest !== undefined) {
          await exportStoredBacktest(flags.backtest, {
            ids,
            since: flags.since,
            store,
            out,
            now,
            names,
            flags,
          });
          return;
        }
        const result = await exportInvestigations({
          ...(flags.since === undefined
            ? { ids }
            : { sinceMs: parseSince(flags.since, now), ids: ids.length > 0 ? ids : undefined }),
          out,
          force: flags.force === true,
          anonymise: flags.anonymise === true,
          names,
          home,
          store,
          now,
          onExported: (row) => process.stdout.write(`${resolve(out, row.folder)}\n`),
        });
        if (result.rows.length === 0) {
          process.stdout.write(`No investigations since ${flags.since}: nothing written.\n`);
        } else {
          const index = result.indexed ? `; index in ${resolve(out, INDEX_MD)}` : '';
          process.stdout.write(`Exported ${result.rows.length} investigation(s) to ${out}${index}\n`);
        }
      } finally {
        await store?.close();
      }
    });
}

/** `--backtest <run>`: the run's cases from the configured store (src/export/backtest.ts). */
async function exportStoredBacktest(
  run: string,
  context: {
    ids: string[];
    since: string | undefined;
    store: Store | undefined;
    out: string;
    now: number;
    names: string[];
    flags: Flags;
  },
): Promise<void> {
  const { store, out, flags } = context;
  if (context.ids.length > 0 || context.since !== undefined) {
    throw new NightshiftError(
      'BAD_INPUT',
      '--backtest exports one backtest run: leave out the ids and --since',
      {
        hint: 'nightshift export --backtest <run> --out <dir>',
      },
    );
  }
  if (store === undefined) {
    throw new NightshiftError(
      'BAD_INPUT',
      'export --backtest reads the configured store, and there is none',
      {
        hint: 'Run it where nightshift.yaml names the store the backtest ran with (or pass --config), after `nightshift backtest run`.',
      },
    );
  }
  const index = await exportBacktest({
    store,
    run,
    out,
    force: flags.force === true,
    anonymise: flags.anonymise === true,
    names: context.names,
    now: context.now,
    onExported: (row) => process.stdout.write(`${resolve(out, row.folder)}\n`),
  });
  process.stdout.write(
    `Exported backtest ${index.backtest.id} (${index.cases.length} case(s)) to ${out}; index in ${resolve(out, INDEX_MD)}\n`,
  );
}
