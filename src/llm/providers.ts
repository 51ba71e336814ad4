/**
 * Provider factories by name (one registry line each) and the language model for a role: the fast
 * model first, the strong one when an investigation escalates. Building a model makes no network
 * call; each request carries the configured time limit.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { LlmConfig, ProviderName } from './schema.js';

type Factory = (config: LlmConfig, modelId: string) => LanguageModel;

export const providers = {
  anthropic: (c, id) =>
    createAnthropic({ apiKey: c.apiKey, ...(c.baseUrl ? { baseURL: c.baseUrl } : {}) })(id),
  openai: (c, id) => createOpenAI({ apiKey: c.apiKey, ...(c.baseUrl ? { baseURL: c.baseUrl } : {}) })(id),
  'openai-compatible': (c, id) =>
    createOpenAICompatible({
      name: 'openai-compatible',
      baseURL: c.baseUrl ?? '',
      ...(c.apiKey ? { apiKey: c.apiKey } : {}),
      supportsStructuredOutputs: true,
    })(id),
} satisfies Record<ProviderName, Factory>;

export function languageModel(
  config: LlmConfig,
  role: 'fast' | 'strong',
): { model: LanguageModel; id: string } {
  const id = role === 'fast' ? config.fastModel : config.strongModel;
  return { model: providers[config.provider](config, id), id };
}
