/**
 * A recorded interaction: everything an LLM investigation needs to run again with no telemetry.
 * The alert and the context the prompt is built from, the built-in brain's report (the draft the
 * model starts from), every tool call with its result as the model saw it, and, for replay without
 * a provider, the model's responses keyed by a hash of the request that produced them.
 *
 * `eval save` writes one from a stored investigation, the shipped investigator suite keeps one per
 * case, and exports (tools/inputs, tools/results) carry the same facts. The format is normative
 * (docs/evals.md).
 */
import { z } from 'zod';
import { alertSchema, reportSchema } from '../../core/index.js';

export const RECORDING_VERSION = 1;

export const recordedToolCallSchema = z
  .object({
    tool: z.string().min(1),
    /** The input as the tool was called (JSON object). A replayed call is matched on tool + input. */
    input: z.record(z.string(), z.unknown()),
    /** What the tool returned as the model sees it (its presented JSON), or its error. */
    result: z.unknown().optional(),
    error: z.string().optional(),
  })
  .strict();
export type RecordedToolCall = z.output<typeof recordedToolCallSchema>;

/** One model response, as the AI SDK provider spec shapes it (content parts, finish, usage). */
export const recordedModelCallSchema = z
  .object({
    /** sha256 of the canonical request (see replay model); the replay model answers by this key. */
    key: z.string().regex(/^[0-9a-f]{64}$/),
    model: z.string().min(1),
    /** The request in short, so a person can see which call this was (first user text, tool names). */
    about: z.string().optional(),
    content: z.array(z.record(z.string(), z.unknown())),
    finishReason: z.string(),
    usage: z.object({
      inputTokens: z.number().int().nonnegative(),
      outputTokens: z.number().int().nonnegative(),
    }),
  })
  .strict();
export type RecordedModelCall = z.output<typeof recordedModelCallSchema>;

export const recordingSchema = z
  .object({
    version: z.literal(RECORDING_VERSION),
    alert: alertSchema,
    /** What the investigator prompt is built from besides the alert. */
    context: z
      .object({
        /** Epoch ms; `onsetFrom` says which signal set the onset. */
        onset: z.number(),
        onsetFrom: z.string(),
        incidentEnd: z.number(),
        /** Service → the services it calls. */
        services: z.record(z.string(), z.array(z.string())),
        /** Ids of the changes in the window (an answer may only name one of these). */
        changeIds: z.array(z.string()).default([]),
      })
      .strict(),
    /** The built-in brain's report on the same incident: the draft the model checks. */
    baseline: reportSchema,
    toolCalls: z.array(recordedToolCallSchema).default([]),
    modelCalls: z.array(recordedModelCallSchema).default([]),
    /** Where it came from: an investigation id, a lab recipe, an export folder. */
    source: z.string().optional(),
  })
  .strict();
export type Recording = z.output<typeof recordingSchema>;
