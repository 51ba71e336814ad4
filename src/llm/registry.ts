/**
 * The LLM providers Nightshift can talk to, one line each (STYLE §2). A factory turns resolved
 * settings into a function from model id to an AI SDK language model. Factories make no network
 * call: a bad key or URL shows up on the first request, as an error `explainLlmError` can word.
 *
 * Base URLs are always passed explicitly so the SDKs never fall back to ANTHROPIC_BASE_URL or
 * OPENAI_BASE_URL behind the configuration's back; `config.ts` reads those variables instead.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { LlmEnv, ProviderName } from './schema.js';
import type { FetchFunction } from './timeout-fetch.js';

export interface ProviderSettings {
  baseUrl: string | undefined;
  apiKey: string | undefined;
  fetch: FetchFunction;
}

export interface ProviderDef {
  /** One line for docs and errors. */
  description: string;
  /**
   * Where requests go when the configuration names no base URL; undefined when there is no such
   * place (a self-hosted server), so a base URL is required.
   */
  officialBaseUrl: string | undefined;
  /** Whether a request without an API key can work: an official API always needs one. */
  apiKey: 'required' | 'optional';
  /**
   * The variables that carry its key, endpoint and (where it has no default models) its model.
   * A key variable is a credential, not a choice; config.ts applies the precedence rules.
   */
  env: { apiKey: keyof LlmEnv; baseUrl: keyof LlmEnv; model: keyof LlmEnv | undefined };
  create(settings: ProviderSettings): (modelId: string) => LanguageModel;
}

const ANTHROPIC_API = 'https://api.anthropic.com/v1';
const OPENAI_API = 'https://api.openai.com/v1';

export const providers = {
  anthropic: {
    description: "Anthropic's Messages API",
    officialBaseUrl: ANTHROPIC_API,
    apiKey: 'required',
    env: { apiKey: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL', model: undefined },
    create: (s) => createAnthropic({ baseURL: s.baseUrl ?? ANTHROPIC_API, apiKey: s.apiKey, fetch: s.fetch }),
  },
  // The default OpenAI model is the Responses API, which OpenAI recommends for tools and reasoning.
  openai: {
    description: "OpenAI's Responses API",
    officialBaseUrl: OPENAI_API,
    apiKey: 'required',
    env: { apiKey: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL', model: undefined },
    create: (s) => createOpenAI({ baseURL: s.baseUrl ?? OPENAI_API, apiKey: s.apiKey, fetch: s.fetch }),
  },
  // Ollama, vLLM and llama.cpp accept `response_format: json_schema`, so structured output is asked
  // for natively rather than by prompt; `includeUsage` makes streamed answers report tokens too.
  'openai-compatible': {
    description: 'a self-hosted OpenAI-compatible server (Ollama, vLLM, llama.cpp) or a gateway',
    officialBaseUrl: undefined,
    apiKey: 'optional',
    env: {
      apiKey: 'NIGHTSHIFT_LLM_API_KEY',
      baseUrl: 'NIGHTSHIFT_LLM_BASE_URL',
      model: 'NIGHTSHIFT_LLM_MODEL',
    },
    create: (s) =>
      createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: s.baseUrl ?? '',
        ...(s.apiKey === undefined ? {} : { apiKey: s.apiKey }),
        fetch: s.fetch,
        supportsStructuredOutputs: true,
        includeUsage: true,
      }),
  },
} satisfies Record<ProviderName, ProviderDef>;
