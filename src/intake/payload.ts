/** Parses a webhook body with its schema; a malformed payload is one message naming the field (a 400). */
import type { z } from 'zod';
import { NightshiftError } from '../core/index.js';

export function parsePayload<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NightshiftError(
    'BAD_INPUT',
    `${what}: field "${issue?.path.join('.') || '(body)'}": ${issue?.message ?? 'invalid'}`,
  );
}

/** Labels that name the service an alert is about, most specific first. */
export const SERVICE_LABELS = ['service', 'app', 'job', 'container', 'deployment', 'pod'];

export function serviceOf(labels: Readonly<Record<string, string>>): string {
  return SERVICE_LABELS.map((l) => labels[l]).find((v) => v !== undefined && v !== '') ?? 'unknown';
}
