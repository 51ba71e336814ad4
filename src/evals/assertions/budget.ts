/** Assertions on what a target spent: wall-clock time and model cost. */
import { z } from 'zod';
import { traceTotals } from '../../tracing/index.js';
import type { EvalOutput } from '../output.js';
import { defineAssertion, verdict } from './assertion.js';

export const latencyAssertion = defineAssertion({
  description: 'The target took at most this many milliseconds.',
  value: z.number().nonnegative(),
  check(output, maxMs) {
    if (output.latencyMs === undefined)
      return verdict(false, `expected at most ${maxMs} ms, but no latency was measured`);
    return verdict(output.latencyMs <= maxMs, `expected at most ${maxMs} ms, took ${output.latencyMs} ms`);
  },
});

/** The output's own cost, else its investigation's trace priced prompt by prompt. */
function costOf(output: EvalOutput): number | undefined {
  if (output.costUsd !== undefined) return output.costUsd;
  return output.investigation === undefined ? undefined : traceTotals(output.investigation.trace).costUsd;
}

export const costAssertion = defineAssertion({
  description: 'The target cost at most this many US dollars (from the output, else summed over its trace).',
  value: z.number().nonnegative(),
  check(output, maxUsd) {
    const costUsd = costOf(output);
    if (costUsd === undefined) return verdict(false, `expected at most $${maxUsd}, but no cost was recorded`);
    return verdict(costUsd <= maxUsd, `expected at most $${maxUsd}, cost $${costUsd}`);
  },
});
