/**
 * Which Nightshift made an export: the package version and the code fingerprint the evals use
 * (src/evals/code-version.ts), so two exports can be told apart when the code changed between them.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codeVersion, modulesRoot } from '../evals/code-version.js';

export interface NightshiftVersion {
  /** `version` of package.json. */
  version: string;
  /** sha256 over the module files (see codeVersion). */
  code: string;
}

export async function nightshiftVersion(): Promise<NightshiftVersion> {
  const root = modulesRoot();
  const text = await readFile(join(dirname(root), 'package.json'), 'utf8').catch(() => '{}');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return { version: typeof version === 'string' ? version : 'unknown', code: await codeVersion(root) };
}
