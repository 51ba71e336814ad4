import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { policyModel } from '../../../testing/llm/policy-model.js';
import { scriptedModel } from '../../../testing/llm/scripted-model.js';
import { NightshiftError } from '../../core/index.js';
import { INVESTIGATOR_PROMPT } from '../../investigate/brains/llm/index.js';
import { ATTR } from '../../tracing/index.js';
import { type Recording, recordingSchema } from '../recording/schema.js';
import { runRecordedInvestigation } from './investigation-recorded.js';

const RECORDINGS = new URL('../../investigate/brains/llm/investigator.recordings/', import.meta.url);
const load = async (name: string): Promise<Recording> =>
  recordingSchema.parse(JSON.parse(await readFile(new URL(name, RECORDINGS), 'utf8')));
const signal = new AbortController().signal;

test('a shipped recording replays offline: the model answers, its tool calls are traced, its evidence cites them', async () => {
  const recording = await load('bad-deploy-1.json');
  const out = await runRecordedInvestigation(recording, { signal });
  const inv = out.investigation;
  expect(inv?.notes).toEqual([]);
  expect(inv?.report.rootCause).toMatchObject({
    service: 'recommendations',
    category: 'bad_deploy',
    changeId: 'chg-6255',
  });
  expect(out.text).toContain('Root cause: recommendations (bad_deploy, change chg-6255), confidence HIGH');
  expect(out.json).toEqual(inv?.report);
  const toolSpans = inv?.trace.spans.filter((s) => s.kind === 'tool') ?? [];
  expect(toolSpans.map((s) => s.name)).toEqual([
    'tool query_metrics',
    'tool recent_changes',
    'tool log_patterns',
  ]);
  const cited = inv?.report.evidence.map((e) => e.source.callId);
  expect(cited).toEqual(toolSpans.map((s) => s.attributes[ATTR.toolCallId]));
  expect(inv?.trace.spans.filter((s) => s.kind === 'prompt')).toHaveLength(2);
  expect(out.costUsd).toBe(0);
  expect(out.latencyMs).toBeGreaterThan(0);
});

test('a changed prompt misses the replay: the built-in answer, with a note that says to re-record', async () => {
  const recording = await load('bad-deploy-1.json');
  const prompt = { ...INVESTIGATOR_PROMPT, system: `${INVESTIGATOR_PROMPT.system}\nBe concise.` };
  const out = await runRecordedInvestigation(recording, { signal, prompt });
  expect(out.investigation?.report).toEqual(recording.baseline);
  expect(out.investigation?.notes).toHaveLength(1);
  expect(out.investigation?.notes[0]).toMatch(
    /^the LLM brain failed \(model call 1 was not recorded in lab bad-deploy seed 1 3h, responses from policy-v1 \(user: Alert: HighErrorRate on recommendations .*Re-record the case, or run it live with --model\.\); this is the built-in brain's answer$/,
  );
  expect(out.text).toContain('Note: the LLM brain failed');
});

test('with a live model, the recording supplies the tools: recorded calls answer, others return an error to read', async () => {
  const recording = await load('bad-deploy-1.json');
  const live = await runRecordedInvestigation(recording, {
    signal,
    model: { id: 'policy-v1', model: policyModel(), provider: 'policy' },
  });
  expect(live.investigation?.notes).toEqual([]);
  expect(live.investigation?.report.rootCause.changeId).toBe('chg-6255');

  const curious = scriptedModel([
    { toolCalls: [{ name: 'sql', input: { query: 'select 1' } }] },
    { text: 'not json' },
    { text: 'still not json' },
  ]);
  const out = await runRecordedInvestigation(recording, {
    signal,
    model: { id: 'curious', model: curious, provider: 'scripted' },
  });
  const toolMessage = curious.doGenerateCalls[1]?.prompt.find((m) => m.role === 'tool');
  expect(toolMessage?.content[0]).toMatchObject({
    output: {
      type: 'json',
      value: {
        error:
          'sql with input {"query":"select 1","maxRows":50} was not recorded in this replay (it runs on recorded results, not live telemetry); no call of sql was recorded',
      },
    },
  });
  expect(out.investigation?.notes[0]).toMatch(/^the LLM brain failed/);
});

test('no recorded responses and no model: BAD_INPUT saying to pass --model', async () => {
  const recording = { ...(await load('bad-deploy-1.json')), modelCalls: [] };
  const error = await runRecordedInvestigation(recording, { signal, file: 'saved.json' }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NightshiftError);
  expect((error as NightshiftError).code).toBe('BAD_INPUT');
  expect((error as NightshiftError).message).toContain('saved.json has no recorded model responses');
  expect((error as NightshiftError).hint).toContain('--model');
});
