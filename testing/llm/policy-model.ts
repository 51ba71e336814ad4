/**
 * A scripted *policy* model: a deterministic stand-in for an LLM that reads each request and decides
 * what to do, the way a model would, with no provider. The shipped investigator suite's responses
 * were recorded with it (testing/llm/record-investigator-evals.ts), since no provider is reachable here;
 * the suite says so. It plays two parts:
 *
 * - investigator: on the first step it calls three tools on the draft's root-cause service
 *   (query_metrics, recent_changes, log_patterns); once their results are in, it answers in the
 *   schema: the draft, revised by what the tools said (a change found just before the onset becomes
 *   the causing change of a change-type cause; confidence moves with how many sources corroborate),
 *   with one evidence item per tool call, citing its call id. Escalated ("a faster model answered")
 *   it confirms the faster answer. A repair request gets the answer it quotes back.
 * - grader (the llm-rubric prompt): scores by how many of the rubric's `backquoted` terms the output
 *   contains (all 4, at least half 3, some 2, none 1), naming the missing ones.
 *
 * It is not an LLM and does not pretend to judge like one; it makes recordings whose requests are
 * the real prompts, so a changed prompt misses the replay exactly as a real recording would.
 */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3Prompt,
} from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';

const DRAFT_START = "The built-in analyst's draft (deterministic, from the same tools):\n";
const DRAFT_END = '\n\nInvestigate with the tools';
const ESCALATED = 'A faster model answered this; check it critically:\n';
const CHANGE_CATEGORIES = new Set(['bad_deploy', 'bad_config', 'feature_flag']);
/** A change this long before the onset (or less) is close enough to blame. */
const CHANGE_HORIZON_MIN = 120;

type Answer = {
  summary: string;
  rootCause: {
    service: string;
    category: string;
    confidence: string;
    confidenceReason: string;
    changeId?: string;
  };
  evidence: { summary: string; tool: string; callId?: string; service?: string }[];
} & Record<string, unknown>;

export function policyModel(modelId = 'policy-v1'): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: 'policy',
    modelId,
    doGenerate: async (options) => {
      const decision = decide(options);
      const toolCalls = 'toolCalls' in decision;
      return {
        content: toolCalls ? decision.toolCalls : [{ type: 'text', text: decision.text }],
        finishReason: toolCalls
          ? { unified: 'tool-calls', raw: 'tool_calls' }
          : { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: {
            total: Math.ceil(JSON.stringify(options.prompt).length / 4),
            noCache: undefined,
            cacheRead: undefined,
            cacheWrite: undefined,
          },
          outputTokens: { total: 120, text: undefined, reasoning: undefined },
        },
        warnings: [],
        response: { modelId },
      };
    },
  });
}

type Decision = { text: string } | { toolCalls: LanguageModelV3Content[] };

function decide(options: LanguageModelV3CallOptions): Decision {
  const system = options.prompt.find((m) => m.role === 'system')?.content ?? '';
  const user = userText(options.prompt);
  if (system.startsWith('You grade the output')) return { text: JSON.stringify(grade(user)) };
  const quoted = /Your answer was:\n([\s\S]*)\n\nReturn the corrected JSON/.exec(user);
  if (quoted) return { text: quoted[1] as string };
  const start = user.indexOf(DRAFT_START);
  const end = user.indexOf(DRAFT_END);
  if (start < 0 || end < 0) return { text: '{"error":"the policy model does not know this prompt"}' };
  const draftText = user.slice(start + DRAFT_START.length, end);
  if (draftText.startsWith(ESCALATED)) return { text: draftText.slice(ESCALATED.length) };
  const draft = JSON.parse(draftText) as Answer;
  const results = toolResults(options.prompt);
  const service = draft.rootCause.service;
  if (results.length === 0) {
    const calls: [string, unknown][] = [
      ['query_metrics', { service, limit: 5 }],
      ['recent_changes', { service, limit: 5 }],
      ['log_patterns', { service, limit: 5 }],
    ];
    return {
      toolCalls: calls.map(([toolName, input], i) => ({
        type: 'tool-call',
        toolCallId: `policy-${service}-${i + 1}`,
        toolName,
        input: JSON.stringify(input),
      })),
    };
  }
  return { text: JSON.stringify(revise(draft, results)) };
}

interface ToolResult {
  tool: string;
  callId: string;
  value: Record<string, unknown>;
}

function revise(draft: Answer, results: ToolResult[]): Answer {
  const service = draft.rootCause.service;
  const of = (tool: string) => results.find((r) => r.tool === tool);
  const shifts = (of('query_metrics')?.value.shifts ?? []) as Record<string, unknown>[];
  const changes = (of('recent_changes')?.value.changes ?? []) as Record<string, unknown>[];
  const patterns = (of('log_patterns')?.value.patterns ?? []) as Record<string, unknown>[];
  const rootCause = { ...draft.rootCause };
  const recent = changes.find(
    (c) =>
      typeof c.minutesBeforeOnset === 'number' &&
      c.minutesBeforeOnset >= 0 &&
      c.minutesBeforeOnset <= CHANGE_HORIZON_MIN,
  );
  if (!rootCause.changeId && recent && CHANGE_CATEGORIES.has(rootCause.category))
    rootCause.changeId = String(recent.id);
  const corroborating = [shifts.length > 0, recent !== undefined, patterns.length > 0].filter(Boolean).length;
  if (rootCause.confidence === 'HIGH' && corroborating === 0) rootCause.confidence = 'MEDIUM';
  if (rootCause.confidence === 'LOW' && corroborating >= 2) rootCause.confidence = 'MEDIUM';
  rootCause.confidenceReason = `${rootCause.confidenceReason}; ${corroborating} of 3 sources checked on ${service} corroborate`;
  const cite = (tool: string, summary: string) => {
    const r = of(tool);
    return r ? [{ summary, tool, callId: r.callId, service }] : [];
  };
  const top = shifts[0];
  const pattern = patterns[0];
  return {
    ...draft,
    rootCause,
    evidence: [
      ...cite(
        'query_metrics',
        top
          ? `${shifts.length} metric shift(s) on ${service}; strongest ${top.metric} ${top.direction} ${top.baseline} → ${top.incident}`
          : `no metric shift on ${service}`,
      ),
      ...cite(
        'recent_changes',
        recent
          ? `change ${recent.id} (${recent.kind}) ${recent.minutesBeforeOnset} min before the onset: ${recent.summary}`
          : `no change to ${service} shortly before the onset`,
      ),
      ...cite(
        'log_patterns',
        pattern
          ? `log pattern on ${service}: "${String(pattern.template).slice(0, 80)}" ${pattern.baselineCount} → ${pattern.incidentCount}`
          : `no new log pattern on ${service}`,
      ),
    ],
  };
}

function userText(prompt: LanguageModelV3Prompt): string {
  const user = prompt.find((m) => m.role === 'user');
  if (user?.role !== 'user') return '';
  return user.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

function toolResults(prompt: LanguageModelV3Prompt): ToolResult[] {
  const out: ToolResult[] = [];
  for (const message of prompt) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type !== 'tool-result') continue;
      const value = part.output.type === 'json' ? part.output.value : undefined;
      out.push({
        tool: part.toolName,
        callId: part.toolCallId,
        value:
          value !== null && typeof value === 'object' && !Array.isArray(value)
            ? (value as Record<string, unknown>)
            : {},
      });
    }
  }
  return out;
}

/** The grader part: `backquoted` terms of the rubric found in the output. */
function grade(user: string): { reason: string; score: number } {
  const rubric = /Rubric:\n([\s\S]*?)\n\nCase input:/.exec(user)?.[1] ?? '';
  const output = (/Output to grade:\n([\s\S]*)$/.exec(user)?.[1] ?? '').toLowerCase();
  const terms = [...rubric.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
  if (terms.length === 0) return { reason: 'the rubric names no `terms` this policy can check', score: 1 };
  const missing = terms.filter((t) => !output.includes(t.toLowerCase()));
  const found = terms.length - missing.length;
  const score = missing.length === 0 ? 4 : found * 2 >= terms.length ? 3 : found > 0 ? 2 : 1;
  const reason =
    missing.length === 0
      ? `the output names all of ${terms.join(', ')}`
      : `the output does not name ${missing.join(', ')}`;
  return { reason, score };
}
