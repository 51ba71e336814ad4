/**
 * Reads the `llm:` section of nightshift.yaml. Other sections belong to other capabilities and are
 * left alone; problems name the file, the line and the field (see core/yaml-config.ts).
 */
import { type EnvVars, readYamlSection } from '../core/yaml-config.js';
import { type LlmFileSection, llmFileSchema, PROVIDERS } from './schema.js';

const HINT =
  `llm: in nightshift.yaml accepts provider (${PROVIDERS.join(', ')}), fastModel, strongModel, ` +
  'baseUrl, apiKey, timeoutMs (1000 to 600000) and maxSteps (1 to 50).';

/** The validated `llm:` section; `{}` when the file has none. Throws a BAD_INPUT error listing problems. */
export function readLlmSection(file: string, text: string, env?: EnvVars): LlmFileSection {
  return readYamlSection(file, text, { section: 'llm', schema: llmFileSchema, hint: HINT, env }) ?? {};
}
