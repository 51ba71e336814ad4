/**
 * The playbooks an analyst follows at each stage, as markdown (docs/playbooks/ by default): read
 * whole, so what a person reads is exactly what the model is given.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NightshiftError } from '../core/index.js';

export const PLAYBOOK_NAMES = ['setup', 'per-case', 'cluster', 'synthesise'] as const;
export type PlaybookName = (typeof PLAYBOOK_NAMES)[number];
export type Playbooks = Record<PlaybookName, string>;

/** The repository's docs/playbooks (from src/analyze or dist/analyze, two folders up). */
export const DEFAULT_PLAYBOOKS_DIR = fileURLToPath(new URL('../../docs/playbooks/', import.meta.url));

/** Reads the four playbooks from `dir`; NOT_FOUND naming the first one that is not there. */
export async function loadPlaybooks(dir: string = DEFAULT_PLAYBOOKS_DIR): Promise<Playbooks> {
  const entries = await Promise.all(
    PLAYBOOK_NAMES.map(async (name) => {
      const file = join(dir, `${name}.md`);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined || text.trim() === '')
        throw new NightshiftError('NOT_FOUND', `playbook ${file} is missing or empty`, {
          hint: `--playbooks <dir> must hold ${PLAYBOOK_NAMES.map((n) => `${n}.md`).join(', ')} (docs/playbooks/ has them)`,
        });
      return [name, text] as const;
    }),
  );
  return Object.fromEntries(entries) as Playbooks;
}

/** The system prompt of a stage: the setup playbook (the shared ground), then the stage's own. */
export function stagePrompt(playbooks: Playbooks, stage: Exclude<PlaybookName, 'setup'>): string {
  return `${playbooks.setup.trim()}\n\n---\n\n${playbooks[stage].trim()}`;
}
