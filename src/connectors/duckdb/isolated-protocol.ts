/**
 * The messages between a parent and the child process that holds an isolated bundle database (see
 * `isolated-db.ts`). Both sides parse what they receive with these schemas: the child's replies are
 * the boundary where its output enters the parent.
 */
import { z } from 'zod';
import type { ErrorCode } from '../../core/index.js';

const errorCodes = [
  'BAD_INPUT',
  'BAD_BUNDLE',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'QUERY_FAILED',
  'QUERY_TIMEOUT',
  'READ_ONLY',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

/** A NightshiftError (with its code and hint) or any other error (code left out), as data. */
export const wireErrorSchema = z.object({
  code: z.enum(errorCodes).optional(),
  message: z.string(),
  hint: z.string().optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

const queryLimitsSchema = z.object({
  memoryLimitBytes: z.number().optional(),
  threads: z.number().optional(),
});

/** Parent → child. `load` comes first and once; then one `query` or `describe` at a time. */
export const parentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), dir: z.string(), queryLimits: queryLimitsSchema }),
  z.object({
    type: z.literal('query'),
    id: z.number().int(),
    sql: z.string(),
    maxRows: z.number().int().positive(),
    timeoutMs: z.number().int().positive(),
  }),
  z.object({ type: z.literal('describe'), id: z.number().int() }),
  /** The parent's deadline for query `id` passed: stop it now (the child's own clock may lag). */
  z.object({ type: z.literal('interrupt'), id: z.number().int() }),
]);
export type ParentMessage = z.infer<typeof parentMessageSchema>;

const columnSchema = z.object({ name: z.string(), type: z.string() });

const tableSchema = z.object({
  name: z.string(),
  description: z.string(),
  rowCount: z.number(),
  columns: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
});

/**
 * Child → parent. A reply to a request (`result`, `tables`, `failed`) is sent only once DuckDB has
 * let go of that request, so a reply also says the child is idle again. `memory` is sent unasked,
 * right before the child kills itself.
 */
export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('loaded'),
    /** The child's RSS once loaded plus `memoryLimitBytes`: past it, the child ends itself. */
    rssBudgetBytes: z.number(),
    memoryLimitBytes: z.number(),
    loadMs: z.number(),
  }),
  z.object({ type: z.literal('load-failed'), error: wireErrorSchema }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    columns: z.array(columnSchema),
    rows: z.array(z.record(z.string(), z.unknown())),
    truncated: z.boolean(),
  }),
  z.object({ type: z.literal('tables'), id: z.number().int(), tables: z.array(tableSchema) }),
  z.object({ type: z.literal('failed'), id: z.number().int(), error: wireErrorSchema }),
  z.object({ type: z.literal('memory'), rssBytes: z.number(), rssBudgetBytes: z.number() }),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;
/** A child's answer to one `query` or `describe`. */
export type ChildReply = Extract<ChildMessage, { type: 'result' | 'tables' | 'failed' }>;
