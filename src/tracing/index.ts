export { ATTR, OPERATION } from './attributes.js';
export type { PromptRecord, ToolCallRecord } from './genai.js';
export {
  agentAttributes,
  promptAttributes,
  recordPrompt,
  recordToolCall,
  toolCallAttributes,
} from './genai.js';
export type { AttributeValue, SpanKind, SpanRecord, TraceRecord } from './schema.js';
export { parseTrace, SPAN_KINDS, spanRecordSchema, traceRecordSchema } from './schema.js';
export type { TraceTotals } from './totals.js';
export { traceTotals } from './totals.js';
export type { ActiveSpan, FinishedSpan, TracerOptions } from './tracer.js';
export { MAX_ATTRIBUTE_CHARS, NOOP_TRACER, Tracer } from './tracer.js';
export type { TraceTreeOptions } from './tree.js';
export { formatTraceTree } from './tree.js';
