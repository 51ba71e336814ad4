/**
 * Jaeger's query answers. v1 is the JSON the Jaeger UI reads (/api/services, /api/traces):
 * microsecond times, tags with a type, processes per trace. v3 (/api/v3) is OTLP JSON wrapped in
 * `result`: nanosecond times as strings, hex ids, attributes as typed AnyValues, status codes as
 * numbers (or enum names from some marshallers). Errors of v3 are `{error: {httpCode, message}}`.
 */
import { z } from 'zod';

const v1Error = z.object({ code: z.number().optional(), msg: z.string().optional() });

export const v1ServicesSchema = z.object({
  data: z.array(z.string()).nullable(),
  errors: z.array(v1Error).nullish(),
});

export const v1TagSchema = z.object({ key: z.string(), type: z.string().optional(), value: z.unknown() });
export type V1Tag = z.infer<typeof v1TagSchema>;

export const v1SpanSchema = z.object({
  traceID: z.string(),
  spanID: z.string(),
  operationName: z.string(),
  references: z.array(z.object({ refType: z.string(), traceID: z.string(), spanID: z.string() })).nullish(),
  startTime: z.number(),
  duration: z.number(),
  tags: z.array(v1TagSchema).nullish(),
  processID: z.string().optional(),
  process: z.object({ serviceName: z.string() }).optional(),
});
export type V1Span = z.infer<typeof v1SpanSchema>;

export const v1TraceSchema = z.object({
  traceID: z.string(),
  spans: z.array(v1SpanSchema),
  processes: z.record(
    z.string(),
    z.object({ serviceName: z.string(), tags: z.array(v1TagSchema).nullish() }),
  ),
});
export type V1Trace = z.infer<typeof v1TraceSchema>;

export const v1TracesSchema = z.object({
  data: z.array(v1TraceSchema).nullable(),
  errors: z.array(v1Error).nullish(),
});

export const v3ServicesSchema = z.object({ services: z.array(z.string()).nullish() });

export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
}
export interface KeyValue {
  key: string;
  value?: AnyValue;
}

const anyValue: z.ZodType<AnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.number().optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(anyValue).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(keyValue).optional() }).optional(),
  }),
);
const keyValue: z.ZodType<KeyValue> = z.lazy(() => z.object({ key: z.string(), value: anyValue.optional() }));

export const otlpSpanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().default(''),
  startTimeUnixNano: z.union([z.string(), z.number()]).default('0'),
  endTimeUnixNano: z.union([z.string(), z.number()]).optional(),
  attributes: z.array(keyValue).optional(),
  status: z
    .object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() })
    .optional(),
});
export type OtlpSpan = z.infer<typeof otlpSpanSchema>;

export const v3TracesSchema = z.object({
  result: z.object({
    resourceSpans: z
      .array(
        z.object({
          resource: z.object({ attributes: z.array(keyValue).optional() }).optional(),
          scopeSpans: z.array(z.object({ spans: z.array(otlpSpanSchema).optional() })).optional(),
        }),
      )
      .optional(),
  }),
});
export type V3Traces = z.infer<typeof v3TracesSchema>;

export const v3ErrorSchema = z.object({
  error: z.object({ httpCode: z.number().optional(), message: z.string().optional() }),
});
