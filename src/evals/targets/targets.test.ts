import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_SCENARIO, DEFAULT_VOLUME, generateBundle } from '../../lab/index.js';
import { createTargets } from './registry.js';
import type { ResolvedSource, TargetCase } from './target.js';

const made = createTargets({ codeVersion: async () => 'test' });
const env = { signal: new AbortController().signal };
let work = '';
let bundle = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ns-targets-'));
  bundle = join(work, 'bundle');
  await generateBundle(bundle, {
    ...DEFAULT_SCENARIO,
    ...DEFAULT_VOLUME,
    fault: 'bad-deploy',
    seed: 3,
    hours: 2,
    drop: [],
    gzip: false,
    force: false,
  });
}, 60_000);
afterAll(() => rm(work, { recursive: true, force: true }));

function testCase(vars: Record<string, unknown>, source: ResolvedSource): TargetCase {
  return { suiteFile: 'suite.eval.yaml', name: 'c1', vars, source, repeatIndex: 0 };
}

test('investigation: the built-in brain on a bundle gives report, trace, text and latency', async () => {
  const out = await made.investigation.run(
    made.investigation.config.parse({}),
    testCase({}, { kind: 'bundle', dir: bundle }),
    env,
  );
  expect(out.investigation?.report.rootCause.service).toBe(
    out.json && (out.json as { rootCause: { service: string } }).rootCause.service,
  );
  expect(out.investigation?.trace.spans.some((s) => s.kind === 'tool')).toBe(true);
  expect(out.text).toContain(`Root cause: ${out.investigation?.report.rootCause.service}`);
  expect(out.latencyMs).toBeGreaterThan(0);
  expect(out.costUsd).toBe(0);
}, 60_000);

test('investigation: the llm brain without a model says how to give one', async () => {
  const run = made.investigation.run(
    made.investigation.config.parse({ brain: 'llm' }),
    testCase({}, { kind: 'bundle', dir: bundle }),
    env,
  );
  await expect(run).rejects.toThrow(/llm brain needs a model/);
});

test('tool: runs on the context an investigation builds and returns the presented JSON', async () => {
  const out = await made.tool.run(
    made.tool.config.parse({ tool: 'recent_changes' }),
    testCase({ limit: 2 }, { kind: 'bundle', dir: bundle }),
    env,
  );
  const json = out.json as { total: number; changes: { minutesBeforeOnset: number }[] };
  expect(json.changes.length).toBeLessThanOrEqual(2);
  expect(json.total).toBeGreaterThan(0);
  expect(JSON.parse(out.text ?? '')).toEqual(json);
}, 60_000);

test("tool: vars the tool's schema refuses are a case error naming the field", async () => {
  const run = made.tool.run(
    made.tool.config.parse({ tool: 'recent_changes' }),
    testCase({ limit: 0 }, { kind: 'bundle', dir: bundle }),
    env,
  );
  await expect(run).rejects.toThrow(/suite\.eval\.yaml: field "input\.vars\.limit": case "c1"/);
});

test('step log-patterns: mines vars.lines into templates with counts', async () => {
  const lines = ['disk /dev/sda1 at 91%', 'disk /dev/sdb2 at 95%', 'worker 7 restarted'];
  const out = await made.step.run(
    made.step.config.parse({ step: 'log-patterns' }),
    testCase({ lines }, { kind: 'none' }),
    env,
  );
  expect(out.json).toEqual({
    count: 2,
    texts: ['disk <*> at <*>', 'worker <*> restarted'],
    templates: [
      { template: 'disk <*> at <*>', count: 2 },
      { template: 'worker <*> restarted', count: 1 },
    ],
  });
});

test('step: a source the stage does not take, or bad vars, is a case error', async () => {
  const rank = made.step.run(made.step.config.parse({ step: 'rank' }), testCase({}, { kind: 'none' }), env);
  await expect(rank).rejects.toThrow(/the rank step takes input.bundle, not vars alone/);
  const mine = made.step.run(
    made.step.config.parse({ step: 'log-patterns' }),
    testCase({ lines: [] }, { kind: 'none' }),
    env,
  );
  await expect(mine).rejects.toThrow(/field "input\.vars\.lines".*at least one log line/);
});

test('step rank and incident-window on a bundle agree on the onset', async () => {
  const source: ResolvedSource = { kind: 'bundle', dir: bundle };
  const rank = (await made.step.run(made.step.config.parse({ step: 'rank' }), testCase({}, source), env))
    .json as { onset: string; ranked: { service: string; score: number }[] };
  const window = (
    await made.step.run(made.step.config.parse({ step: 'incident-window' }), testCase({}, source), env)
  ).json as { onset: string; onsetFrom: string };
  expect(window.onset).toBe(rank.onset);
  const scores = rank.ranked.map((s) => s.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
}, 60_000);
