/**
 * The brain a command's `--brain` and `--model` name, with the LLM's settings from nightshift.yaml's
 * `llm:` and the environment: one place for `investigate`, `backtest run` and `worker`.
 */
import { loadLlmSection } from '../config/load.js';
import type { EnvVars } from '../core/yaml-config.js';
import { type Brain, type BrainChoice, createBrain } from '../investigate/index.js';
import { llmConfigFrom, parseModelSpec } from '../llm/index.js';

/** A brain and, for the LLM brain, the model it runs as `provider:model` (what a run records). */
export interface ChosenBrain {
  brain: Brain;
  model?: string;
}

export async function chooseBrain(
  choice: { brain: BrainChoice; model?: string | undefined },
  cwd: string,
  env: EnvVars,
): Promise<ChosenBrain> {
  if (choice.brain === 'builtin') return { brain: createBrain({ brain: 'builtin' }, env) };
  const llm = await loadLlmSection({ cwd, env });
  const overrides = choice.model === undefined ? {} : parseModelSpec(choice.model);
  const config = llmConfigFrom(llm, env, overrides);
  return {
    brain: createBrain({ brain: 'llm', llm, overrides }, env),
    model: `${config.provider}:${config.strongModel}`,
  };
}
