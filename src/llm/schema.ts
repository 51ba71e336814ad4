/** The LLM configuration, as `nightshift.yaml`'s `llm:` key holds it. */
import { z } from 'zod';

export const PROVIDERS = ['anthropic', 'openai', 'openai-compatible'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const llmFileSchema = z
  .object({
    provider: z.enum(PROVIDERS).optional(),
    fastModel: z.string().min(1).optional(),
    strongModel: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).optional(),
    maxSteps: z.number().int().min(1).max(50).optional(),
  })
  .strict();

export interface LlmConfig {
  provider: ProviderName;
  fastModel: string;
  strongModel: string;
  baseUrl: string | undefined;
  /** Never logged or traced. */
  apiKey: string | undefined;
  timeoutMs: number;
  maxSteps: number;
}
