/**
 * The brains, by name. The built-in brain needs nothing but the evidence; the LLM brain needs a
 * provider configuration, so it is built on demand by `createBrain`, the one place that turns the
 * configuration into a brain (the CLI's `investigate` and the server's investigations both call it).
 */
import type { EnvVars } from '../../core/yaml-config.js';
import { type LlmFileSection, type LlmOverrides, languageModel, llmConfigFrom } from '../../llm/index.js';
import type { Brain } from './brain.js';
import { builtinBrain } from './builtin/brain.js';
import { createLlmBrain } from './llm/brain.js';

export const brains = {
  builtin: builtinBrain,
} satisfies Record<string, Brain>;

export type BrainName = keyof typeof brains;
export const BRAIN_NAMES = ['builtin', 'llm'] as const;
export type BrainChoice = (typeof BRAIN_NAMES)[number];

/** What choosing a brain needs: its name and, for the LLM brain, where its settings come from. */
export interface BrainSettings {
  brain: BrainChoice;
  /** nightshift.yaml's `llm:` section as loaded (config/load.ts); undefined when it has none. */
  llm?: LlmFileSection | undefined;
  /** Command-line choices, which win over the file and the environment. */
  overrides?: LlmOverrides;
}

/**
 * The brain the settings name. Makes no network call; a bad LLM configuration (no provider, no
 * key) throws BAD_INPUT now, so a server fails at start rather than at its first alert.
 */
export function createBrain(settings: BrainSettings, env: EnvVars): Brain {
  if (settings.brain === 'builtin') return brains.builtin;
  const config = llmConfigFrom(settings.llm, env, settings.overrides ?? {});
  return createLlmBrain(config, {
    fast: languageModel(config, 'fast'),
    strong: languageModel(config, 'strong'),
    provider: config.provider,
  });
}
