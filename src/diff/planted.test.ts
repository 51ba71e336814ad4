/**
 * The diff on real investigations of one bundle: two runs of the same code are identical; a brain
 * sabotaged to lose the changes diverges exactly at the changes specialist's tool call; a tool
 * result or argument altered at step k is found at step k, for every tool step; and with the LLM
 * brain, a model that asks for another tool diverges at the model's step, not at the tool's.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { scriptedModel } from '../../testing/llm/scripted-model.js';
import { type Brain, brains, createLlmBrain, type Investigation } from '../investigate/index.js';
import { investigateBundle } from '../investigate/run.js';
import { ATTR, type TraceRecord } from '../tracing/index.js';
import { diffRuns } from './compare.js';
import { stepsOf } from './steps.js';

const BUNDLE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));

/** The built-in brain with the changes taken out of what it sees (the context was already recorded). */
const blindToChanges: Brain = {
  name: 'builtin',
  investigate: (input) =>
    brains.builtin.investigate({ ...input, ctx: { ...input.ctx, data: { ...input.ctx.data, changes: [] } } }),
};

const diffOf = (
  a: Investigation,
  b: Investigation | { trace: TraceRecord; report: Investigation['report'] },
) => diffRuns({ steps: stepsOf(a.trace), report: a.report }, { steps: stepsOf(b.trace), report: b.report });

let original: Investigation;
beforeAll(async () => {
  original = await investigateBundle(BUNDLE);
}, 60_000);

describe('the built-in brain', () => {
  test('two runs of the same bundle are identical', async () => {
    const again = await investigateBundle(BUNDLE);
    const diff = diffOf(original, again);
    expect(diff.identical).toBe(true);
    expect(diff.stepsA).toBeGreaterThan(10);
  });

  test('a brain that lost the changes diverges at the recent_changes call, with the result', async () => {
    const sabotaged = await investigateBundle(BUNDLE, { brain: blindToChanges });
    const steps = stepsOf(original.trace);
    const changesStep = steps.find((s) => s.kind === 'tool' && s.name === 'recent_changes');
    expect(changesStep).toBeDefined();
    const diff = diffOf(original, sabotaged);
    expect(diff.divergence).toMatchObject({
      step: changesStep?.index,
      kind: 'result',
      a: { kind: 'tool', name: 'recent_changes' },
      b: { kind: 'tool', name: 'recent_changes' },
    });
    expect(diff.divergence?.excerpt?.b).toContain('"changes":[]');
    // Everything before it was the same: the metrics, logs and traces specialists saw the same data.
    expect(stepsOf(sabotaged.trace).slice(0, (changesStep?.index ?? 0) - 1)).toEqual(
      steps.slice(0, (changesStep?.index ?? 0) - 1),
    );
  });

  test('a tool result or argument altered at step k is found at step k, for every tool step', () => {
    const toolSteps = stepsOf(original.trace).filter((s) => s.kind === 'tool');
    expect(toolSteps.length).toBeGreaterThan(4);
    for (const target of toolSteps) {
      for (const [attribute, kind] of [
        [ATTR.toolOutput, 'result'],
        [ATTR.toolInput, 'arguments'],
      ] as const) {
        const trace = structuredClone(original.trace);
        const span = trace.spans.find((s) => s.id === target.spanId);
        if (span === undefined) throw new Error(`no span ${target.spanId}`);
        span.attributes[attribute] = '{"planted":true}';
        const diff = diffOf(original, { trace, report: original.report });
        expect(diff.divergence, `${kind} of ${target.name}`).toMatchObject({
          step: target.index,
          kind,
          a: { spanId: target.spanId },
        });
      }
    }
  });
});

describe('the LLM brain', () => {
  const answer = JSON.stringify({
    summary: 'db-proxy ran out of connections after the pool was lowered',
    rootCause: {
      service: 'db-proxy',
      category: 'connection_pool_exhaustion',
      description: 'pool max lowered from 100 to 10',
      confidence: 'HIGH',
      confidenceReason: 'the change came right before the errors',
      changeId: 'chg-0042',
    },
    alternatives: [],
    evidence: [{ summary: 'pool change', tool: 'recent_changes', callId: 'x' }],
    actions: [{ kind: 'investigate', title: 'Check the pool', rationale: 'it was lowered' }],
  });
  const llmBrain = (tool: string) =>
    createLlmBrain(
      { maxSteps: 4, timeoutMs: 5_000 },
      {
        fast: {
          model: scriptedModel(
            [{ toolCalls: [{ name: tool, input: { service: 'db-proxy' } }] }, { text: answer }],
            'fast',
          ),
          id: 'fast',
        },
        strong: { model: scriptedModel([], 'strong'), id: 'strong' },
        provider: 'scripted',
      },
    );

  test('a model that asks for another tool diverges at the model step, before the tool calls', async () => {
    const a = await investigateBundle(BUNDLE, { brain: llmBrain('recent_changes') });
    const b = await investigateBundle(BUNDLE, { brain: llmBrain('search_logs') });
    const steps = stepsOf(a.trace);
    const firstModel = steps.find((s) => s.kind === 'model');
    expect(steps[firstModel?.index ?? 0]).toMatchObject({ kind: 'tool', name: 'recent_changes' });
    const diff = diffOf(a, b);
    expect(diff.divergence).toMatchObject({
      step: firstModel?.index,
      kind: 'result',
      a: { kind: 'model', name: 'fast' },
    });
    expect(diff.divergence?.excerpt?.a).toContain('recent_changes');
    expect(diff.divergence?.excerpt?.b).toContain('search_logs');
  });
});
