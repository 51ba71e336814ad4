/**
 * Loki's query_range answer for log queries (resultType `streams`), as documented in Loki's HTTP
 * API: timestamps are nanosecond epoch strings. Newer Loki may add a third element to a value:
 * structured metadata, either flat (as pushed) or split into `structuredMetadata` and `parsed`
 * when the request asked for categorised labels.
 */
import { z } from 'zod';

const labels = z.record(z.string(), z.string());

export const lokiEntrySchema = z.union([
  z.tuple([z.string().regex(/^\d+$/), z.string()]),
  z.tuple([
    z.string().regex(/^\d+$/),
    z.string(),
    z.union([
      z.object({ structuredMetadata: labels.optional(), parsed: labels.optional() }).strict(),
      labels,
    ]),
  ]),
]);
export type LokiEntry = z.infer<typeof lokiEntrySchema>;

export const lokiStreamSchema = z.object({ stream: labels, values: z.array(lokiEntrySchema) });
export type LokiStream = z.infer<typeof lokiStreamSchema>;

export const lokiQueryResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('streams', {
      error: 'expected log streams: the query must be a log query, not a metric query',
    }),
    result: z.array(lokiStreamSchema),
    stats: z.unknown().optional(),
  }),
});
export type LokiQueryResponse = z.infer<typeof lokiQueryResponseSchema>;
