/**
 * A trace as it is kept with its investigation (plain JSON) and read back. The shape is ours, not
 * OTLP's: flat spans with a parent id and millisecond times are easy to store, diff and print, and
 * an OTLP export can be derived from them.
 */
import { z } from 'zod';
import { formatProblem, NightshiftError } from '../core/index.js';

/**
 * What a span stands for. `investigation` is the root; `agent` the coordinator or a specialist;
 * `prompt` one model call; `tool` one tool call; `analysis` a pure algorithm over the evidence;
 * `step` anything else worth timing (reading a source, a review round).
 */
export const SPAN_KINDS = ['investigation', 'agent', 'prompt', 'tool', 'analysis', 'step'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/** The value types OpenTelemetry allows on an attribute that we use; JSON keeps all of them. */
export const attributeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

export const spanRecordSchema = z.object({
  id: z.string().min(1),
  /** Absent on a root span. A parent id that names no span is tolerated: the span shows at the root. */
  parentId: z.string().optional(),
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  /** Times read from the tracer's clock (epoch milliseconds in production). */
  startMs: z.number(),
  endMs: z.number(),
  status: z.enum(['ok', 'error']),
  /** Why the span failed, when `status` is `error`. */
  error: z.string().optional(),
  attributes: z.record(z.string(), attributeValueSchema),
});
export type SpanRecord = z.infer<typeof spanRecordSchema>;

export const traceRecordSchema = z.object({
  traceId: z.string().min(1),
  name: z.string(),
  /** When the tracer was created, on its clock. */
  startedAt: z.number(),
  /** In the order the spans started. */
  spans: z.array(spanRecordSchema),
});
export type TraceRecord = z.infer<typeof traceRecordSchema>;

/** More problems than this are counted, not listed: the first ones are what a user fixes first. */
const MAX_LISTED_PROBLEMS = 5;

/**
 * Validates a stored trace, read from `file`. Throws a `BAD_INPUT` error naming the file and the
 * path of each bad field (as `trace.spans.3.endMs`, the path inside an investigation's JSON), so a
 * hand-edited or truncated file is refused with what to fix rather than printed wrong.
 */
export function parseTrace(json: unknown, file = 'trace'): TraceRecord {
  const parsed = traceRecordSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) =>
    formatProblem({
      file,
      field: ['trace', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }),
  );
  if (issues.length > MAX_LISTED_PROBLEMS)
    lines.push(`… ${issues.length - MAX_LISTED_PROBLEMS} more problems`);
  throw new NightshiftError('BAD_INPUT', lines.join('\n'), {
    hint: 'The trace is written by `nightshift investigate`; run the investigation again to get a valid one.',
  });
}
