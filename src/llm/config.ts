/**
 * Which LLM to use, from (later wins): defaults, `nightshift.yaml`'s `llm:` key, the environment
 * (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`, `NIGHTSHIFT_LLM_BASE_URL` with `NIGHTSHIFT_LLM_API_KEY`
 * and `NIGHTSHIFT_LLM_MODEL`), and command-line overrides. Pure: the environment and the file's
 * text are passed in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { NightshiftError } from '../core/index.js';
import { DEFAULT_MODELS } from './models.js';
import { type LlmConfig, llmFileSchema, type ProviderName } from './schema.js';

export interface LlmOverrides {
  model?: string;
  provider?: ProviderName;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_STEPS = 12;

export async function resolveLlmConfig(options: {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  overrides?: LlmOverrides;
}): Promise<LlmConfig> {
  const file = join(options.cwd, 'nightshift.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return llmConfigFrom(text === undefined ? undefined : { file, text }, options.env, options.overrides ?? {});
}

export function llmConfigFrom(
  yamlFile: { file: string; text: string } | undefined,
  env: Readonly<Record<string, string | undefined>>,
  overrides: LlmOverrides,
): LlmConfig {
  const fromFile = yamlFile ? readLlmSection(yamlFile.file, yamlFile.text) : {};
  const fromEnv: Partial<LlmConfig> = env.NIGHTSHIFT_LLM_BASE_URL
    ? {
        provider: 'openai-compatible',
        baseUrl: env.NIGHTSHIFT_LLM_BASE_URL,
        apiKey: env.NIGHTSHIFT_LLM_API_KEY,
        ...(env.NIGHTSHIFT_LLM_MODEL
          ? { fastModel: env.NIGHTSHIFT_LLM_MODEL, strongModel: env.NIGHTSHIFT_LLM_MODEL }
          : {}),
      }
    : env.ANTHROPIC_API_KEY
      ? { provider: 'anthropic', apiKey: env.ANTHROPIC_API_KEY }
      : env.OPENAI_API_KEY
        ? { provider: 'openai', apiKey: env.OPENAI_API_KEY }
        : {};
  const provider = overrides.provider ?? fromEnv.provider ?? fromFile.provider;
  if (!provider) {
    throw new NightshiftError('BAD_INPUT', 'no LLM configured', {
      hint: 'Set ANTHROPIC_API_KEY, OPENAI_API_KEY or NIGHTSHIFT_LLM_BASE_URL, or add llm: to nightshift.yaml.',
    });
  }
  const models = DEFAULT_MODELS[provider];
  const config: LlmConfig = {
    provider,
    fastModel: overrides.model ?? fromEnv.fastModel ?? fromFile.fastModel ?? models.fast,
    strongModel: overrides.model ?? fromEnv.strongModel ?? fromFile.strongModel ?? models.strong,
    baseUrl: fromEnv.baseUrl ?? fromFile.baseUrl,
    apiKey: fromEnv.apiKey ?? fromFile.apiKey,
    timeoutMs: fromFile.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxSteps: fromFile.maxSteps ?? DEFAULT_MAX_STEPS,
  };
  if (provider === 'openai-compatible' && !config.baseUrl) {
    throw new NightshiftError('BAD_INPUT', 'the openai-compatible provider needs a base URL', {
      hint: 'Set NIGHTSHIFT_LLM_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama) or llm.baseUrl in nightshift.yaml.',
    });
  }
  return config;
}

/** The `llm:` section of nightshift.yaml, validated; errors name the file, line and field. */
function readLlmSection(file: string, text: string): Partial<LlmConfig> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new NightshiftError(
      'BAD_INPUT',
      `${file} line ${e?.linePos?.[0]?.line ?? '?'}: ${e?.message.split('\n')[0]}`,
    );
  }
  const root = doc.toJS() as Record<string, unknown> | null;
  if (!root || root.llm === undefined) return {};
  const parsed = llmFileSchema.safeParse(root.llm);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = ['llm', ...(issue?.path ?? []).map(String)];
  const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
  const parent = doc.getIn(path.slice(0, -1), true) as { range?: [number, number] } | undefined;
  const offset = node?.range?.[0] ?? parent?.range?.[0];
  const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
  throw new NightshiftError(
    'BAD_INPUT',
    `${file}${line === undefined ? '' : ` line ${line}`}: field "${path.join('.')}": ${issue?.message ?? 'invalid'}`,
  );
}
