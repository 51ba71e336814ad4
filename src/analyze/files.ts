/**
 * The output folder: every file written whole or not at all (a temporary name, then a rename), so
 * a killed run leaves no partial file; a case's `.json` is written after its `.md`, so a case whose
 * `.json` exists is complete and a resumed run keeps it. The manifest pins what the folder
 * analyses, so a resumed run cannot mix two backtests or two analysers.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { type CaseAnalysis, caseAnalysisSchema, type Manifest, manifestSchema } from './schema.js';

export const CASES_DIR = 'cases';
export const MANIFEST = 'analysis.json';

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Creates the folder and its manifest, or checks that an existing one analyses the same thing. */
export async function openOutput(outDir: string, manifest: Manifest): Promise<void> {
  await mkdir(join(outDir, CASES_DIR), { recursive: true });
  const file = join(outDir, MANIFEST);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    await writeAtomically(file, `${JSON.stringify(manifest, null, 2)}\n`);
    return;
  }
  const found = manifestSchema.safeParse(JSON.parse(text));
  const same =
    found.success &&
    found.data.source === manifest.source &&
    found.data.brain === manifest.brain &&
    found.data.model === manifest.model;
  if (!same)
    throw new NightshiftError(
      'BAD_INPUT',
      `${file} belongs to another analysis (${found.success ? `${found.data.source}, brain ${found.data.brain}` : 'unreadable'}), not ${manifest.source} with brain ${manifest.brain}`,
      { hint: 'choose another --out, or remove that folder to start again' },
    );
}

/**
 * The analyses already on disk, by case id. A temporary file left by a killed run is removed; a
 * `.json` that does not parse is an error naming it (it was not written by analyze).
 */
export async function existingAnalyses(outDir: string): Promise<Map<string, CaseAnalysis>> {
  const dir = join(outDir, CASES_DIR);
  const out = new Map<string, CaseAnalysis>();
  for (const name of await readdir(dir)) {
    if (name.endsWith('.tmp')) {
      await rm(join(dir, name), { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = caseAnalysisSchema.safeParse(json);
    if (!parsed.success)
      throw new NightshiftError(
        'BAD_INPUT',
        `${file}: not a case analysis (${parsed.error.issues[0]?.message})`,
        {
          hint: 'remove it and run nightshift analyze again to redo that case',
        },
      );
    out.set(parsed.data.caseId, parsed.data);
  }
  return out;
}
