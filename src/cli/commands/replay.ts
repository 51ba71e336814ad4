/**
 * `nightshift replay <export folder | investigation folder | id>`: re-runs an investigation from
 * the evidence it collected, with no telemetry source, and says whether the report came out the
 * same (src/replay, docs/replay.md).
 */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { NightshiftError } from '../../core/index.js';
import { openConfiguredStore } from '../../evals/save/index.js';
import { BRAIN_NAMES, type BrainChoice, nightshiftHome } from '../../investigate/index.js';
import { renderTerminal } from '../../investigate/render/index.js';
import { loadReplaySource, replay, reportDifferences, writeReplayFolder } from '../../replay/index.js';
import type { Store } from '../../store/index.js';
import { pc, stdoutHasColor } from '../colors.js';
import { parseChoice } from '../options.js';

interface Flags {
  brain: BrainChoice;
  model?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  config?: string;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'Re-run an investigation from the evidence it collected, without its sources, and compare the report with the original.',
    )
    .argument('<ref>', 'an export folder, a folder `nightshift investigate` kept, or an investigation id')
    .addOption(
      new Option('--brain <name>', 'who reasons over the evidence')
        .argParser(parseChoice(BRAIN_NAMES))
        .default('builtin'),
    )
    .option(
      '--model <provider:model>',
      'with --brain llm: run this model against the evidence (without it, the recorded answers of recording.json)',
    )
    .option('--out <dir>', 'also write the replay as an export folder here (for `nightshift diff`)')
    .option('--force', 'replace --out if it exists (once the new folder is complete)')
    .option('--json', 'print the replay and the comparison as JSON')
    .option('--config <file>', 'nightshift.yaml that names the store (default: ./nightshift.yaml)')
    .action(async (ref: string, flags: Flags) => {
      if (flags.model !== undefined && flags.brain !== 'llm') {
        throw new NightshiftError('BAD_INPUT', '--model is used only with --brain llm', {
          hint: 'Add --brain llm, or leave --model out.',
        });
      }
      const cwd = process.cwd();
      let store: Store | undefined;
      let opened = false;
      const openStore = async () => {
        if (!opened) {
          opened = true;
          store = await openConfiguredStore({
            cwd,
            env: process.env,
            ...(flags.config === undefined ? {} : { configFile: flags.config }),
          });
        }
        return store;
      };
      try {
        const source = await loadReplaySource(resolve(cwd, ref), {
          home: nightshiftHome(process.env, cwd),
          store: openStore,
        }).catch(async (error: unknown) => {
          // An id is not a path: look it up as given when the resolved path names nothing.
          if (error instanceof NightshiftError && error.code === 'NOT_FOUND' && resolve(cwd, ref) !== ref)
            return loadReplaySource(ref, { home: nightshiftHome(process.env, cwd), store: openStore });
          throw error;
        });
        const replayed = await replay(source.evidence, {
          brain: flags.brain,
          ...(flags.model !== undefined && { model: flags.model }),
          ...(source.recording && { recording: source.recording }),
          cwd,
          env: process.env,
          keepEvidence: flags.out !== undefined,
        });
        const differences = reportDifferences(source.original.report, replayed.report);
        const out =
          flags.out === undefined
            ? undefined
            : await writeReplayFolder(replayed, {
                dir: resolve(cwd, flags.out),
                force: flags.force === true,
                now: Date.now(),
              });
        if (flags.json) {
          const { evidence: _evidence, ...shown } = replayed;
          process.stdout.write(
            `${JSON.stringify({ replay: shown, original: { id: source.original.id, sameReport: differences.length === 0, differences }, ...(out && { out }) }, null, 2)}\n`,
          );
          return;
        }
        process.stdout.write(renderTerminal(replayed.report, { color: stdoutHasColor }));
        const verdict =
          differences.length === 0
            ? pc.green(`same report as ${source.original.id}`)
            : pc.yellow(`the report differs from ${source.original.id} in: ${differences.join(', ')}`);
        const lines = [
          '',
          pc.dim(
            `replay ${replayed.id} of ${source.where}: ${replayed.brain} brain, ${(replayed.elapsedMs / 1000).toFixed(1)} s`,
          ),
          verdict,
          ...(out ? [pc.dim(`  written to ${out}; compare: nightshift diff <original folder> ${out}`)] : []),
          ...replayed.notes.map((n) => pc.yellow(`note: ${n}`)),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await store?.close();
      }
    });
}
