export type { AgentConfig, LlmModels } from './agent.js';
export { FALLBACK_NOTE_START, investigateWithAgent } from './agent.js';
export type { AgentContext, ToolCaller } from './agent-context.js';
export { liveAgentContext } from './agent-context.js';
export type { LlmAnswer } from './answer.js';
export { llmAnswerSchema } from './answer.js';
export { createLlmBrain, type LlmBrainOptions } from './brain.js';
export { INVESTIGATOR_PROMPT, INVESTIGATOR_SYSTEM, INVESTIGATOR_TEMPLATE } from './investigator.prompt.js';
export {
  investigatorPrompt,
  llmBrainPrompts,
  type PromptDef,
  type PromptText,
  promptHash,
  renderTemplate,
  templateVars,
} from './prompts.js';
