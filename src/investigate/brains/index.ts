export type { Brain, BrainInput, BrainOutput } from './brain.js';
export type { LlmModels } from './llm/brain.js';
export { createLlmBrain } from './llm/brain.js';
export {
  BRAIN_NAMES,
  type BrainChoice,
  type BrainName,
  type BrainSettings,
  brains,
  createBrain,
} from './registry.js';
