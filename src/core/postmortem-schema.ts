/** The postmortem draft an investigation leaves: facts from the report, prompts for the humans. */
import { z } from 'zod';
import { confidenceSchema } from './report-schema.js';
import { rootCauseCategorySchema, timestampSchema } from './schema.js';

export const actionItemSchema = z.object({
  title: z.string(),
  owner: z.string(),
  priority: z.enum(['P1', 'P2', 'P3']),
  kind: z.enum(['prevent', 'detect', 'mitigate']),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const postmortemSchema = z.object({
  incidentId: z.string(),
  alert: z.object({ name: z.string(), service: z.string(), startsAt: timestampSchema }),
  title: z.string(),
  summary: z.string(),
  impact: z.string(),
  timeline: z.array(z.object({ at: timestampSchema, what: z.string() })),
  rootCause: z.object({
    service: z.string(),
    category: rootCauseCategorySchema,
    description: z.string(),
    confidence: confidenceSchema,
  }),
  contributingFactors: z.array(z.string()),
  whatWentWell: z.array(z.string()),
  whatWentBadly: z.array(z.string()),
  actionItems: z.array(actionItemSchema),
});
export type Postmortem = z.infer<typeof postmortemSchema>;
