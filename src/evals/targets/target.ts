/**
 * The eval target extension point: what a suite runs each case against. One interface, one typed
 * registry (`registry.ts`); the suite's `target:` block is parsed with the target's own `config`
 * schema, and a case's input is checked against the kinds the target accepts before anything runs.
 *
 * A target returns an `EvalOutput`, the one shape every assertion reads, so assertions never know
 * which target produced what they check.
 */
import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import type { EvalOutput } from '../output.js';
import type { Recording } from '../recording/schema.js';
import type { LabRecipe } from '../suite/schema.js';

/** Where a case's telemetry comes from, once resolved by the runner. */
export type ResolvedSource =
  | { kind: 'none' }
  /** A bundle folder on disk: a `bundle:` path, or a lab recipe generated into the lab cache. */
  | { kind: 'bundle'; dir: string; recipe?: LabRecipe }
  | { kind: 'recording'; recording: Recording; file?: string };

export type InputKind = ResolvedSource['kind'];

/** A case as a target sees it: the suite's defaults already merged in. */
export interface TargetCase {
  suiteFile: string;
  name: string;
  vars: Readonly<Record<string, unknown>>;
  source: ResolvedSource;
  /** 0-based; a target that draws randomness seeds it with this, so a repeat is reproducible. */
  repeatIndex: number;
}

/** The model a run uses, when the target calls one; `id` is part of the cache key. */
export interface EvalModel {
  id: string;
  model: LanguageModel;
  provider: string;
}

/** What the runner gives every target. */
export interface TargetEnv {
  /**
   * The model for targets that call one: `--model`, the configured provider, or the replay model
   * built from the case's recording. Undefined offline without a recording.
   */
  model?: EvalModel;
  signal: AbortSignal;
}

export interface EvalTarget<C extends z.ZodType = z.ZodType> {
  /** One line for `eval list` and errors. */
  description: string;
  /** The schema of the suite's `target:` block besides `type`. */
  config: C;
  /** Which case sources the target accepts; a case giving another one is refused at load. */
  accepts: readonly InputKind[];
  /**
   * What, besides the case's input and repeat index, decides the output: a prompt's text hash, the
   * model id, the code version. Part of the cache key, so a changed prompt or code is never answered
   * from the cache.
   */
  identity(config: z.output<C>, env: TargetEnv): Promise<Record<string, string>> | Record<string, string>;
  run(config: z.output<C>, testCase: TargetCase, env: TargetEnv): Promise<EvalOutput>;
}

/** Builds an entry with its config type inferred from the schema. */
export function defineTarget<C extends z.ZodType>(target: EvalTarget<C>): EvalTarget<C> {
  return target;
}
