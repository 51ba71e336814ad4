export type { EnvVars, LlmOverrides } from './config.js';
export {
  CONFIG_FILE,
  DEFAULT_MAX_STEPS,
  DEFAULT_TIMEOUT_MS,
  describeLlmConfig,
  llmConfigFrom,
  resolveLlmConfig,
} from './config.js';
export { explainLlmError, LlmTimeoutError } from './errors.js';
export type { ModelPrice } from './models.js';
export { costUsd, DEFAULT_MODELS, MODEL_PRICES, modelPrice } from './models.js';
export type { RoleModel } from './providers.js';
export { languageModel } from './providers.js';
export type { ProviderDef, ProviderSettings } from './registry.js';
export { providers } from './registry.js';
export type { LlmConfig, ModelRole, ProviderName } from './schema.js';
export { PROVIDERS } from './schema.js';
export type { ScriptStep } from './scripted-model.js';
export { scriptedModel } from './scripted-model.js';
export type {
  ReceivedRequest,
  ScriptedToolCall,
  StandInReply,
  StandInServer,
  StandInUsage,
} from './stand-in-server.js';
export { startStandInServer } from './stand-in-server.js';
export type { FetchFunction } from './timeout-fetch.js';
export { fetchWithTimeout } from './timeout-fetch.js';
