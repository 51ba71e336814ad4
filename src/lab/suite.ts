/**
 * A suite: every fault type (or a chosen few) × seeds 1..n, one bundle each, plus `suite.yaml`
 * listing them. Written into a temporary folder and renamed into place when complete, so an
 * interrupted suite leaves nothing half-made at the output path.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFolderAtomically } from '../bundle/index.js';
import { toIso } from '../core/index.js';
import type { FaultName } from './faults/catalogue.js';
import { type GenerateOptions, type GenerateSummary, generateBundle } from './generate.js';

export interface SuiteOptions extends Omit<GenerateOptions, 'fault' | 'seed'> {
  faults: FaultName[];
  seeds: number;
}

export interface SuiteProgress {
  bundle: number;
  bundles: number;
  id: string;
}

export async function generateSuite(
  outDir: string,
  options: SuiteOptions,
  onBundle?: (p: SuiteProgress, summary: GenerateSummary) => void,
): Promise<GenerateSummary[]> {
  const summaries: GenerateSummary[] = [];
  await writeFolderAtomically(
    outDir,
    {
      force: options.force ?? false,
      hints: {
        exists: 'Pass --force to replace it, or choose another --out.',
        notFolder: 'Choose another --out.',
      },
    },
    async (temp) => {
      const faults = new Map<string, { fault: FaultName; seed: number }>();
      const total = options.faults.length * options.seeds;
      for (const fault of options.faults) {
        for (let seed = 1; seed <= options.seeds; seed++) {
          // Generated under a scratch name, then named by its neutral incident id.
          const scratch = join(temp, `.${fault}-s${seed}`);
          const generated = await generateBundle(scratch, { ...options, fault, seed, force: false });
          const id = generated.incident.id;
          await rename(scratch, join(temp, id));
          const summary = { ...generated, dir: join(outDir, id) };
          summaries.push(summary);
          faults.set(id, { fault, seed });
          onBundle?.({ bundle: summaries.length, bundles: total, id }, summary);
        }
      }
      const manifest = {
        version: 1,
        topology: options.topology,
        hours: options.hours,
        seeds: options.seeds,
        noise: options.noise,
        redHerrings: options.redHerrings,
        dropped: options.drop,
        bundles: summaries.map((s) => ({
          id: s.incident.id,
          ...faults.get(s.incident.id),
          alert: `${s.incident.alert.name} on ${s.incident.alert.service}`,
          startsAt: toIso(s.incident.alert.startsAt),
        })),
      };
      await writeFile(
        join(temp, 'suite.yaml'),
        `# Lab suite: one bundle per fault and seed, each in a folder named by its incident id.\n# This index names the faults: like truth.yaml, it is for scoring, never for an investigation.\n${stringify(manifest)}`,
      );
    },
  );
  return summaries;
}
