/**
 * Loads nightshift.yaml for `nightshift serve` and `nightshift config check`: a missing file is
 * the defaults (a local server on loopback, SQLite, no live sources), a bad one is every problem
 * with its line.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { type EnvVars, readYamlSection } from '../core/yaml-config.js';
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
  const file = options.file ? resolve(options.cwd, options.file) : join(options.cwd, CONFIG_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || options.file) {
      throw new NightshiftError('BAD_INPUT', `${file}: cannot be read (${(error as Error).message})`, {
        hint: code === 'ENOENT' ? 'Check the path given to --config.' : undefined,
        cause: error,
      });
    }
  }
  if (text === undefined) return { file: undefined, baseDir: options.cwd, config: configSchema.parse({}) };
  const config = readYamlSection(file, text, { schema: configSchema, hint: CONFIG_HINT, env: options.env });
  return { file, baseDir: resolve(file, '..'), config: config ?? configSchema.parse({}) };
}

/** A path from the config, relative to the config file's directory. */
export function configPath(loaded: LoadedConfig, path: string): string {
  return isAbsolute(path) ? path : join(loaded.baseDir, path);
}
