/**
 * `nightshift lab …`: the synthetic incident lab. `faults` lists the catalogue, `generate` writes one
 * bundle, `suite` writes every fault × seeds.
 */
import { stderr } from 'node:process';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { NightshiftError } from '../../core/index.js';
import {
  DEFAULT_SCENARIO,
  DEFAULT_VOLUME,
  type Dialect,
  FAULT_NAMES,
  type FaultName,
  faultCatalogue,
  formatDialect,
  type GenerateOptions,
  generateBundle,
  generateSuite,
  type LabSource,
  labTopologies,
  parseDialect,
  resolveTopology,
} from '../../lab/index.js';
import { pc } from '../colors.js';
import { parseChoice, parseInteger, parseList, parseNumber } from '../options.js';
import { formatBundleSummary } from '../print-bundle.js';

const TOPOLOGIES = [...Object.keys(labTopologies), 'gen-<seed>'];
const SOURCES: LabSource[] = ['metrics', 'logs', 'traces', 'changes', 'events', 'history'];

interface CommonFlags {
  topology: string;
  hours: number;
  step: number;
  noise: number;
  redHerrings: number;
  drop: LabSource[];
  gradual?: boolean;
  gzip: boolean;
  logLines: number;
  spans: number;
  force?: boolean;
  out: string;
}

function addCommonOptions(command: Command, defaultHours: number): Command {
  return command
    .requiredOption('--out <dir>', 'output folder (must not exist unless --force)')
    .addOption(
      new Option(
        '--topology <name>',
        `system to simulate: ${TOPOLOGIES.join(', ')} (a generated system of 6–60 services)`,
      )
        .default('shop')
        .argParser(parseTopology),
    )
    .option('--hours <n>', 'length of the telemetry window', parseInteger(1, 24 * 14), defaultHours)
    .option(
      '--step <seconds>',
      'metric resolution, 15 to 60 s',
      parseInteger(15, 60),
      DEFAULT_SCENARIO.stepSeconds,
    )
    .option(
      '--noise <x>',
      'noise, background errors and benign blips (1 = typical)',
      parseNumber(0, 5),
      DEFAULT_SCENARIO.noise,
    )
    .option(
      '--red-herrings <n>',
      'benign changes and blips just before the incident',
      parseInteger(0, 20),
      DEFAULT_SCENARIO.redHerrings,
    )
    .option(
      '--drop <sources>',
      `leave sources out, comma-separated: ${SOURCES.join(',')}`,
      parseList(SOURCES),
      [],
    )
    .option('--gradual', 'spread the fault onset over about 20 more minutes')
    .option('--no-gzip', 'write metrics, logs and traces uncompressed')
    .option(
      '--log-lines <n>',
      'background log lines per 24 h',
      parseInteger(0),
      DEFAULT_VOLUME.logLinesPerDay,
    )
    .option('--spans <n>', 'trace spans per 24 h', parseInteger(0), DEFAULT_VOLUME.spansPerDay)
    .option('--force', 'replace the output folder if it exists');
}

/** Resolves the name at once, so a typo fails before any work and lists the valid names. */
function parseTopology(text: string): string {
  asArgumentError(() => resolveTopology(text));
  return text;
}

function parseDialectOption(text: string): Dialect {
  return asArgumentError(() => parseDialect(text));
}

function asArgumentError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof NightshiftError)) throw error;
    throw new InvalidArgumentError(error.hint ? `${error.message}. ${error.hint}` : error.message);
  }
}

function toOptions(flags: CommonFlags): Omit<GenerateOptions, 'fault' | 'seed'> {
  return {
    topology: flags.topology,
    hours: flags.hours,
    stepSeconds: flags.step,
    noise: flags.noise,
    redHerrings: flags.redHerrings,
    gradual: flags.gradual ?? false,
    drop: flags.drop,
    gzip: flags.gzip,
    logLinesPerDay: flags.logLines,
    spansPerDay: flags.spans,
    force: flags.force ?? false,
  };
}

export function registerLab(program: Command): void {
  const lab = program
    .command('lab')
    .description('Synthetic incident lab: realistic incidents with known root causes.');

  lab
    .command('faults')
    .description('List the fault catalogue.')
    .action(() => {
      const width = Math.max(...FAULT_NAMES.map((n) => n.length));
      for (const name of FAULT_NAMES) {
        const f = faultCatalogue[name];
        process.stdout.write(
          `${pc.bold(name.padEnd(width))}  ${pc.dim(f.category.padEnd(27))} ${f.description}${f.variants ? pc.dim(` (variants: ${f.variants.join(', ')})`) : ''}\n`,
        );
      }
    });

  addCommonOptions(
    lab
      .command('generate')
      .description('Generate one incident bundle with its truth.yaml.')
      .addOption(
        new Option('--fault <type>', 'fault type (see `nightshift lab faults`)')
          .makeOptionMandatory()
          .argParser(parseChoice(FAULT_NAMES)),
      )
      .option('--seed <n>', 'random seed; the same seed gives the same bundle', parseInteger(0), 1)
      .option(
        '--variant <name>',
        'which way the fault shows (see `nightshift lab faults`); default its first',
      )
      .option(
        '--dialect <spec>',
        'telemetry dialect, e.g. logs=logfmt,stacks=java,metrics=otel (logs: native|json|logfmt|plain; stacks: none|java|python; metrics: native|prometheus|otel)',
        parseDialectOption,
      )
      .option('--json', 'print the summary as JSON'),
    24,
  ).action(
    async (
      flags: CommonFlags & {
        fault: FaultName;
        seed: number;
        variant?: string;
        dialect?: Dialect;
        json?: boolean;
      },
    ) => {
      const options: GenerateOptions = { ...toOptions(flags), fault: flags.fault, seed: flags.seed };
      if (flags.variant !== undefined) options.variant = flags.variant;
      if (flags.dialect !== undefined) options.dialect = flags.dialect;
      const summary = await withProgress(
        `generating ${flags.fault}${flags.dialect ? ` (${formatDialect(flags.dialect)})` : ''}`,
        (tick) => generateBundle(flags.out, options, tick),
      );
      process.stdout.write(
        flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatBundleSummary(summary),
      );
    },
  );

  addCommonOptions(
    lab
      .command('suite')
      .description('Generate every fault type × seeds 1..n into one folder, with a suite.yaml index.')
      .option('--seeds <n>', 'seeds per fault type', parseInteger(1, 1000), 5)
      .option(
        '--faults <types>',
        'only these fault types, comma-separated',
        parseList(FAULT_NAMES),
        FAULT_NAMES,
      ),
    6,
  ).action(async (flags: CommonFlags & { seeds: number; faults: FaultName[] }) => {
    const total = flags.faults.length * flags.seeds;
    const bar = stderr.isTTY
      ? new SingleBar({ format: ' {bar} {value}/{total} bundles  {id}', hideCursor: true })
      : undefined;
    bar?.start(total, 0, { id: '' });
    const started = Date.now();
    try {
      await generateSuite(
        flags.out,
        { ...toOptions(flags), faults: flags.faults, seeds: flags.seeds },
        (p) => {
          if (bar) bar.update(p.bundle, { id: p.id });
          else stderr.write(`[${p.bundle}/${p.bundles}] ${p.id}\n`);
        },
      );
    } finally {
      bar?.stop();
    }
    process.stdout.write(
      `${total} bundles in ${flags.out} (${((Date.now() - started) / 1000).toFixed(1)} s); index: ${flags.out}/suite.yaml\n`,
    );
  });
}

/** Runs `work` with a progress bar on a terminal, silently otherwise. */
export async function withProgress<T>(
  label: string,
  work: (tick: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  if (!stderr.isTTY) return work(() => {});
  const bar = new SingleBar({
    format: ` ${label} {bar} {percentage}%`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(100, 0);
  try {
    return await work((done, total) => bar.update(Math.round((100 * done) / total)));
  } finally {
    bar.stop();
  }
}
