/**
 * Default models per provider, and list prices so that every traced model call can carry its cost.
 *
 * Prices are USD per million tokens as the providers published them, read on 2026-11-22 from the
 * Claude platform model pages (platform.claude.com/docs/…/models/…/overview) and OpenAI's pricing
 * and deprecation pages as quoted by LiteLLM, codexometer and deploybase (2026-03 to 2026-11).
 * Cached-input discounts are ignored (a cost is an upper bound), and so is a long-context tier
 * whose price was not published next to the model. A model that is not listed (a local model
 * behind an OpenAI-compatible server, or a new one) costs 0 and is marked unpriced, so a trace
 * never shows a made-up cost.
 */
import type { ModelRole, ProviderName } from './schema.js';

/**
 * The current models at the time of writing. Claude Sonnet 4.5 retires on 2026-11-30 and OpenAI's
 * GPT-4.1 / GPT-4o families on 2027-01-14, so they are priced below but are not defaults.
 * openai-compatible has no default: the right name depends on what the server has loaded.
 */
export const DEFAULT_MODELS: Record<Exclude<ProviderName, 'openai-compatible'>, Record<ModelRole, string>> = {
  anthropic: { fast: 'claude-haiku-5-5', strong: 'claude-sonnet-5-5' },
  openai: { fast: 'gpt-6-luna', strong: 'gpt-6.1-sol' },
};

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Some models bill the whole request at a higher rate once the prompt passes a size. */
  longContext?: { aboveInputTokens: number; inputPerMTok: number; outputPerMTok: number };
}

const price = (inputPerMTok: number, outputPerMTok: number): ModelPrice => ({ inputPerMTok, outputPerMTok });

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  // Anthropic
  'claude-haiku-5-5': {
    ...price(0.1, 0.5),
    longContext: { aboveInputTokens: 100_000, inputPerMTok: 0.5, outputPerMTok: 2.5 },
  },
  'claude-sonnet-5-5': price(2, 10),
  'claude-opus-5-5': price(4, 20),
  'claude-sonnet-5': price(2, 10),
  'claude-opus-5': price(5, 25),
  'claude-opus-4-8': price(5, 25),
  'claude-opus-4-6': price(5, 25),
  'claude-opus-4-5': price(5, 25),
  'claude-haiku-4-5': price(1, 5),
  'claude-sonnet-4-5': price(3, 15),
  'claude-opus-4-1': price(15, 75),
  // OpenAI
  'gpt-6-luna': price(0.1, 0.5),
  'gpt-6.1-terra': {
    ...price(1, 5),
    longContext: { aboveInputTokens: 272_000, inputPerMTok: 2, outputPerMTok: 7.5 },
  },
  'gpt-6.1-sol': price(2, 10),
  'gpt-6-sol': price(2, 10),
  'gpt-5': price(1.25, 10),
  'gpt-5-mini': price(0.25, 2),
  'gpt-4.1': price(2, 8),
  'gpt-4.1-mini': price(0.4, 1.6),
  'gpt-4o': price(2.5, 10),
  'gpt-4o-mini': price(0.15, 0.6),
  'o4-mini': price(1.1, 4.4),
};

/**
 * The price of a model id as a provider reports it: dated snapshots (`claude-sonnet-4-5-20250929`,
 * `gpt-4.1-2025-04-14`) and provider prefixes (`openai/gpt-4o`, as gateways name them) resolve to
 * the base model.
 */
export function modelPrice(model: string): ModelPrice | undefined {
  const bare = model.slice(model.lastIndexOf('/') + 1);
  return MODEL_PRICES[bare] ?? MODEL_PRICES[bare.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '')];
}

/** What one model call cost; `priced: false` means the model is unknown and `usd` is 0. */
export function costUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
): { usd: number; priced: boolean } {
  const p = modelPrice(model);
  if (!p) return { usd: 0, priced: false };
  const rate = p.longContext && inputTokens > p.longContext.aboveInputTokens ? p.longContext : p;
  return {
    usd: (inputTokens * rate.inputPerMTok + outputTokens * rate.outputPerMTok) / 1_000_000,
    priced: true,
  };
}
