import { expect, test } from 'vitest';
import { costUsd, DEFAULT_MODELS, MODEL_PRICES, modelPrice } from './models.js';

test.each([
  { model: 'claude-sonnet-5-5', input: 1_000_000, output: 100_000, usd: 3, priced: true },
  { model: 'claude-haiku-4-5', input: 1_000_000, output: 100_000, usd: 1.5, priced: true },
  { model: 'gpt-4.1-mini', input: 10_000, output: 1_000, usd: 0.0056, priced: true },
  { model: 'gpt-6-luna', input: 200_000, output: 10_000, usd: 0.025, priced: true },
  { model: 'llama3.1', input: 10_000, output: 1_000, usd: 0, priced: false },
  { model: 'claude-sonnet-4-5-20250929', input: 1_000, output: 1_000, usd: 0.018, priced: true },
  { model: 'gpt-4.1-2025-04-14', input: 1_000_000, output: 0, usd: 2, priced: true },
  { model: 'openai/gpt-4o-mini', input: 1_000_000, output: 1_000_000, usd: 0.75, priced: true },
])('costUsd($model, $input, $output) = $usd', ({ model, input, output, usd, priced }) => {
  expect(costUsd(model, input, output)).toEqual({ usd: expect.closeTo(usd, 9), priced });
});

test.each([
  { name: 'at the threshold: the base rate', input: 100_000, usd: (100_000 * 0.1 + 1_000 * 0.5) / 1e6 },
  {
    name: 'past it: the whole request at the long rate',
    input: 100_001,
    usd: (100_001 * 0.5 + 1_000 * 2.5) / 1e6,
  },
])('claude-haiku-5-5 long-context tier, $name', ({ input, usd }) => {
  expect(costUsd('claude-haiku-5-5', input, 1_000).usd).toBeCloseTo(usd, 12);
});

test('every default model has a price, so default runs always show a cost', () => {
  const defaults = Object.values(DEFAULT_MODELS).flatMap((m) => [m.fast, m.strong]);
  expect(defaults.filter((m) => modelPrice(m) === undefined)).toEqual([]);
});

test('prices are positive, output costs at least input', () => {
  for (const [model, p] of Object.entries(MODEL_PRICES)) {
    expect({ model, ok: p.inputPerMTok > 0 && p.outputPerMTok >= p.inputPerMTok }).toEqual({
      model,
      ok: true,
    });
  }
});
