/**
 * Assertions over the path an investigation took, read from its trace: which tools it called, in
 * what order, and how many steps it needed.
 */
import { z } from 'zod';
import { ATTR, type SpanRecord, type TraceRecord } from '../../tracing/index.js';
import type { EvalOutput } from '../output.js';
import { type AssertionResult, defineAssertion, verdict } from './assertion.js';

const NO_TRACE = 'the target produced no investigation trace';

/** A tool span's tool: the GenAI attribute, else the span name without its `tool ` prefix. */
function toolNameOf(span: SpanRecord): string {
  const name = span.attributes[ATTR.toolName];
  return typeof name === 'string' ? name : span.name.replace(/^tool /, '');
}

/** The tools called, in the order their spans started. */
export function toolCalls(trace: TraceRecord): string[] {
  return trace.spans.filter((s) => s.kind === 'tool').map(toolNameOf);
}

function withTrace(output: EvalOutput, expected: string, check: (trace: TraceRecord) => AssertionResult) {
  const trace = output.investigation?.trace;
  return trace === undefined ? verdict(false, `expected ${expected}, but ${NO_TRACE}`) : check(trace);
}

function listed(names: readonly string[]): string {
  return names.length === 0 ? 'no tool calls' : names.join(' → ');
}

export const toolUsedAssertion = defineAssertion({
  description: 'A tool was called at least once, or at least `min` times: a tool name, or { name, min }.',
  value: z
    .union([
      z.string().min(1),
      z.object({ name: z.string().min(1), min: z.number().int().positive().default(1) }),
    ])
    .transform((v) => (typeof v === 'string' ? { name: v, min: 1 } : v)),
  check(output, { name, min }) {
    const expected = `${name} called at least ${min}×`;
    return withTrace(output, expected, (trace) => {
      const calls = toolCalls(trace);
      const count = calls.filter((c) => c === name).length;
      return verdict(count >= min, `expected ${expected}, called ${count}× (${listed(calls)})`);
    });
  },
});

export const toolSequenceAssertion = defineAssertion({
  description: 'These tools were called in this relative order (other calls may come between them).',
  value: z.array(z.string().min(1)).min(1),
  check(output, sequence) {
    const expected = `tools in order ${sequence.join(' → ')}`;
    return withTrace(output, expected, (trace) => {
      const calls = toolCalls(trace);
      // Greedy matching finds a subsequence whenever one exists: taking the earliest match never
      // leaves fewer calls for the rest of the sequence.
      let matched = 0;
      for (const call of calls) if (call === sequence[matched]) matched++;
      const pass = matched === sequence.length;
      const missing = pass ? '' : `; ${sequence[matched]} missing after ${matched} matched`;
      return verdict(pass, `expected ${expected}, found ${listed(calls)}${missing}`);
    });
  },
});

export const stepCountAssertion = defineAssertion({
  description: 'The number of tool calls (or agent steps, with `of: agent`) lies within { min, max }.',
  value: z
    .object({
      min: z.number().int().nonnegative().optional(),
      max: z.number().int().nonnegative().optional(),
      of: z.enum(['tool', 'agent']).default('tool'),
    })
    .strict()
    .refine((v) => v.min !== undefined || v.max !== undefined, { message: 'give min, max or both' }),
  check(output, { min, max, of }) {
    const range = `${min ?? 0}..${max ?? '∞'}`;
    const expected = `${range} ${of} steps`;
    return withTrace(output, expected, (trace) => {
      const count = trace.spans.filter((s) => s.kind === of).length;
      const pass = count >= (min ?? 0) && count <= (max ?? Number.POSITIVE_INFINITY);
      return verdict(pass, `expected ${expected}, found ${count}`);
    });
  },
});
