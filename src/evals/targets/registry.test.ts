import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { codeVersion } from '../code-version.js';
import { createTargets, TARGET_NAMES, targets } from './registry.js';
import { STEP_NAMES, steps } from './steps/registry.js';

describe.each(TARGET_NAMES)('target %s', (name) => {
  const target = targets[name];
  test('has a description, a config schema and the input kinds it accepts', () => {
    expect(target.description.length).toBeGreaterThan(10);
    expect(target.config).toBeInstanceOf(z.ZodType);
    expect(target.accepts.length).toBeGreaterThan(0);
    for (const kind of target.accepts) expect(['none', 'bundle', 'recording']).toContain(kind);
  });
});

test('the registry names the four targets of the suite format', () => {
  expect([...TARGET_NAMES].sort()).toEqual(['investigation', 'prompt', 'step', 'tool']);
});

describe.each(STEP_NAMES)('step %s', (name) => {
  test('has a description, a vars schema and accepted inputs', () => {
    const step = steps[name];
    expect(step.description.length).toBeGreaterThan(10);
    expect(step.vars).toBeInstanceOf(z.ZodType);
    expect(step.accepts.length).toBeGreaterThan(0);
  });
});

test('code-dependent targets put the injected code version in their identity', async () => {
  let calls = 0;
  const made = createTargets({
    codeVersion: async () => {
      calls++;
      return 'v1';
    },
  });
  const env = { signal: new AbortController().signal };
  expect(await made.investigation.identity(made.investigation.config.parse({}), env)).toEqual({
    brain: 'builtin',
    maxRounds: 'default',
    codeVersion: 'v1',
  });
  expect(await made.tool.identity(made.tool.config.parse({ tool: 'sql' }), env)).toEqual({
    tool: 'sql',
    codeVersion: 'v1',
  });
  expect(await made.step.identity(made.step.config.parse({ step: 'rank' }), env)).toEqual({
    step: 'rank',
    codeVersion: 'v1',
  });
  expect(calls).toBe(3);
});

test('a mistyped tool or step name is refused with the closest name', () => {
  const tool = targets.tool.config.safeParse({ tool: 'log_pattern' });
  expect(tool.error?.issues[0]?.message).toContain('did you mean "log_patterns"?');
  const step = targets.step.config.safeParse({ step: 'ranks' });
  expect(step.error?.issues[0]?.message).toContain('did you mean "rank"?');
});

test('the default registry computes the running code version itself', async () => {
  const env = { signal: new AbortController().signal };
  const identity = await targets.step.identity(targets.step.config.parse({ step: 'log-patterns' }), env);
  expect(identity).toEqual({ step: 'log-patterns', codeVersion: await codeVersion() });
});
