/**
 * The language model for a role: the fast model first, the strong one when an investigation
 * escalates. Building a model makes no network call; each HTTP request carries the configured
 * time limit (`timeoutMs`), and a caller may bound a whole tool loop with its own abort signal.
 */
import type { LanguageModel } from 'ai';
import { providers } from './registry.js';
import type { LlmConfig, ModelRole } from './schema.js';
import { type FetchFunction, fetchWithTimeout } from './timeout-fetch.js';

/** A model and the id it was asked for, which traces and cost lookups need. */
export interface RoleModel {
  model: LanguageModel;
  id: string;
}

export function languageModel(config: LlmConfig, role: ModelRole, fetch?: FetchFunction): RoleModel {
  const id = role === 'fast' ? config.fastModel : config.strongModel;
  const create = providers[config.provider].create({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    fetch: fetchWithTimeout(config.timeoutMs, fetch),
  });
  return { model: create(id), id };
}
