/**
 * Where investigations are kept: `<home>/investigations/<id>/investigation.json` (the report, the
 * trace and how the run went), so `nightshift trace <id>` and later tools can read them back. Home
 * is `.nightshift` in the working directory unless `NIGHTSHIFT_HOME` says otherwise. Every write
 * goes to a temporary sibling folder first and is renamed into place, so a failed write leaves
 * nothing half-written and an existing folder is replaced only when asked.
 *
 * Every file is redacted as it is written (see src/anonymise): an investigation is redacted when it
 * is made, and this is the second line, for anything a later change lets through.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { redactDeep, redactString } from '../anonymise/index.js';
import { writeFolderAtomically } from '../bundle/index.js';
import { alertSchema, NightshiftError, reportSchema } from '../core/index.js';
import { parseTrace } from '../tracing/index.js';
import type { Investigation } from './run.js';

export function nightshiftHome(env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, env.NIGHTSHIFT_HOME ?? '.nightshift');
}

export function investigationDir(home: string, id: string): string {
  return join(home, 'investigations', id);
}

/** Writes `files` (name → text) as the folder `dir`, all or nothing (bundle/replace-folder.ts). */
export async function writeFolder(
  dir: string,
  files: Readonly<Record<string, string>>,
  options: { force: boolean },
): Promise<void> {
  await writeFolderAtomically(dir, { force: options.force, hints: HINTS }, async (temp) => {
    for (const [name, text] of Object.entries(files)) await writeFile(join(temp, name), redactString(text));
  });
}

const HINTS = {
  exists: 'Choose another folder, or pass --force to replace it once the new one is complete.',
  notFolder: 'Choose another folder.',
};

/** Beside investigation.json when the investigation kept its evidence (src/replay, docs/replay.md). */
export const EVIDENCE_FILE = 'evidence.json.gz';

export async function saveInvestigation(home: string, investigation: Investigation): Promise<string> {
  const dir = investigationDir(home, investigation.id);
  const { evidence, ...rest } = investigation;
  await writeFolderAtomically(dir, { force: true, hints: HINTS }, async (temp) => {
    const json = `${JSON.stringify(redactDeep(rest), null, 2)}\n`;
    await writeFile(join(temp, 'investigation.json'), redactString(json));
    // Redacted as it was collected; the text pass is the second line, as for every file here.
    if (evidence)
      await writeFile(join(temp, EVIDENCE_FILE), gzipSync(redactString(JSON.stringify(evidence))));
  });
  return dir;
}

/** An investigation as it is kept as JSON (CLI folders, backtest cases): read back and checked. */
export const storedInvestigationSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  bundleDir: z.string().optional(),
  alert: alertSchema,
  brain: z.string(),
  startedAt: z.number(),
  elapsedMs: z.number(),
  rounds: z.number(),
  notes: z.array(z.string()),
  report: reportSchema,
  trace: z.unknown(),
});

/** Reads an investigation by id (from `home`) or by the path of its folder or JSON file. */
export async function loadInvestigation(home: string, idOrPath: string): Promise<Investigation> {
  const candidates = [
    join(investigationDir(home, idOrPath), 'investigation.json'),
    join(idOrPath, 'investigation.json'),
    idOrPath,
  ];
  for (const file of candidates) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new NightshiftError('BAD_INPUT', `${file}: not JSON (${(error as Error).message})`);
    }
    const parsed = storedInvestigationSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new NightshiftError(
        'BAD_INPUT',
        `${file}: field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
      );
    }
    return { ...parsed.data, trace: parseTrace(parsed.data.trace, file) } as Investigation;
  }
  throw new NightshiftError(
    'NOT_FOUND',
    `no investigation "${idOrPath}" in ${join(home, 'investigations')}`,
    {
      hint: 'Pass an id that `nightshift investigate` printed, or the path of an investigation folder.',
    },
  );
}
