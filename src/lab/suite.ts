/**
 * A suite: every fault type (or a chosen few) × seeds 1..n, one bundle each, plus `suite.yaml`
 * listing them; or a family's cases (`generateFamily`). Written into a temporary folder and renamed into place when complete, so an
 * interrupted suite leaves nothing half-made at the output path.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFolderAtomically } from '../bundle/index.js';
import { NightshiftError, toIso } from '../core/index.js';
import type { Volume } from './emit/telemetry.js';
import { caseName, type LabCaseSpec } from './families.js';
import type { FaultName } from './faults/catalogue.js';
import { type GenerateOptions, type GenerateSummary, generateBundle } from './generate.js';
import { DEFAULT_SCENARIO } from './scenario.js';

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

export interface FamilyGenerateOptions extends Volume {
  hours: number;
  gzip: boolean;
  force: boolean;
  /** Named in suite.yaml, e.g. `test` or `test part 2/2`. */
  label: string;
}

export interface FamilyResult {
  summaries: GenerateSummary[];
  /** Cases whose fault found no viable target on their system at any hour tried. */
  skipped: Array<{ spec: LabCaseSpec; reason: string }>;
}

/**
 * A family's cases (see families.ts), one bundle each, with a suite.yaml naming each bundle's
 * system, fault, variant and dialect. A case whose fault cannot show on its system (no viable
 * target at any hour tried) is skipped and listed, not fatal: the family still measures the rest.
 */
export async function generateFamily(
  outDir: string,
  specs: readonly LabCaseSpec[],
  options: FamilyGenerateOptions,
  onBundle?: (p: SuiteProgress, summary: GenerateSummary) => void,
): Promise<FamilyResult> {
  const summaries: GenerateSummary[] = [];
  const skipped: FamilyResult['skipped'] = [];
  await writeFolderAtomically(
    outDir,
    {
      force: options.force,
      hints: { exists: 'Pass --force to replace it.', notFolder: 'Choose another folder.' },
    },
    async (temp) => {
      const cases: Array<LabCaseSpec & { id: string }> = [];
      for (const [k, spec] of specs.entries()) {
        const scratch = join(temp, `.${caseName(spec)}`);
        const generated = await generateBundle(scratch, {
          ...DEFAULT_SCENARIO,
          ...spec,
          hours: options.hours,
          logLinesPerDay: options.logLinesPerDay,
          spansPerDay: options.spansPerDay,
          gzip: options.gzip,
          force: false,
        }).catch((error: unknown) => {
          if (error instanceof NightshiftError && /no service it can hit/.test(error.message)) {
            skipped.push({ spec, reason: error.message });
            return undefined;
          }
          throw error;
        });
        if (!generated) continue;
        const id = generated.incident.id;
        await rename(scratch, join(temp, id));
        const summary = { ...generated, dir: join(outDir, id) };
        summaries.push(summary);
        cases.push({ ...spec, id });
        onBundle?.({ bundle: k + 1, bundles: specs.length, id }, summary);
      }
      const manifest = { version: 1, family: options.label, hours: options.hours, bundles: cases, skipped };
      await writeFile(
        join(temp, 'suite.yaml'),
        `# Lab family: one bundle per case. Names the faults: for scoring, never for an investigation.\n${stringify(manifest)}`,
      );
    },
  );
  return { summaries, skipped };
}
