/**
 * Loads nightshift.yaml, once, for `nightshift serve` and `nightshift config check`; everything the
 * server runs receives the loaded object instead of reading the file again. A missing file is
 * the defaults (a local server on loopback, SQLite, no live sources), a bad one is every problem
 * with its line. A problem never repeats the value of a secret (see `withoutSecrets`).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { isSecretName, redactString } from '../anonymise/index.js';
import { NightshiftError } from '../core/index.js';
import { type EnvVars, readYamlSection } from '../core/yaml-config.js';
import { type LlmFileSection, readLlmSection } from '../llm/index.js';
import { CONFIG_HINT, configSchema, type NightshiftConfig } from './schema.js';

export const CONFIG_FILE = 'nightshift.yaml';

export interface LoadedConfig {
  /** The file read, or undefined when there was none and defaults apply. */
  file: string | undefined;
  /** Relative paths in the config are taken from here (the file's directory, or cwd). */
  baseDir: string;
  config: NightshiftConfig;
}

export async function loadConfig(options: {
  cwd: string;
  env: EnvVars;
  /** An explicit file must exist; the default one may be absent. */
  file?: string;
}): Promise<LoadedConfig> {
  const { file, text } = await readConfigFile(options);
  if (text === undefined) return { file: undefined, baseDir: options.cwd, config: configSchema.parse({}) };
  let config: NightshiftConfig | undefined;
  try {
    config = readYamlSection(file, text, { schema: configSchema, hint: CONFIG_HINT, env: options.env });
  } catch (error) {
    throw withoutSecrets(error, text);
  }
  return { file, baseDir: resolve(file, '..'), config: config ?? configSchema.parse({}) };
}

/**
 * Only the `llm:` section of `<cwd>/nightshift.yaml`, for commands that need nothing else
 * (`nightshift investigate --brain llm`): a serve configuration whose other sections name
 * variables this shell does not set must not stop a local investigation. Undefined without a
 * file, `{}` without the section.
 */
export async function loadLlmSection(options: {
  cwd: string;
  env: EnvVars;
}): Promise<LlmFileSection | undefined> {
  const { file, text } = await readConfigFile(options);
  if (text === undefined) return undefined;
  try {
    return readLlmSection(file, text, options.env);
  } catch (error) {
    throw withoutSecrets(error, text);
  }
}

/** The file's text, or undefined when the default file is absent. */
async function readConfigFile(options: {
  cwd: string;
  file?: string;
}): Promise<{ file: string; text: string | undefined }> {
  const file = options.file ? resolve(options.cwd, options.file) : join(options.cwd, CONFIG_FILE);
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || options.file) {
      throw new NightshiftError('BAD_INPUT', `${file}: cannot be read (${(error as Error).message})`, {
        hint: code === 'ENOENT' ? 'Check the path given to --config.' : undefined,
        cause: error,
      });
    }
    return { file, text: undefined };
  }
}

/** A path from the config, relative to the config file's directory. */
export function configPath(loaded: LoadedConfig, path: string): string {
  return isAbsolute(path) ? path : join(loaded.baseDir, path);
}

/**
 * Places in nightshift.yaml whose values are secrets whatever they are called: everything under
 * `auth` (webhook secrets) and `headers` (a connector's extra headers carry API keys and tenant
 * tokens), besides any secret-like name (`bearer`, `hmacSecret`, `apiKey`, `password`, …) and
 * Slack's `webhookUrl`.
 */
const SECRET_PLACE = /^(?:auth|headers|webhookUrl)$/i;

/**
 * The config problem with no secret value in it. The YAML reader hides values under names it knows
 * are secret, but it shows any value of the wrong type elsewhere (`headers: {X-Api-Key: 12345678}`
 * gave "expected string, got 12345678"): every scalar at a secret place is hidden here, whatever
 * its type, and what is left is redacted as text (a URL's password, a token pasted anywhere).
 */
function withoutSecrets(error: unknown, text: string): unknown {
  if (!(error instanceof NightshiftError)) return error;
  let message = error.message;
  for (const value of secretValues(text)) {
    message = message.replaceAll(`got ${shown(value)}`, 'got a value (not shown: it is a secret)');
    if (String(value).length >= 6) message = message.replaceAll(String(value), '(a secret, not shown)');
  }
  return new NightshiftError(error.code, redactString(message), {
    ...(error.hint === undefined ? {} : { hint: redactString(error.hint) }),
  });
}

function secretValues(text: string): (string | number | boolean)[] {
  let root: unknown;
  try {
    root = parse(text);
  } catch {
    return []; // not YAML: the problems are about syntax, not values
  }
  const found: (string | number | boolean)[] = [];
  const walk = (value: unknown, secret: boolean): void => {
    if (Array.isArray(value)) for (const item of value) walk(item, secret);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value))
        walk(item, secret || SECRET_PLACE.test(key) || isSecretName(key));
    } else if (
      secret &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    ) {
      found.push(value);
    }
  };
  walk(root, false);
  // Longest first, so a secret that contains another is hidden whole.
  return found.sort((a, b) => String(b).length - String(a).length);
}

/** How the YAML reader quotes a value in "got …" (core/yaml-config.ts, `show`). */
function shown(value: string | number | boolean): string {
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}
