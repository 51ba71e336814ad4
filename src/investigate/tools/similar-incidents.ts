/** similar_incidents: past incidents whose text is closest to a description (BM25). */
import { z } from 'zod';
import { Bm25Index } from '../../analysis/history/index.js';
import { type PastIncident, toIso } from '../../core/index.js';
import { round } from './detect-incident-window.js';
import { defineTool } from './tool.js';

export interface SimilarIncident {
  incident: PastIncident;
  score: number;
}

export const similarIncidentsTool = defineTool({
  name: 'similar_incidents',
  description:
    'Past incidents most similar to a description (service names, symptoms, suspected cause), with their root cause and resolution. Describe what you see or suspect, e.g. "checkout connection pool exhausted after config change".',
  input: z.object({
    text: z.string().min(1).max(500),
    limit: z.number().int().min(1).max(10).default(5),
  }),
  run: (input, ctx): SimilarIncident[] => {
    const history = ctx.data.history;
    const index = new Bm25Index(history.map(documentOf));
    return index.search(input.text, input.limit).map((h) => ({
      incident: history[h.index] as PastIncident,
      score: h.score,
    }));
  },
  present: (hits) => ({
    incidents: hits.map(({ incident: p, score }) => ({
      id: p.id,
      title: p.title,
      startedAt: toIso(p.startedAt),
      services: p.services,
      category: p.category,
      rootCause: p.rootCause,
      ...(p.resolution ? { resolution: p.resolution } : {}),
      score: round(score),
    })),
  }),
});

function documentOf(p: PastIncident): string {
  return [
    p.title,
    p.services.join(' '),
    p.category.replaceAll('_', ' '),
    p.rootCause,
    p.resolution ?? '',
  ].join(' ');
}
