/**
 * Replay: one investigation run again from its evidence, with no source. The built-in brain on the
 * same evidence gives the same report (its analysis is deterministic in the data). The LLM brain
 * runs either the recorded model answers (a recording's `modelCalls`, through the replay model,
 * which refuses any request that was not recorded) or a live model against the recorded evidence.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { EnvVars } from '../core/yaml-config.js';
import { replayModel, replayModelOf } from '../evals/recording/replay-model.js';
import type { Recording } from '../evals/recording/schema.js';
import { resolveEvalModel } from '../evals/runner/model.js';
import {
  type Brain,
  type BrainChoice,
  brains,
  createLlmBrain,
  type Evidence,
  evidenceInput,
  type Investigation,
  investigate,
  type LlmModels,
} from '../investigate/index.js';
import { DEFAULT_MAX_STEPS, DEFAULT_TIMEOUT_MS } from '../llm/index.js';

export interface ReplayOptions {
  /** `builtin` (the default) or `llm`. */
  brain?: BrainChoice;
  /** With `llm`: a live model (`provider:model`) run against the recorded evidence. */
  model?: string;
  /** With `llm` and no `model`: the recorded answers (its `modelCalls`) are replayed. */
  recording?: Recording;
  /** Where `model` is resolved from (nightshift.yaml's `llm:` and the environment). */
  cwd?: string;
  env?: EnvVars;
  /** Clock, for the replay's id and trace. */
  now?: () => number;
  /** Keep the evidence on the result (to write it with `--out`). */
  keepEvidence?: boolean;
}

/** Re-runs the investigation `evidence` records; see the top of this file for what each brain does. */
export async function replay(evidence: Evidence, options: ReplayOptions = {}): Promise<Investigation> {
  const brain = await replayBrain(options);
  return investigate(evidenceInput(evidence), {
    brain,
    ...(options.now && { now: options.now }),
    ...(options.keepEvidence && { keepEvidence: true }),
  });
}

async function replayBrain(options: ReplayOptions): Promise<Brain> {
  if ((options.brain ?? 'builtin') === 'builtin') return brains.builtin;
  const config = { maxSteps: DEFAULT_MAX_STEPS, timeoutMs: DEFAULT_TIMEOUT_MS };
  if (options.model !== undefined) {
    const live = await resolveEvalModel(options.model, {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
    });
    const role = { model: live.model, id: live.id };
    return createLlmBrain(config, { fast: role, strong: role, provider: live.provider });
  }
  return createLlmBrain(config, recordedModels(options.recording));
}

/**
 * The recorded answers as the fast and the strong model. Both answer from every recorded call (the
 * request key tells them apart); each reports the model id its role had, so a report that names
 * the answering model names the same one: the first call was the fast model's, and when there was
 * an escalation the last was the strong model's.
 */
function recordedModels(recording: Recording | undefined): LlmModels {
  const calls = recording?.modelCalls ?? [];
  const source = recording?.source ?? 'the recording';
  const fast: LanguageModelV3 = replayModelOf(calls, source);
  const strongId = calls.at(-1)?.model ?? fast.modelId;
  const strong = replayModel(calls, { modelId: strongId, source });
  return {
    fast: { model: fast, id: fast.modelId },
    strong: { model: strong, id: strongId },
    provider: 'replay',
  };
}
