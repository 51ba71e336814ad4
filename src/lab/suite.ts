/**
 * A suite: every fault type (or a chosen few) × seeds 1..n, one bundle each, plus `suite.yaml`
 * listing them. Written into a temporary folder and renamed into place when complete, so an
 * interrupted suite leaves nothing half-made at the output path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { NightshiftError, toIso } from '../core/index.js';
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
  const target = resolve(outDir);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists && !options.force) {
    throw new NightshiftError('ALREADY_EXISTS', `${outDir} already exists`, {
      hint: 'Pass --force to replace it, or choose another --out.',
    });
  }
  const temp = join(
    dirname(target),
    `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  await mkdir(temp, { recursive: true });
  try {
    const summaries: GenerateSummary[] = [];
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
    if (exists) {
      const old = `${temp}.old`;
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
    return summaries;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
