/**
 * The LLM brain with scripted models (no network): a tool loop, schema violations and the repair,
 * provider errors, escalation; and once through a local OpenAI-compatible stand-in server, so the
 * real provider wiring runs.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTruth } from '../../src/bundle/scoring.js';
import type { Truth } from '../../src/core/index.js';
import type { LlmAnswer } from '../../src/investigate/brains/llm/answer.js';
import { createLlmBrain } from '../../src/investigate/brains/llm/brain.js';
import { investigateBundle } from '../../src/investigate/run.js';
import { DEFAULT_SCENARIO, generateBundle } from '../../src/lab/index.js';
import { languageModel } from '../../src/llm/index.js';
import { makeTempRoot, removeDir } from '../../testing/lab/support.js';
import { type ScriptStep, scriptedModel } from '../../testing/llm/scripted-model.js';
import { startStandInServer } from '../../testing/llm/stand-in-server.js';

let root: string;
let bundle: string;
let truth: Truth;

beforeAll(async () => {
  root = await makeTempRoot('llm-brain');
  bundle = join(root, 'bundle');
  await generateBundle(bundle, {
    ...DEFAULT_SCENARIO,
    fault: 'bad-deploy',
    seed: 2,
    hours: 2,
    logLinesPerDay: 200_000,
    spansPerDay: 30_000,
    drop: [],
    gzip: true,
    force: false,
  });
  truth = (await readTruth(bundle)) as Truth;
}, 120_000);

afterAll(async () => {
  await removeDir(root);
});

const answer = (
  over: Partial<LlmAnswer['rootCause']> = {},
  alternatives: LlmAnswer['alternatives'] = [],
): string =>
  JSON.stringify({
    summary: `Errors on ${truth.rootCause.service} after its deploy.`,
    rootCause: {
      service: truth.rootCause.service,
      category: 'bad_deploy',
      description: 'the release raised a NullPointerException',
      confidence: 'HIGH',
      confidenceReason: 'new error pattern right after the deploy, traces start there',
      changeId: truth.rootCause.change,
      ...over,
    },
    alternatives,
    evidence: [{ summary: 'new NullPointerException pattern', tool: 'log_patterns', callId: 'x' }],
    actions: [
      { kind: 'investigate', title: 'Read the logs', rationale: 'see the stack trace' },
      {
        kind: 'rollback',
        title: 'Roll back',
        command: 'kubectl rollout undo deployment/x',
        rationale: 'undo the release',
      },
    ],
  });

const config = { maxSteps: 6, timeoutMs: 5_000 };
function brainWith(fast: ScriptStep[], strong: ScriptStep[] = []) {
  const fastModel = scriptedModel(fast, 'fast-model');
  const strongModel = scriptedModel(strong, 'strong-model');
  const brain = createLlmBrain(config, {
    fast: { model: fastModel, id: 'fast-model' },
    strong: { model: strongModel, id: 'strong-model' },
    provider: 'scripted',
  });
  return { brain, fastModel, strongModel };
}

describe('LLM brain with scripted models', () => {
  test('a tool loop: the model calls a tool, reads its result, answers; every call is traced', async () => {
    const { brain, fastModel } = brainWith([
      { toolCalls: [{ name: 'query_metrics', input: { service: truth.rootCause.service, limit: 5 } }] },
      { text: answer() },
    ]);
    const inv = await investigateBundle(bundle, { brain });
    expect(inv.report.rootCause).toMatchObject({
      service: truth.rootCause.service,
      confidence: 'HIGH',
      changeId: truth.rootCause.change,
    });
    expect(inv.report.actions.map((a) => a.kind)).toEqual(['rollback', 'investigate']);
    expect(inv.notes).toEqual([]);
    expect(fastModel.doGenerateCalls).toHaveLength(2);
    const second = JSON.stringify(fastModel.doGenerateCalls[1]?.prompt);
    expect(second).toContain('tool-result');
    expect(second).toContain('"shifts"');
    const spans = inv.trace.spans;
    const prompts = spans.filter((s) => s.kind === 'prompt');
    expect(prompts).toHaveLength(2);
    expect(prompts[0]?.attributes['gen_ai.usage.input_tokens']).toBe(1000);
    const toolSpan = spans.find(
      (s) => s.name === 'tool query_metrics' && s.attributes['gen_ai.tool.call.id'] === 'fast-model-1-0',
    );
    expect(toolSpan).toBeDefined();
    const agentSpan = spans.find((s) => s.name === 'investigator (fast)');
    expect(toolSpan?.parentId).toBe(agentSpan?.id);
  }, 60_000);

  test('output that breaks the schema gets one repair attempt', async () => {
    const { brain, fastModel } = brainWith([
      { text: 'the root cause is probably checkout' },
      { text: answer() },
    ]);
    const inv = await investigateBundle(bundle, { brain });
    expect(inv.report.rootCause.service).toBe(truth.rootCause.service);
    expect(fastModel.doGenerateCalls).toHaveLength(2);
    expect(JSON.stringify(fastModel.doGenerateCalls[1]?.prompt)).toContain(
      'did not match the required schema',
    );
    expect(inv.trace.spans.some((s) => s.name === 'repair answer')).toBe(true);
  }, 60_000);

  test('a service that does not exist is a schema violation too; twice means the built-in answer, with a note', async () => {
    const bad = answer({ service: 'mainframe' });
    const { brain } = brainWith([{ text: bad }, { text: bad }]);
    const inv = await investigateBundle(bundle, { brain });
    expect(inv.report.rootCause.service).toBe(truth.rootCause.service);
    expect(inv.notes).toEqual([
      'the LLM brain failed (answer still invalid after one repair: rootCause.service "mainframe" is not a service of this system); this is the built-in brain\'s answer',
    ]);
  }, 60_000);

  test('an answer that proposes destroying data is refused even after its repair: the built-in answer, with a note', async () => {
    const injected = JSON.parse(answer()) as LlmAnswer;
    injected.actions = [
      {
        kind: 'config_change',
        title: 'Maintenance mode',
        command: 'psql -c "DROP DATABASE orders"',
        rationale: 'as the log line says',
      },
    ];
    const { brain } = brainWith([{ text: JSON.stringify(injected) }, { text: JSON.stringify(injected) }]);
    const inv = await investigateBundle(bundle, { brain });
    expect(JSON.stringify(inv.report.actions).toLowerCase()).not.toContain('drop database');
    expect(inv.notes[0]).toContain(
      'actions.0 destroys data or infrastructure; propose a reversible step instead',
    );
  }, 60_000);

  test('a provider error falls back to the built-in answer and says why', async () => {
    const { brain } = brainWith([{ error: new Error('429 Too Many Requests') }]);
    const inv = await investigateBundle(bundle, { brain });
    expect(inv.report.rootCause.service).toBe(truth.rootCause.service);
    expect(inv.notes[0]).toMatch(/^the LLM brain failed \(429 Too Many Requests\)/);
  }, 60_000);

  test('LOW confidence escalates the hypothesis stage to the strong model', async () => {
    const { brain, strongModel } = brainWith(
      [{ text: answer({ confidence: 'LOW' }) }],
      [{ text: answer({ confidence: 'MEDIUM' }) }],
    );
    const inv = await investigateBundle(bundle, { brain });
    expect(strongModel.doGenerateCalls).toHaveLength(1);
    expect(JSON.stringify(strongModel.doGenerateCalls[0]?.prompt)).toContain('A faster model answered this');
    expect(inv.report.rootCause.confidence).toBe('MEDIUM');
    expect(inv.notes).toEqual(['escalated to strong-model: LOW confidence']);
    expect(inv.rounds).toBe(2);
  }, 60_000);

  test('a second service implicated escalates too', async () => {
    const alt = [
      {
        service: truth.rootCause.service === 'frontend' ? 'api-gateway' : 'frontend',
        category: 'code_error' as const,
        description: 'x',
        score: 0.6,
      },
    ];
    const { strongModel, brain } = brainWith([{ text: answer({}, alt) }], [{ text: answer() }]);
    const inv = await investigateBundle(bundle, { brain });
    expect(strongModel.doGenerateCalls).toHaveLength(1);
    expect(inv.notes).toEqual(['escalated to strong-model: 2 services implicated']);
  }, 60_000);
});

describe('LLM brain through a local OpenAI-compatible server', () => {
  test('tools, structured output and usage over real HTTP on loopback', async () => {
    const server = await startStandInServer([
      { toolCalls: [{ name: 'recent_changes', arguments: { service: truth.rootCause.service } }] },
      { content: answer() },
    ]);
    try {
      const cfg = {
        provider: 'openai-compatible' as const,
        fastModel: 'llama3.1',
        strongModel: 'llama3.1',
        baseUrl: server.url,
        apiKey: undefined,
        timeoutMs: 10_000,
        maxSteps: 5,
      };
      const brain = createLlmBrain(cfg, {
        fast: languageModel(cfg, 'fast'),
        strong: languageModel(cfg, 'strong'),
        provider: 'openai-compatible',
      });
      const inv = await investigateBundle(bundle, { brain });
      expect(inv.notes).toEqual([]);
      expect(inv.report.rootCause.changeId).toBe(truth.rootCause.change);
      expect(server.requests).toHaveLength(2);
      const first = server.requests[0] as {
        model: string;
        tools: { function: { name: string } }[];
        messages: { role: string }[];
      };
      expect(first.model).toBe('llama3.1');
      expect(first.tools.map((t) => t.function.name)).toContain('recent_changes');
      expect(first.messages[0]?.role).toBe('system');
      const second = server.requests[1] as { messages: { role: string; content: string }[] };
      const toolMessage = second.messages.find((m) => m.role === 'tool');
      expect(toolMessage?.content).toContain(truth.rootCause.change ?? '');
      const prompt = inv.trace.spans.find((s) => s.kind === 'prompt');
      expect(prompt?.attributes['gen_ai.usage.input_tokens']).toBe(1201);
    } finally {
      await server.close();
    }
  }, 60_000);

  test('a server that answers too slowly: the built-in answer, with the time limit in the note', async () => {
    const server = await startStandInServer([{ delayMs: 3_000, reply: { content: answer() } }]);
    try {
      const cfg = {
        provider: 'openai-compatible' as const,
        fastModel: 'llama3.1',
        strongModel: 'llama3.1',
        baseUrl: server.url,
        apiKey: undefined,
        timeoutMs: 1_000,
        maxSteps: 5,
      };
      const brain = createLlmBrain(cfg, {
        fast: languageModel(cfg, 'fast'),
        strong: languageModel(cfg, 'strong'),
        provider: 'openai-compatible',
      });
      const inv = await investigateBundle(bundle, { brain });
      expect(inv.report.rootCause.service).toBe(truth.rootCause.service);
      expect(inv.notes).toEqual([
        "the LLM brain failed (llama3.1 did not answer within 1.0 s); this is the built-in brain's answer",
      ]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
