export type { Brain, BrainInput, BrainOutput } from './brain.js';
export { BRAIN_NAMES, type BrainName, brains } from './registry.js';
