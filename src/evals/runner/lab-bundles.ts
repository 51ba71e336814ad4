/**
 * Lab bundles by recipe: a case's `lab: {fault, seed, hours, knobs}` is generated once into
 * `<labDir>/<sha256 of recipe + code version>/` and reused by every later case and run. Bundles are
 * made, never committed; a code change makes new ones (the simulator may have changed).
 */
import { randomBytes } from 'node:crypto';
import { access, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SCENARIO,
  DEFAULT_VOLUME,
  FAULT_NAMES,
  type FaultName,
  type GenerateOptions,
  generateBundle,
  type LabSource,
  type LabTopologyName,
  labTopologies,
} from '../../lab/index.js';
import type { LabRecipe } from '../suite/schema.js';
import { canonicalJson, sha256 } from './hash.js';

const SOURCES = ['metrics', 'logs', 'traces', 'changes', 'events', 'history'] as const satisfies LabSource[];

/** The knobs a recipe may set, by their `nightshift lab generate` option names, with its bounds. */
export const labKnobsSchema = z
  .object({
    topology: z.enum(Object.keys(labTopologies) as [LabTopologyName, ...LabTopologyName[]]),
    step: z.number().int().min(15).max(60),
    noise: z.number().min(0).max(5),
    redHerrings: z.number().int().min(0).max(20),
    gradual: z.boolean(),
    drop: z.array(z.enum(SOURCES)),
    gzip: z.boolean(),
    logLines: z.number().int().nonnegative(),
    spans: z.number().int().nonnegative(),
  })
  .partial()
  .strict();

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** The generator's options for a recipe whose fault and knobs were checked (see prepare.ts). */
export function generateOptionsOf(recipe: LabRecipe): GenerateOptions {
  const knobs = labKnobsSchema.parse(recipe.knobs);
  return {
    ...DEFAULT_SCENARIO,
    ...DEFAULT_VOLUME,
    fault: recipe.fault as FaultName,
    seed: recipe.seed,
    hours: recipe.hours,
    ...(knobs.topology && { topology: knobs.topology }),
    ...(knobs.step && { stepSeconds: knobs.step }),
    ...(knobs.noise !== undefined && { noise: knobs.noise }),
    ...(knobs.redHerrings !== undefined && { redHerrings: knobs.redHerrings }),
    gradual: knobs.gradual ?? false,
    drop: knobs.drop ?? [],
    gzip: knobs.gzip ?? true,
    ...(knobs.logLines !== undefined && { logLinesPerDay: knobs.logLines }),
    ...(knobs.spans !== undefined && { spansPerDay: knobs.spans }),
    force: false,
  };
}

/** The folder a recipe's bundle lives in. */
export function labBundleDir(labDir: string, recipe: LabRecipe, codeVersion: string): string {
  return join(labDir, sha256(`${canonicalJson(recipe)}\n${codeVersion}`));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Generates recipes' bundles for one run. Concurrent cases that need the same recipe wait for one
 * generation (the promise is shared); a failed generation rejects every waiter, which each reports
 * as its own error, and is not remembered past this run.
 */
export class LabBundles {
  private readonly pending = new Map<string, Promise<string>>();

  /** `generate` is the lab's generator; tests pass one that counts its calls. */
  constructor(
    private readonly labDir: string,
    private readonly codeVersion: string,
    private readonly generate: (dir: string, options: GenerateOptions) => Promise<unknown> = generateBundle,
  ) {}

  /** The bundle folder of a recipe, generated first if it is not there yet. */
  bundleFor(recipe: LabRecipe): Promise<string> {
    const dir = labBundleDir(this.labDir, recipe, this.codeVersion);
    let promise = this.pending.get(dir);
    if (promise === undefined) {
      promise = this.ensure(dir, recipe);
      this.pending.set(dir, promise);
    }
    return promise;
  }

  private async ensure(dir: string, recipe: LabRecipe): Promise<string> {
    if (await exists(join(dir, 'incident.yaml'))) return dir;
    // Generated beside its final place and renamed in, so an interrupted generation never leaves a
    // half bundle where the next run would take it for a whole one.
    const temp = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      await this.generate(temp, generateOptionsOf(recipe));
      await rename(temp, dir);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      // Another process may have made the same bundle meanwhile: theirs is as good as ours.
      if (await exists(join(dir, 'incident.yaml'))) return dir;
      throw error;
    }
    return dir;
  }
}
