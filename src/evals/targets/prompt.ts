/**
 * The `prompt` target: one model call with a registered prompt rendered from the case's vars, the way
 * promptfoo evaluates a prompt. The answer is the text (and its JSON when it parses, or the
 * structured answer with `schema: true`). Offline, a case's recording supplies the replay model; with
 * `--model` the same suite runs live. The cache identity is the prompt's name, the sha256 of its text
 * and the model id, so an edited prompt is never answered from the cache.
 */
import { generateText, Output } from 'ai';
import { z } from 'zod';
import { NightshiftError } from '../../core/index.js';
import {
  llmBrainPrompts,
  type PromptDef,
  promptHash,
  renderTemplate,
} from '../../investigate/brains/llm/index.js';
import { costUsd } from '../../llm/index.js';
import { closestName } from '../assertions/closest-name.js';
import { rubricPrompt } from '../assertions/llm-rubric.js';
import { replayEvalModel } from './investigation-recorded.js';
import { defineTarget, type EvalModel, type TargetCase, type TargetEnv } from './target.js';

/** Every prompt a suite may name: the LLM brain's and the grader's. */
export const prompts = {
  ...llmBrainPrompts,
  'llm-rubric': rubricPrompt,
} satisfies Record<string, PromptDef>;
export type PromptName = keyof typeof prompts;
export const PROMPT_NAMES = Object.keys(prompts) as PromptName[];

const promptConfigSchema = z
  .object({
    /** A name from the prompt registry. */
    prompt: z.string().superRefine((name, ctx) => {
      if (Object.hasOwn(prompts, name)) return;
      const guess = closestName(name, PROMPT_NAMES);
      ctx.addIssue({
        code: 'custom',
        message: `unknown prompt "${name}"${guess ? `; did you mean "${guess}"?` : ''} (known: ${PROMPT_NAMES.join(', ')})`,
      });
    }),
    /** Ask for the prompt's structured answer (its schema) instead of free text. */
    schema: z.boolean().default(false),
  })
  .strict();

function modelFor(testCase: TargetCase, env: TargetEnv): EvalModel {
  if (env.model !== undefined) return env.model;
  if (testCase.source.kind === 'recording')
    return replayEvalModel(testCase.source.recording, testCase.source.file);
  throw new NightshiftError(
    'BAD_INPUT',
    `${testCase.suiteFile}: case "${testCase.name}": the prompt target needs a model, and this run has none`,
    { hint: 'Pass --model <provider:model>, or give the case an input.recording with recorded responses.' },
  );
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const promptTarget = defineTarget({
  description: 'One model call: a registered prompt rendered with the case vars.',
  config: promptConfigSchema,
  accepts: ['none', 'recording'],
  async identity(config, env) {
    const def: PromptDef = prompts[config.prompt as PromptName];
    return {
      prompt: config.prompt,
      promptHash: promptHash(await def.load()),
      schema: String(config.schema),
      model: env.model?.id ?? 'recorded',
    };
  },
  async run(config, testCase, env) {
    env.signal.throwIfAborted();
    const def: PromptDef = prompts[config.prompt as PromptName];
    if (config.schema && def.schema === undefined)
      throw new NightshiftError(
        'BAD_INPUT',
        `${testCase.suiteFile}: field "target.schema": prompt "${config.prompt}" has no answer schema; remove schema: true`,
      );
    const text = await def.load();
    const user = renderTemplate(
      text.template,
      testCase.vars,
      `${testCase.suiteFile}: case "${testCase.name}": prompt "${config.prompt}"`,
    );
    const model = modelFor(testCase, env);
    const started = performance.now();
    const result = await generateText({
      model: model.model,
      ...(text.system === undefined ? {} : { system: text.system }),
      prompt: user,
      ...(config.schema && def.schema ? { output: Output.object({ schema: def.schema }) } : {}),
      maxRetries: 0,
      abortSignal: env.signal,
    });
    const latencyMs = performance.now() - started;
    const json = config.schema ? (result.output as unknown) : parsedJson(result.text);
    const cost = costUsd(
      result.response.modelId ?? model.id,
      result.usage.inputTokens ?? 0,
      result.usage.outputTokens ?? 0,
    );
    return {
      text: result.text,
      ...(json === undefined ? {} : { json }),
      latencyMs,
      ...(cost.priced ? { costUsd: cost.usd } : {}),
    };
  },
});
