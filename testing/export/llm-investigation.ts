/**
 * An LLM investigation as `nightshift investigate` keeps it: a trace with the recorded context, an
 * agent, two model calls and three tool calls (one failed), in a known start order, so tests can
 * check the numbering and contents of an export. Test support only.
 */
import type { Alert, Report } from '../../src/core/index.js';
import { CONTEXT_ATTRIBUTE, type Investigation } from '../../src/investigate/index.js';
import { ATTR, type SpanRecord, type TraceRecord } from '../../src/tracing/index.js';

export const AT = Date.parse('2026-04-02T09:15:00Z');

export const ALERT: Alert = {
  name: 'CheckoutLatency',
  service: 'checkout',
  severity: 'warning',
  startsAt: AT,
  labels: { alertname: 'CheckoutLatency', service: 'checkout' },
  annotations: { summary: 'p99 latency above 2 s' },
};

export const REPORT: Report = {
  incidentId: 'inc-latency',
  summary: 'checkout is slow because payments-db is saturated',
  impact: { services: ['checkout'], startedAt: AT - 60_000 },
  timeline: [{ at: AT - 60_000, what: 'payments-db CPU at 98%' }],
  rootCause: {
    service: 'payments-db',
    category: 'resource_cpu',
    description: 'payments-db ran out of CPU',
    confidence: 'HIGH',
    confidenceReason: 'CPU saturation preceded the latency on every caller',
  },
  alternatives: [],
  evidence: [
    {
      id: 'ev-1',
      kind: 'metric',
      service: 'payments-db',
      summary: 'cpu 98%',
      strength: 0.9,
      source: { tool: 'query_metrics', query: '{"service":"payments-db"}', callId: 'call-1' },
    },
  ],
  actions: [
    { kind: 'investigate', title: 'Find the heavy query', rationale: 'CPU went up', requiresApproval: true },
    {
      kind: 'scale',
      title: 'Add a replica',
      command: 'kubectl scale sts/payments-db --replicas=3',
      rationale: 'more CPU',
      requiresApproval: true,
    },
    {
      kind: 'restart',
      title: 'Restart payments-db',
      rationale: 'clears stuck queries',
      requiresApproval: true,
    },
  ],
  similarIncidents: [],
  missingSources: [],
};

/** Tool calls in start order: [tool, input, output or error]. */
export const TOOL_CALLS = [
  ['query_metrics', { service: 'payments-db', metric: 'cpu' }, { points: [0.4, 0.98] }],
  ['search_logs', { service: 'checkout', query: 'timeout' }, { lines: ['timeout after 2000 ms'] }],
  ['recent_changes', { service: 'payments-db' }, { error: 'changes source timed out' }],
] as const;

export const MODELS = ['claude-test-1', 'claude-test-2'] as const;

export function llmTrace(options: { context?: boolean } = {}): TraceRecord {
  const spans: SpanRecord[] = [];
  let t = AT;
  const add = (span: Omit<SpanRecord, 'startMs' | 'endMs' | 'status'> & { error?: string }, ms: number) => {
    spans.push({ ...span, startMs: t, endMs: t + ms, status: span.error === undefined ? 'ok' : 'error' });
    t += 1;
  };
  const context = {
    onset: AT - 60_000,
    onsetFrom: 'telemetry',
    incidentEnd: AT + 600_000,
    services: { checkout: ['payments-db'], 'payments-db': [] },
    changeIds: [],
  };
  add(
    {
      id: 'root',
      name: 'investigation',
      kind: 'investigation',
      attributes: options.context === false ? {} : { [CONTEXT_ATTRIBUTE]: JSON.stringify(context) },
    },
    500,
  );
  add(
    {
      id: 'agent',
      parentId: 'root',
      name: 'agent investigator',
      kind: 'agent',
      attributes: { [ATTR.agentName]: 'investigator' },
    },
    400,
  );
  const prompt = (n: number) =>
    add(
      {
        id: `prompt-${n}`,
        parentId: 'agent',
        name: `prompt ${MODELS[n - 1]}`,
        kind: 'prompt',
        attributes: {
          [ATTR.requestModel]: MODELS[n - 1] ?? '',
          [ATTR.providerName]: 'anthropic',
          [ATTR.inputTokens]: 1000 * n,
          [ATTR.outputTokens]: 100 * n,
          [ATTR.costUsd]: 0.01 * n,
          [ATTR.finishReasons]: ['tool-calls'],
          [ATTR.promptMessages]: JSON.stringify({ messages: [{ role: 'user', content: `question ${n}` }] }),
          [ATTR.promptOutput]: `answer ${n}`,
        },
      },
      50,
    );
  prompt(1);
  TOOL_CALLS.forEach(([tool, input, output], i) => {
    const failed = 'error' in output;
    add(
      {
        id: `call-${i + 1}`,
        parentId: 'agent',
        name: `tool ${tool}`,
        kind: 'tool',
        attributes: {
          [ATTR.toolName]: tool,
          [ATTR.toolInput]: JSON.stringify(input),
          ...(failed ? {} : { [ATTR.toolOutput]: JSON.stringify(output) }),
        },
        ...(failed ? { error: output.error } : {}),
      },
      20,
    );
  });
  prompt(2);
  return { traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', name: 'investigation', startedAt: AT, spans };
}

export function llmInvestigation(
  id: string,
  options: { context?: boolean; startedAt?: number } = {},
): Investigation {
  return {
    id,
    incidentId: 'inc-latency',
    alert: ALERT,
    brain: 'llm',
    startedAt: options.startedAt ?? AT,
    elapsedMs: 500,
    rounds: 1,
    notes: ['a note from the run'],
    report: REPORT,
    trace: llmTrace(options),
  };
}
