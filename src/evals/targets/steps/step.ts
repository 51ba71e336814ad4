/**
 * One built-in stage the `step` target can run on its own: its own vars schema (the recorded input),
 * the sources it accepts, and a run that returns JSON shaped for `field` assertions
 * (`ranked.0.service`, `onsetFrom`).
 */
import type { z } from 'zod';
import type { InputKind, ResolvedSource } from '../target.js';

export interface Step<V extends z.ZodType = z.ZodType> {
  /** One line for errors and docs. */
  description: string;
  /** The case's `input.vars`, parsed before the stage runs. */
  vars: V;
  /** `none`: the vars are the whole input; `bundle`: a bundle folder or a lab recipe. */
  accepts: readonly InputKind[];
  run(vars: z.output<V>, source: ResolvedSource, signal: AbortSignal): Promise<unknown>;
}

/** Builds an entry with its vars type inferred from the schema. */
export function defineStep<V extends z.ZodType>(step: Step<V>): Step<V> {
  return step;
}

/** Scores as assertions compare them: three decimals are plenty and keep the JSON readable. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
