/**
 * `rank`: the built-in analyst's root-cause ranking over one bundle (`nightshift rank`): onset,
 * windows, evidence from every source, suspects ranked. `ranked.0.service` is the top suspect.
 */
import { z } from 'zod';
import { toIso } from '../../../core/index.js';
import { rankBundle } from '../../../investigate/index.js';
import { bundleDir } from './source.js';
import { defineStep, round3 } from './step.js';

export const rankStep = defineStep({
  description: 'The root-cause ranking of a bundle: suspects with scores, categories and changes.',
  vars: z.object({}).strict().optional(),
  accepts: ['bundle'],
  async run(_vars, source) {
    const ranking = await rankBundle(bundleDir(source, 'rank'));
    return {
      incidentId: ranking.incidentId,
      onset: toIso(ranking.onset),
      onsetFrom: ranking.onsetFrom,
      ranked: ranking.suspects.map((s) => ({
        service: s.service,
        score: round3(s.score),
        category: s.category,
        ...(s.explainedBy !== undefined && { explainedBy: s.explainedBy }),
        ...(s.change !== undefined && { change: s.change.change.id }),
      })),
      services: ranking.suspects.map((s) => s.service),
    };
  },
});
