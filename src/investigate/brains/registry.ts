/**
 * The brains that need nothing but the bundle, by name. The LLM brain needs a provider
 * configuration, so it is built on demand (`createLlmBrain`); both names are listed for the CLI.
 */
import type { Brain } from './brain.js';
import { builtinBrain } from './builtin/brain.js';

export const brains = {
  builtin: builtinBrain,
} satisfies Record<string, Brain>;

export type BrainName = keyof typeof brains;
export const BRAIN_NAMES = ['builtin', 'llm'] as const;
export type BrainChoice = (typeof BRAIN_NAMES)[number];
