/**
 * The LLM brain: the built-in brain's answer first (the baseline it must beat, and the fallback),
 * then the tool-calling agent (agent.ts) over the live investigation's tools. The same agent runs
 * on a recording in evals (src/evals/targets/investigation-recorded.ts).
 */
import { ATTR } from '../../../tracing/index.js';
import type { Brain } from '../brain.js';
import { builtinBrain } from '../builtin/brain.js';
import { type AgentConfig, investigateWithAgent, type LlmModels } from './agent.js';
import { liveAgentContext } from './agent-context.js';
import type { PromptText } from './prompts.js';

export type { LlmModels } from './agent.js';

/** The baseline span's attribute holding the built-in report as JSON (read by src/evals/save). */

export interface LlmBrainOptions {
  /** Replaces the investigator prompt: for evaluating a variant before it ships. */
  prompt?: PromptText;
}

export function createLlmBrain(config: AgentConfig, models: LlmModels, options: LlmBrainOptions = {}): Brain {
  return {
    name: 'llm',
    investigate: async (input) => {
      const baseline = await input.tracer.span(
        'baseline: built-in brain',
        'agent',
        { [ATTR.agentName]: 'builtin' },
        async (span) => {
          const output = await builtinBrain.investigate(input);
          // The model's draft, kept so that `eval save` can replay this investigation from its trace.
          span.setAttributes({ [ATTR.baselineReport]: JSON.stringify(output.report) });
          return output;
        },
      );
      return investigateWithAgent(
        liveAgentContext(input.ctx, baseline),
        input.tracer,
        config,
        models,
        options.prompt,
      );
    },
  };
}
