/**
 * `nightshift import …`: public datasets → incident bundles. `import nezha` turns one day of Nezha's
 * fault-injection data into one bundle per injected fault, with an index.yaml listing them.
 */
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { formatDuration } from '../../core/index.js';
import {
  DEFAULT_ENTRY_SERVICE,
  DEFAULT_ID_PREFIX,
  INDEX_FILE,
  importNezhaDay,
  type NezhaImportSummary,
} from '../../importers/index.js';
import { pc } from '../colors.js';

interface NezhaFlags {
  root: string;
  day: string;
  out: string;
  force?: boolean;
  gzip?: boolean;
  idPrefix: string;
  entry: string;
  json?: boolean;
}

/** Adds `import` and its sub-commands to the program. */
export function registerImport(program: Command): void {
  const command = program.command('import').description('Turn public datasets into incident bundles.');

  command
    .command('nezha')
    .description('One day of Nezha fault-injection data (metrics) → one bundle per injected fault.')
    .requiredOption('--root <dir>', 'the Nezha data folder, which holds rca_data/')
    .requiredOption('--day <YYYY-MM-DD>', 'the day to import, a folder of rca_data/', parseDay)
    .requiredOption('--out <dir>', 'output folder (must not exist unless --force)')
    .option('--force', 'replace the output folder once the new one is complete')
    .option('--gzip', "gzip each bundle's metrics.csv")
    .option('--id-prefix <prefix>', 'bundle ids start with this', parseIdPrefix, DEFAULT_ID_PREFIX)
    .option('--entry <service>', 'the service users call: the alert fires there', DEFAULT_ENTRY_SERVICE)
    .option('--json', 'print the summary as JSON')
    .action(async (flags: NezhaFlags) => {
      const started = performance.now();
      const summary = await importNezhaDay({
        root: flags.root,
        day: flags.day,
        outDir: flags.out,
        force: flags.force ?? false,
        gzip: flags.gzip ?? false,
        idPrefix: flags.idPrefix,
        entryService: flags.entry,
      });
      const elapsedMs = performance.now() - started;
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({ ...summary, elapsedMs: Math.round(elapsedMs) }, null, 2)}\n`
          : formatSummary(summary, elapsedMs),
      );
    });
}

function formatSummary(s: NezhaImportSummary, elapsedMs: number): string {
  const samples = s.bundles.reduce((sum, b) => sum + b.samples, 0);
  const lines = [
    `${pc.bold(`Nezha ${s.day}`)}: ${s.faults} faults → ${s.bundles.length} bundles in ${s.outDir} (${formatDuration(elapsedMs)})`,
  ];
  const categories = Object.entries(s.categories).sort(([a], [b]) => a.localeCompare(b));
  for (const [category, n] of categories) lines.push(`  ${category.padEnd(24)} ${String(n).padStart(4)}`);
  lines.push(`  ${pc.dim('services')}  ${s.services.length}: ${s.services.join(', ')}`);
  const perBundle = s.bundles.length === 0 ? 0 : Math.round(samples / s.bundles.length);
  lines.push(
    `  ${pc.dim('samples')}   ${samples.toLocaleString('en-US')} (${perBundle.toLocaleString('en-US')} per bundle)`,
  );
  lines.push(`  ${pc.dim('index')}     ${join(s.outDir, INDEX_FILE)}`);
  if (s.notes.length > 0) {
    lines.push(pc.dim('notes'));
    for (const note of s.notes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new InvalidArgumentError(`expected YYYY-MM-DD, got "${text}"`);
  return text;
}

function parseIdPrefix(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text)) {
    throw new InvalidArgumentError(`use letters, digits, ".", "_" and "-" only, got "${text}"`);
  }
  return text;
}
