/** A trace as kept with its investigation: spans with times, status and attributes. */
import { z } from 'zod';
import { NightshiftError } from '../core/index.js';

export const SPAN_KINDS = ['investigation', 'agent', 'prompt', 'tool', 'analysis', 'step'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

export const attributeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

export const spanRecordSchema = z.object({
  id: z.string(),
  parentId: z.string().optional(),
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  startMs: z.number(),
  endMs: z.number(),
  status: z.enum(['ok', 'error']),
  error: z.string().optional(),
  attributes: z.record(z.string(), attributeValueSchema),
});
export type SpanRecord = z.infer<typeof spanRecordSchema>;

export const traceRecordSchema = z.object({
  traceId: z.string(),
  name: z.string(),
  startedAt: z.number(),
  spans: z.array(spanRecordSchema),
});
export type TraceRecord = z.infer<typeof traceRecordSchema>;

/** Validates a stored trace; the error names the file and the field. */
export function parseTrace(json: unknown, file = 'trace'): TraceRecord {
  const parsed = traceRecordSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NightshiftError(
    'BAD_INPUT',
    `${file}: field "trace.${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
  );
}
