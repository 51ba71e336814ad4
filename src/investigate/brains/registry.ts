/** The brains by name. The LLM brain joins here once its provider layer is configured. */
import type { Brain } from './brain.js';
import { builtinBrain } from './builtin/brain.js';

export const brains = {
  builtin: builtinBrain,
} satisfies Record<string, Brain>;

export type BrainName = keyof typeof brains;
export const BRAIN_NAMES = Object.keys(brains) as BrainName[];
