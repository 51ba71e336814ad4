/**
 * The `investigation` target: a whole investigation, the way `nightshift investigate` runs one. On
 * a bundle (a folder, or a lab recipe the runner generated) it runs the coordinator with the chosen
 * brain; on a recorded interaction it replays the LLM investigator offline (H3a's
 * `runRecordedInvestigation`). Assertions read the report, the trace and the notes.
 */
import { z } from 'zod';
import { NightshiftError } from '../../core/index.js';
import {
  type Brain,
  createLlmBrain,
  type Investigation,
  investigateBundle,
} from '../../investigate/index.js';
import { DEFAULT_MAX_STEPS, DEFAULT_TIMEOUT_MS } from '../../llm/index.js';
import { traceTotals } from '../../tracing/index.js';
import type { EvalOutput } from '../output.js';
import { investigationText, runRecordedInvestigation } from './investigation-recorded.js';
import type { TargetDeps } from './registry.js';
import { defineTarget, type EvalTarget, type TargetEnv } from './target.js';

export const investigationConfigSchema = z
  .object({
    /** `builtin`: the deterministic analyst, offline; `llm`: the LLM investigator with the run's model. */
    brain: z.enum(['builtin', 'llm']).default('builtin'),
    /** Hypothesise → review → revise rounds at most (the coordinator's default when absent). */
    maxRounds: z.number().int().min(1).max(10).optional(),
  })
  .strict();
export { investigationText };
export type InvestigationConfig = z.output<typeof investigationConfigSchema>;

/** The LLM brain over the run's model: the same model plays the fast and the strong role. */
function llmBrain(env: TargetEnv, suiteFile: string): Brain {
  const model = env.model;
  if (model === undefined)
    throw new NightshiftError(
      'BAD_INPUT',
      `${suiteFile}: field "target.brain": the llm brain needs a model, and this run has none`,
      {
        hint: 'Pass --model <provider:model> to `nightshift eval run`, configure llm: in nightshift.yaml, or use brain: builtin.',
      },
    );
  const role = { model: model.model, id: model.id };
  return createLlmBrain(
    { maxSteps: DEFAULT_MAX_STEPS, timeoutMs: DEFAULT_TIMEOUT_MS },
    { fast: role, strong: role, provider: model.provider },
  );
}

function outputOf(investigation: Investigation, latencyMs: number): EvalOutput {
  const { report, trace, notes } = investigation;
  return {
    investigation: { report, trace, notes },
    text: investigationText(investigation),
    json: report,
    latencyMs,
    costUsd: traceTotals(trace).costUsd,
  };
}

/** The target, given how to learn the code version (see registry.ts for why it is injected). */
export function createInvestigationTarget(deps: TargetDeps): EvalTarget<typeof investigationConfigSchema> {
  return defineTarget({
    description: 'A whole investigation (builtin or llm brain) of a bundle, a lab recipe or a recording.',
    config: investigationConfigSchema,
    accepts: ['bundle', 'recording'],
    async identity(config, env) {
      return {
        brain: config.brain,
        maxRounds: String(config.maxRounds ?? 'default'),
        codeVersion: await deps.codeVersion(),
        ...(config.brain === 'llm' && env.model !== undefined && { model: env.model.id }),
      };
    },
    async run(config, testCase, env) {
      env.signal.throwIfAborted();
      const { source } = testCase;
      if (source.kind === 'recording') {
        return runRecordedInvestigation(source.recording, {
          ...(env.model !== undefined && { model: env.model }),
          ...(source.file !== undefined && { file: source.file }),
          signal: env.signal,
        });
      }
      if (source.kind !== 'bundle')
        throw new NightshiftError(
          'BAD_INPUT',
          `${testCase.suiteFile}: case "${testCase.name}": the investigation target needs input.lab, input.bundle or input.recording`,
        );
      const brain = config.brain === 'llm' ? llmBrain(env, testCase.suiteFile) : 'builtin';
      const started = performance.now();
      const investigation = await investigateBundle(source.dir, {
        brain,
        ...(config.maxRounds !== undefined && { maxRounds: config.maxRounds }),
      });
      return outputOf(investigation, performance.now() - started);
    },
  });
}
