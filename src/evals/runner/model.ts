/**
 * `--model <provider:model>` for `nightshift eval run`: resolved through the same LLM
 * configuration as investigations (nightshift.yaml's `llm:`, then the environment), so a provider
 * configured there needs only its model name here, and `openai-compatible:<model>` uses
 * NIGHTSHIFT_LLM_BASE_URL or `llm.baseUrl`.
 */
import { loadLlmSection } from '../../config/load.js';
import type { EnvVars } from '../../core/yaml-config.js';
import { languageModel, llmConfigFrom, PROVIDERS, type ProviderName } from '../../llm/index.js';
import type { EvalModel } from '../targets/target.js';

/**
 * Splits `provider:model`. Model names may hold colons themselves (Ollama's `llama3.1:8b`), so
 * only a known provider before the first colon counts as one.
 */
export function parseModelSpec(spec: string): { provider?: ProviderName; model: string } {
  const colon = spec.indexOf(':');
  const head = colon < 0 ? '' : spec.slice(0, colon);
  return (PROVIDERS as readonly string[]).includes(head)
    ? { provider: head as ProviderName, model: spec.slice(colon + 1) }
    : { model: spec };
}

export async function resolveEvalModel(
  spec: string,
  options: { cwd: string; env: EnvVars },
): Promise<EvalModel> {
  const { provider, model } = parseModelSpec(spec);
  const section = await loadLlmSection(options);
  const config = llmConfigFrom(section, options.env, { model, ...(provider && { provider }) });
  const resolved = languageModel(config, 'strong');
  return { id: `${config.provider}:${resolved.id}`, model: resolved.model, provider: config.provider };
}
