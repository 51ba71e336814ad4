/**
 * The `step` target: one built-in stage (the ranking, the reviewer, log-pattern mining,
 * incident-window detection) on a recorded input in vars or on a bundle. Its `step:` names an
 * entry of `steps/registry.ts`; the case's vars are parsed with that stage's own schema.
 */
import { z } from 'zod';
import { formatProblem, NightshiftError } from '../../core/index.js';
import { closestName } from '../assertions/closest-name.js';
import type { TargetDeps } from './registry.js';
import { STEP_NAMES, type StepName, steps } from './steps/registry.js';
import type { Step } from './steps/step.js';
import { defineTarget, type EvalTarget, type TargetCase } from './target.js';

const stepNameSchema = z.string().transform((name, ctx): StepName => {
  if (Object.hasOwn(steps, name)) return name as StepName;
  const guess = closestName(name, STEP_NAMES);
  ctx.addIssue({
    code: 'custom',
    message: `unknown step "${name}"${guess === undefined ? '' : `; did you mean "${guess}"?`} Known steps: ${STEP_NAMES.join(', ')}`,
  });
  return z.NEVER;
});

export const stepConfigSchema = z.object({ step: stepNameSchema }).strict();
export type StepTargetConfig = z.output<typeof stepConfigSchema>;

function caseError(testCase: TargetCase, field: string, message: string, hint?: string): NightshiftError {
  return new NightshiftError(
    'BAD_INPUT',
    formatProblem({ file: testCase.suiteFile, field, message: `case "${testCase.name}": ${message}` }),
    hint === undefined ? {} : { hint },
  );
}

/** The vars parsed by the stage's schema; no vars at all are parsed as undefined. */
function parseVars(name: StepName, step: Step, testCase: TargetCase): unknown {
  const raw = Object.keys(testCase.vars).length === 0 ? undefined : testCase.vars;
  const parsed = step.vars.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) =>
    formatProblem({
      file: testCase.suiteFile,
      field: ['input', 'vars', ...issue.path].join('.'),
      message: `case "${testCase.name}": the ${name} step ${issue.message}`,
    }),
  );
  throw new NightshiftError('BAD_INPUT', issues.join('\n'), {
    hint: `The ${name} step: ${step.description}`,
  });
}

export function createStepTarget(deps: TargetDeps): EvalTarget<typeof stepConfigSchema> {
  return defineTarget({
    description: 'One built-in stage (rank, review, log-patterns, incident-window) on vars or a bundle.',
    config: stepConfigSchema,
    accepts: ['none', 'bundle'],
    async identity(config) {
      return { step: config.step, codeVersion: await deps.codeVersion() };
    },
    async run(config, testCase, env) {
      env.signal.throwIfAborted();
      const step: Step = steps[config.step];
      if (!step.accepts.includes(testCase.source.kind))
        throw caseError(
          testCase,
          'input',
          `the ${config.step} step takes ${step.accepts.map((k) => (k === 'none' ? 'input.vars' : `input.${k}`)).join(' or ')}, not ${testCase.source.kind === 'none' ? 'vars alone' : `a ${testCase.source.kind}`}`,
          step.accepts.includes('bundle')
            ? 'Give input.lab (a recipe) or input.bundle (a folder).'
            : undefined,
        );
      const vars = parseVars(config.step, step, testCase);
      const started = performance.now();
      const json = await step.run(vars, testCase.source, env.signal);
      return { json, text: JSON.stringify(json), latencyMs: performance.now() - started };
    },
  });
}
