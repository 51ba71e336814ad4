/**
 * Replay from evidence: an investigation of a lab bundle, its evidence through JSON (as it is
 * stored), re-run with no source. The built-in brain gives the same report; the LLM brain gives
 * the same report from the recorded model answers; a recorded missing-source reason is reported
 * as recorded; evidence without recorded answers is refused with what to do.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateOptions, makeTempRoot, removeDir } from '../../testing/lab/support.js';
import { policyModel } from '../../testing/llm/policy-model.js';
import { recordingModel } from '../evals/recording/recording-model.js';
import type { Recording } from '../evals/recording/schema.js';
import {
  bundleInvestigationInput,
  createLlmBrain,
  type Evidence,
  type Investigation,
  investigate,
  parseEvidence,
} from '../investigate/index.js';
import { generateBundle } from '../lab/index.js';
import { replay } from './replay.js';

let dir: string;
let original: Investigation;
let evidence: Evidence;

/** What a stored evidence is: its JSON, read back. */
function throughJson(value: unknown): Evidence {
  return parseEvidence(JSON.parse(JSON.stringify(value)), 'test evidence');
}

beforeAll(async () => {
  dir = await makeTempRoot('replay');
  await generateBundle(join(dir, 'b'), generateOptions('bad-deploy', { drop: ['events'] }));
  original = await investigate(await bundleInvestigationInput(join(dir, 'b')), { keepEvidence: true });
  evidence = throughJson(original.evidence);
}, 60_000);
afterAll(async () => {
  await removeDir(dir);
});

describe('evidence', () => {
  test('is kept only when asked, with the topology, the range and the missing sources', async () => {
    const plain = await investigate(await bundleInvestigationInput(join(dir, 'b')));
    expect(plain.evidence).toBeUndefined();
    expect(evidence.topology?.services.length).toBeGreaterThan(3);
    expect(evidence.collected.missing).toEqual([{ source: 'events', reason: 'not in the bundle' }]);
    expect(evidence.range.start).toBeGreaterThanOrEqual(evidence.window.start);
    expect(evidence.collected.series.length).toBeGreaterThan(0);
  });

  test('a bad field is refused naming where and the field', () => {
    const bad = { ...JSON.parse(JSON.stringify(original.evidence)), window: { start: 'x', end: 1 } };
    expect(() => parseEvidence(bad, 'folder/evidence.json.gz')).toThrow(
      /folder\/evidence\.json\.gz: evidence field "window\.start"/,
    );
  });
});

describe('replay', () => {
  test('the built-in brain gives the same report from the evidence alone', async () => {
    const replayed = await replay(evidence);
    expect(replayed.report).toEqual(original.report);
    expect(replayed.id).not.toBe(original.id);
  });

  test('a missing source keeps its recorded reason', async () => {
    const recorded: Evidence = {
      ...evidence,
      collected: {
        ...evidence.collected,
        missing: [{ source: 'events', reason: 'timed out after 30 s' }],
      },
    };
    const replayed = await replay(recorded);
    expect(replayed.report.missingSources).toEqual([{ source: 'events', reason: 'timed out after 30 s' }]);
  });

  test('the LLM brain gives the same report from the recorded model answers', async () => {
    const recorder = recordingModel(policyModel());
    const role = { model: recorder.model, id: 'policy-v1' };
    const brain = createLlmBrain(
      { maxSteps: 6, timeoutMs: 30_000 },
      { fast: role, strong: role, provider: 'policy' },
    );
    const llm = await investigate(await bundleInvestigationInput(join(dir, 'b')), {
      brain,
      keepEvidence: true,
    });
    expect(recorder.calls.length).toBeGreaterThan(0);
    const recording = { modelCalls: recorder.calls, source: 'test recording' } as Recording;
    const replayed = await replay(throughJson(llm.evidence), { brain: 'llm', recording });
    expect(replayed.notes).toEqual(llm.notes);
    expect(replayed.report).toEqual(llm.report);
  });

  test('the LLM brain without recorded answers or a model says what to do', async () => {
    await expect(replay(evidence, { brain: 'llm' })).rejects.toThrow(/no recorded model responses/);
  });
});
