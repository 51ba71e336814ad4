/**
 * The built-in brain: deterministic, offline, the default and the fallback. Specialists gather
 * evidence through the tools in parallel; the ranker builds hypotheses; the reviewer critiques
 * them and the critique re-ranks them, for a bounded number of rounds or until the order holds;
 * the history specialist looks for similar past incidents; the writer produces the report.
 */
import type { Hypothesis } from '../../../core/index.js';
import { callTool, tools } from '../../tools/index.js';
import type { Brain, BrainInput, BrainOutput } from '../brain.js';
import { confidenceOf } from './confidence.js';
import { buildHypotheses } from './hypotheses.js';
import { type Critique, review, revise } from './review.js';
import { runSpecialists } from './specialists/index.js';
import { writeReport } from './writer.js';

/**
 * The ranking a stage left, on its span: one "service category score" per hypothesis, best
 * first, so `nightshift diff` and `analyze` see where two runs' rankings part without re-running.
 */
export const RANKING_ATTRIBUTE = 'nightshift.hypotheses';

function rankingOf(hypotheses: readonly Hypothesis[]): string[] {
  return hypotheses.map((h) => `${h.service} ${h.category} ${h.score.toFixed(3)}`);
}

export const builtinBrain: Brain = {
  name: 'builtin',
  investigate: investigateBuiltin,
};

async function investigateBuiltin({ ctx, tracer, incidentId, maxRounds }: BrainInput): Promise<BrainOutput> {
  const findings = await runSpecialists(ctx, tracer);
  const built = await tracer.span('build hypotheses', 'step', {}, (span) => {
    const b = buildHypotheses(ctx, findings);
    span.setAttributes({ [RANKING_ATTRIBUTE]: rankingOf(b.hypotheses) });
    return b;
  });

  let ranked: Hypothesis[] = built.hypotheses;
  let critique: Critique = { weaknesses: new Map(), alternative: undefined };
  let rounds = 0;
  while (rounds < Math.max(1, maxRounds)) {
    rounds++;
    const current = ranked;
    let revised: Hypothesis[] = current;
    critique = await tracer.span(`review round ${rounds}`, 'step', {}, (span) => {
      const c = review(ctx, { ...built, hypotheses: current }, findings);
      // Penalties apply to the ranker's scores, not compound over rounds.
      revised = revise(built.hypotheses, c);
      span.setAttributes({
        'nightshift.review.weaknesses': [...c.weaknesses.values()].flat().map((w) => w.code),
        'nightshift.review.alternative': c.alternative ?? '',
        [RANKING_ATTRIBUTE]: rankingOf(revised),
      });
      return c;
    });
    const settled = revised.map((h) => h.id).join() === current.map((h) => h.id).join();
    ranked = revised;
    if (settled) break;
  }
  const confidence = confidenceOf(ranked, critique);

  const top = ranked[0];
  const similar = await tracer.span(
    'specialist history',
    'agent',
    { 'gen_ai.agent.name': 'history specialist' },
    async () => {
      const text = [
        ctx.alert.name,
        ctx.alert.service,
        top?.service ?? '',
        top?.category.replaceAll('_', ' ') ?? '',
      ].join(' ');
      const result = await callTool(tools.similar_incidents, { text, limit: 3 }, ctx, tracer);
      if (!result.ok) findings.failed.push({ tool: result.tool, error: result.error });
      return result.ok ? result.output : [];
    },
  );

  const report = await tracer.span('write report', 'step', {}, () =>
    writeReport({ incidentId, ctx, findings, built, ranked, confidence, similar }),
  );
  return { report, rounds, notes: [] };
}
