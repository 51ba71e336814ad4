/**
 * Default models per provider and their list prices in USD per million tokens (input, output),
 * as the providers published them in 2025–2026. A model not listed (a local one behind an
 * OpenAI-compatible server) costs 0 and is marked unpriced, so a trace never shows a made-up cost.
 */
import type { ProviderName } from './schema.js';

export const DEFAULT_MODELS: Record<ProviderName, { fast: string; strong: string }> = {
  anthropic: { fast: 'claude-haiku-4-5', strong: 'claude-sonnet-4-5' },
  openai: { fast: 'gpt-4.1-mini', strong: 'gpt-4.1' },
  'openai-compatible': { fast: 'llama3.1', strong: 'llama3.1' },
};

const PRICES_PER_MTOK: Record<string, { input: number; output: number }> = {
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'o4-mini': { input: 1.1, output: 4.4 },
};

export function costUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
): { usd: number; priced: boolean } {
  const price = PRICES_PER_MTOK[model] ?? PRICES_PER_MTOK[model.replace(/-\d{8}$/, '')];
  if (!price) return { usd: 0, priced: false };
  return { usd: (inputTokens * price.input + outputTokens * price.output) / 1_000_000, priced: true };
}
