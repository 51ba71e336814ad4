/**
 * `review`: the built-in reviewer's critique of a bundle's ranked hypotheses. Runs the specialists
 * and the hypothesis builder on the context an investigation would build, then one review: each
 * hypothesis with the codes of its weaknesses, the close alternative, the order after the critique,
 * and the confidence it leaves.
 */
import { z } from 'zod';
import { confidenceOf } from '../../../investigate/brains/builtin/confidence.js';
import { buildHypotheses } from '../../../investigate/brains/builtin/hypotheses.js';
import { review, revise } from '../../../investigate/brains/builtin/review.js';
import { runSpecialists } from '../../../investigate/brains/builtin/specialists/index.js';
import { bundleInvestigationInput, withToolContext } from '../../../investigate/index.js';
import { Tracer } from '../../../tracing/index.js';
import { bundleDir } from './source.js';
import { defineStep, round3 } from './step.js';

export const reviewStep = defineStep({
  description:
    "The reviewer's critique of a bundle's hypotheses: weaknesses by code, alternative, confidence.",
  vars: z.object({}).strict().optional(),
  accepts: ['bundle'],
  async run(_vars, source) {
    const input = await bundleInvestigationInput(bundleDir(source, 'review'));
    const tracer = new Tracer({
      traceId: `eval-review-${input.incidentId}`,
      name: 'eval review',
      enabled: false,
    });
    return withToolContext(input, { tracer }, async (ctx) => {
      const findings = await runSpecialists(ctx, tracer);
      const built = buildHypotheses(ctx, findings);
      const critique = review(ctx, built, findings);
      const revised = revise(built.hypotheses, critique);
      const { confidence, reason } = confidenceOf(revised, critique);
      return {
        onsetFrom: ctx.windows.onsetFrom,
        hypotheses: built.hypotheses.map((h) => ({
          service: h.service,
          category: h.category,
          score: round3(h.score),
          weaknesses: (critique.weaknesses.get(h.id) ?? []).map((w) => w.code),
        })),
        /** Every weakness code of the top hypothesis, for `field: {path: topWeaknesses, contains: …}`. */
        topWeaknesses: (critique.weaknesses.get(built.hypotheses[0]?.id ?? '') ?? []).map((w) => w.code),
        alternative: critique.alternative ?? 'none',
        revised: revised.map((h) => ({ service: h.service, score: round3(h.score) })),
        confidence,
        confidenceReason: reason,
      };
    });
  },
});
