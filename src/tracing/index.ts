export { ATTR, OPERATION } from './attributes.js';
export type { AttributeValue, SpanKind, SpanRecord, TraceRecord } from './schema.js';
export { parseTrace, SPAN_KINDS, spanRecordSchema, traceRecordSchema } from './schema.js';
export type { ActiveSpan, PromptRecord, ToolCallRecord, TracerOptions } from './tracer.js';
export { MAX_ATTRIBUTE_CHARS, recordPrompt, recordToolCall, Tracer } from './tracer.js';
export type { TraceTotals } from './tree.js';
export { formatTraceTree, traceTotals } from './tree.js';
