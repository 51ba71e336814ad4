/**
 * The built-in stages the `step` target runs, by name. Adding one is a file and a line here; each
 * brings its own vars schema, so a suite's recorded input is checked before the stage runs.
 */
import { incidentWindowStep } from './incident-window.js';
import { logPatternsStep } from './log-patterns.js';
import { rankStep } from './rank.js';
import { reviewStep } from './review.js';
import type { Step } from './step.js';

export const steps = {
  rank: rankStep,
  review: reviewStep,
  'log-patterns': logPatternsStep,
  'incident-window': incidentWindowStep,
} satisfies Record<string, Step>;

export type StepName = keyof typeof steps;
export const STEP_NAMES = Object.keys(steps) as StepName[];
