/**
 * Reading an export folder for `eval save`. The export command (a later issue) writes exactly this,
 * and `eval save` accepts any folder of this shape:
 *
 * - `recording.json` (required): a recorded interaction in the format of
 *   src/evals/recording/schema.ts (alert, context, baseline, toolCalls, modelCalls);
 * - `metadata.json` (optional): `{investigationId?, brain?, report?, feedback?: [{grade,
 *   rootCause?, category?, at?}]}`. `report` is the investigation's final report (when absent, the
 *   recording's baseline stands in for it); `feedback` is what responders said. Unknown keys are
 *   allowed, so a newer export still reads.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { formatProblem, NightshiftError, reportSchema } from '../../core/index.js';
import { recordingSchema } from '../recording/schema.js';
import type { FoundInvestigation } from './found.js';

export const RECORDING_FILE = 'recording.json';
export const METADATA_FILE = 'metadata.json';

export const exportMetadataSchema = z
  .object({
    investigationId: z.string().optional(),
    brain: z.string().optional(),
    report: reportSchema.optional(),
    feedback: z
      .array(
        z
          .object({
            grade: z.string(),
            rootCause: z.string().optional(),
            category: z.string().optional(),
            at: z.number().default(0),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

/** True when `path` is a folder holding a `recording.json`. */
export async function isExportFolder(path: string): Promise<boolean> {
  const info = await stat(join(path, RECORDING_FILE)).catch(() => undefined);
  return info?.isFile() ?? false;
}

export async function readExportFolder(folder: string): Promise<FoundInvestigation> {
  const dir = resolve(folder);
  const recording = parseFile(
    join(dir, RECORDING_FILE),
    await readJson(join(dir, RECORDING_FILE)),
    recordingSchema,
  );
  const metadataText = await readFile(join(dir, METADATA_FILE), 'utf8').catch(() => undefined);
  const metadata =
    metadataText === undefined
      ? exportMetadataSchema.parse({})
      : parseFile(
          join(dir, METADATA_FILE),
          parseJson(join(dir, METADATA_FILE), metadataText),
          exportMetadataSchema,
        );
  return {
    source: `export ${metadata.investigationId ?? folder}`,
    brain: metadata.brain,
    alert: recording.alert,
    report: metadata.report ?? recording.baseline,
    recording,
    feedback: metadata.feedback.map((f) => ({
      grade: f.grade,
      at: f.at,
      ...(f.rootCause === undefined ? {} : { rootCause: f.rootCause }),
      ...(f.category === undefined ? {} : { category: f.category }),
    })),
  };
}

async function readJson(file: string): Promise<unknown> {
  return parseJson(file, await readFile(file, 'utf8'));
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NightshiftError('BAD_INPUT', `${file}: not JSON (${(error as Error).message})`);
  }
}

function parseFile<S extends z.ZodType>(file: string, json: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues
    .slice(0, 5)
    .map((i) => formatProblem({ file, field: i.path.join('.') || '(root)', message: i.message }));
  throw new NightshiftError('BAD_INPUT', lines.join('\n'), {
    hint: `An export folder holds ${RECORDING_FILE} (see src/evals/recording/schema.ts) and optionally ${METADATA_FILE}.`,
  });
}
