/**
 * Which LLM to use. Sources, later ones winning: defaults, nightshift.yaml's `llm:` section, the
 * environment, and command-line overrides. Pure: the section (read once with the rest of the file,
 * config/load.ts) and the environment are passed in, so tests and servers decide what they hold.
 * Each provider's variables and needs (a key, a base URL) come from its registry entry.
 *
 * Two rules keep a mixed setup from doing something surprising:
 * - A provider API key in the environment is a credential, not a choice: ANTHROPIC_API_KEY picks
 *   Anthropic only when nightshift.yaml names no provider (shells often hold several keys).
 *   NIGHTSHIFT_LLM_BASE_URL is a choice (it names an endpoint) and wins over the file.
 * - Settings belong to their provider: models, base URL and key from a file that names another
 *   provider are not used, so an Anthropic key is never sent to an OpenAI-compatible server.
 */
import { redactString } from '../anonymise/index.js';
import { NightshiftError } from '../core/index.js';
import type { EnvVars } from '../core/yaml-config.js';
import { DEFAULT_MODELS } from './models.js';
import { providers } from './registry.js';
import {
  type LlmConfig,
  type LlmEnv,
  type LlmFileSection,
  llmEnvSchema,
  type ModelRole,
  type ProviderName,
} from './schema.js';

/** What a command line may set; `model` sets both roles. */
export interface LlmOverrides {
  model?: string;
  provider?: ProviderName;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_STEPS = 12;

/**
 * Resolves the configuration from nightshift.yaml's `llm:` section (already read and validated
 * with the rest of the file, or undefined when there is none), the environment and overrides.
 */
export function llmConfigFrom(
  section: LlmFileSection | undefined,
  env: EnvVars,
  overrides: LlmOverrides,
): LlmConfig {
  const file = section ?? {};
  const vars = parseEnv(env);
  const provider = chooseProvider(file, vars, overrides);
  const own: LlmFileSection =
    file.provider === undefined || file.provider === provider
      ? file
      : { timeoutMs: file.timeoutMs, maxSteps: file.maxSteps };
  const def = providers[provider];
  const names = def.env;
  const config: LlmConfig = {
    provider,
    ...chooseModels(provider, own, overrides.model ?? (names.model && vars[names.model])),
    baseUrl: vars[names.baseUrl] ?? own.baseUrl,
    apiKey: vars[names.apiKey] ?? own.apiKey,
    timeoutMs: own.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSteps: own.maxSteps ?? DEFAULT_MAX_STEPS,
  };
  if (def.officialBaseUrl === undefined && config.baseUrl === undefined) {
    throw new NightshiftError('BAD_INPUT', `the ${provider} provider needs a base URL`, {
      hint: `Set ${names.baseUrl} (e.g. http://127.0.0.1:11434/v1 for Ollama) or llm.baseUrl in nightshift.yaml.`,
    });
  }
  if (def.apiKey === 'required' && config.apiKey === undefined) {
    throw new NightshiftError('BAD_INPUT', `the ${provider} provider needs an API key`, {
      hint: `Set ${names.apiKey}, or llm.apiKey in nightshift.yaml.`,
    });
  }
  return config;
}

/** One line that shows a configuration without its secret, for logs and `--verbose` output. */
export function describeLlmConfig(config: LlmConfig): string {
  const models =
    config.fastModel === config.strongModel
      ? `model ${config.fastModel}`
      : `fast ${config.fastModel}, strong ${config.strongModel}`;
  const endpoint = config.baseUrl === undefined ? 'official endpoint' : redactString(config.baseUrl);
  const key = config.apiKey === undefined ? 'no API key' : 'API key set';
  return `${config.provider} (${models}; ${endpoint}; ${key}; ${config.timeoutMs} ms a request; up to ${config.maxSteps} steps)`;
}

function parseEnv(env: EnvVars): LlmEnv {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = llmEnvSchema.safeParse(set);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'an LLM variable');
  throw new NightshiftError(
    'BAD_INPUT',
    `environment variable ${name}: expected an http:// or https:// URL`,
    {
      hint: `Got ${redactString(JSON.stringify(set[name]))}; for example ${name}=http://127.0.0.1:11434/v1`,
    },
  );
}

function chooseProvider(section: LlmFileSection, vars: LlmEnv, overrides: LlmOverrides): ProviderName {
  const provider =
    overrides.provider ??
    (vars.NIGHTSHIFT_LLM_BASE_URL ? 'openai-compatible' : undefined) ??
    section.provider ??
    (vars.ANTHROPIC_API_KEY ? 'anthropic' : undefined) ??
    (vars.OPENAI_API_KEY ? 'openai' : undefined);
  if (provider) return provider;
  throw new NightshiftError(
    'BAD_INPUT',
    'no LLM configured: set ANTHROPIC_API_KEY, OPENAI_API_KEY or NIGHTSHIFT_LLM_BASE_URL, or add llm: to nightshift.yaml',
    {
      hint: 'For a local model: NIGHTSHIFT_LLM_BASE_URL=http://127.0.0.1:11434/v1 NIGHTSHIFT_LLM_MODEL=llama3.1 (Ollama). The built-in brain (--brain builtin) needs no LLM.',
    },
  );
}

function chooseModels(
  provider: ProviderName,
  own: LlmFileSection,
  model: string | undefined,
): Record<`${ModelRole}Model`, string> {
  const defaults = provider === 'openai-compatible' ? undefined : DEFAULT_MODELS[provider];
  const fast = model ?? own.fastModel ?? (defaults ? defaults.fast : own.strongModel);
  const strong = model ?? own.strongModel ?? (defaults ? defaults.strong : own.fastModel);
  if (fast === undefined || strong === undefined) {
    throw new NightshiftError('BAD_INPUT', 'the openai-compatible provider needs a model name', {
      hint: 'Set NIGHTSHIFT_LLM_MODEL (e.g. llama3.1), llm.fastModel in nightshift.yaml, or pass --model.',
    });
  }
  return { fastModel: fast, strongModel: strong };
}
