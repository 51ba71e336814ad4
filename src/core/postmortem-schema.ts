/**
 * The postmortem draft an investigation leaves: the facts it knows (timeline, impact, root cause
 * and how sure it is) filled in, follow-ups proposed from the root cause's category, and the parts
 * only the responders know marked for them. A schema, because drafts are stored, exported and
 * edited by people and tools outside this process.
 */
import { z } from 'zod';
import { confidenceSchema } from './report-schema.js';
import { rootCauseCategorySchema, timestampSchema } from './schema.js';

/** prevent: it does not happen again; detect: we see it sooner; mitigate: it hurts less. */
export const ACTION_ITEM_KINDS = ['prevent', 'detect', 'mitigate'] as const;
export const ACTION_ITEM_PRIORITIES = ['P1', 'P2', 'P3'] as const;

export const actionItemSchema = z.object({
  title: z.string(),
  /** The owning team, from the alert's labels; a visible placeholder when none was labelled. */
  owner: z.string(),
  priority: z.enum(ACTION_ITEM_PRIORITIES),
  kind: z.enum(ACTION_ITEM_KINDS),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const postmortemSchema = z.object({
  incidentId: z.string(),
  /** The alert that started it: name, the service it fired on, and when. */
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
