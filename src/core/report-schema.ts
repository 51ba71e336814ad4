/**
 * Shapes an investigation produces: evidence items, hypotheses and the report. The investigation
 * issue fills them; they live in core so every brain, renderer and store shares one definition.
 */
import { z } from 'zod';
import { rootCauseCategorySchema, timestampSchema } from './schema.js';

export const EVIDENCE_KINDS = ['metric', 'log', 'trace', 'change', 'event', 'history', 'topology'] as const;

/** Where a piece of evidence came from, so a reader can re-run the query. */
export const evidenceSourceSchema = z.object({
  tool: z.string(),
  query: z.string(),
  callId: z.string().optional(),
});

export const evidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  service: z.string().optional(),
  summary: z.string(),
  /** How strongly this item points at its service, 0..1. */
  strength: z.number().min(0).max(1),
  at: timestampSchema.optional(),
  source: evidenceSourceSchema,
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const CONFIDENCE_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const confidenceSchema = z.enum(CONFIDENCE_LEVELS);
export type Confidence = z.infer<typeof confidenceSchema>;

export const hypothesisSchema = z.object({
  id: z.string(),
  service: z.string(),
  category: rootCauseCategorySchema,
  description: z.string(),
  score: z.number().min(0).max(1),
  evidenceIds: z.array(z.string()),
  changeId: z.string().optional(),
  weaknesses: z.array(z.string()).default([]),
});
export type Hypothesis = z.infer<typeof hypothesisSchema>;

/** Safest first: a rollback undoes a known change, a restart is reversible, scale and config less so. */
export const ACTION_KINDS = ['rollback', 'restart', 'scale', 'config_change', 'investigate'] as const;

export const actionSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  title: z.string(),
  command: z.string().optional(),
  rationale: z.string(),
  requiresApproval: z.literal(true),
});
export type Action = z.infer<typeof actionSchema>;

export const reportSchema = z.object({
  incidentId: z.string(),
  summary: z.string(),
  impact: z.object({
    services: z.array(z.string()),
    startedAt: timestampSchema.optional(),
    errorRatioPeak: z.number().optional(),
    latencyP99PeakMs: z.number().optional(),
  }),
  timeline: z.array(z.object({ at: timestampSchema, what: z.string() })),
  rootCause: z.object({
    service: z.string(),
    category: rootCauseCategorySchema,
    description: z.string(),
    confidence: confidenceSchema,
    confidenceReason: z.string(),
    changeId: z.string().optional(),
  }),
  alternatives: z.array(hypothesisSchema),
  evidence: z.array(evidenceSchema),
  actions: z.array(actionSchema),
  similarIncidents: z.array(z.object({ id: z.string(), title: z.string(), score: z.number() })),
  missingSources: z.array(z.object({ source: z.string(), reason: z.string() })),
});
export type Report = z.infer<typeof reportSchema>;
