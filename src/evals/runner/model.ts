/**
 * `--model <provider:model>` for `nightshift eval run`: resolved through the same LLM
 * configuration as investigations (nightshift.yaml's `llm:`, then the environment), so a provider
 * configured there needs only its model name here, and `openai-compatible:<model>` uses
 * NIGHTSHIFT_LLM_BASE_URL or `llm.baseUrl`.
 */
import { loadLlmSection } from '../../config/load.js';
import type { EnvVars } from '../../core/yaml-config.js';
import { languageModel, llmConfigFrom, parseModelSpec } from '../../llm/index.js';
import type { EvalModel } from '../targets/target.js';

/**
 * The model `spec` names, or with no spec the configured one (nightshift.yaml's `llm:`, then the
 * environment) in its strong role.
 */
export async function resolveEvalModel(
  spec: string | undefined,
  options: { cwd: string; env: EnvVars },
): Promise<EvalModel> {
  const { provider, model } = spec === undefined ? {} : parseModelSpec(spec);
  const section = await loadLlmSection(options);
  const config = llmConfigFrom(section, options.env, {
    ...(model && { model }),
    ...(provider && { provider }),
  });
  const resolved = languageModel(config, 'strong');
  return { id: `${config.provider}:${resolved.id}`, model: resolved.model, provider: config.provider };
}
