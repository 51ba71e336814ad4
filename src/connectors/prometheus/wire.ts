/**
 * The Prometheus HTTP API's responses (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * an envelope with `status` success or error (`errorType`, `error`) and optional `warnings`, and
 * the data of query_range (a matrix of `[unixSeconds, "value"]` pairs), series and labels.
 */
import { z } from 'zod';

export const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** Sample values are strings so that NaN and the infinities survive JSON. */
export const sampleValueSchema = z.string().transform((text, ctx) => {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) {
    ctx.addIssue({ code: 'custom', message: `not a sample value: ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return value;
});

export const samplePairSchema = z.tuple([z.number(), sampleValueSchema]);

export const matrixSeriesSchema = z.object({
  metric: z.record(z.string(), z.string()),
  values: z.array(samplePairSchema).default([]),
});
export type MatrixSeries = z.output<typeof matrixSeriesSchema>;

export const matrixDataSchema = z.object({
  resultType: z.literal('matrix'),
  result: z.array(matrixSeriesSchema),
});

export const seriesDataSchema = z.array(z.record(z.string(), z.string()));
export const labelsDataSchema = z.array(z.string());
