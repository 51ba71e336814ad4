/**
 * The LLM configuration: what `nightshift.yaml`'s `llm:` key may hold, what the environment may set,
 * and the resolved shape every other module receives. Schemas only; resolution is in `config.ts`.
 */
import { z } from 'zod';

export const PROVIDERS = ['anthropic', 'openai', 'openai-compatible'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** The cheap model goes first; the strong one is for escalation (see docs/architecture.md, brains). */
export type ModelRole = 'fast' | 'strong';

/** Upper bounds stop a typo (an extra zero) from turning into a ten-minute hang or a runaway loop. */
export const llmFileSchema = z
  .object({
    provider: z.enum(PROVIDERS),
    fastModel: z.string().min(1),
    strongModel: z.string().min(1),
    baseUrl: z.url({ protocol: /^https?$/ }),
    apiKey: z.string().min(1),
    timeoutMs: z.number().int().min(1000).max(600_000),
    maxSteps: z.number().int().min(1).max(50),
  })
  .partial()
  .strict();
export type LlmFileSection = z.infer<typeof llmFileSchema>;

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();
const optionalText = z.string().min(1).optional();

/**
 * The variables Nightshift reads. An empty variable counts as unset, which is what `VAR= cmd` means
 * to most shells' users.
 */
export const llmEnvSchema = z.object({
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  NIGHTSHIFT_LLM_BASE_URL: optionalUrl,
  NIGHTSHIFT_LLM_API_KEY: optionalText,
  NIGHTSHIFT_LLM_MODEL: optionalText,
});
export type LlmEnv = z.infer<typeof llmEnvSchema>;

export interface LlmConfig {
  provider: ProviderName;
  fastModel: string;
  strongModel: string;
  /** `undefined` means the provider's official endpoint. Required for openai-compatible. */
  baseUrl: string | undefined;
  /** A secret: never logged or traced. Use `describeLlmConfig` to show a config. */
  apiKey: string | undefined;
  /** Limit for one HTTP request to the provider; a tool loop makes one request per step. */
  timeoutMs: number;
  /** Most model calls in one tool loop (AI SDK `stopWhen: stepCountIs(maxSteps)`). */
  maxSteps: number;
}
