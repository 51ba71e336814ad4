/**
 * Reads a small YAML document (incident.yaml, topology.yaml, truth.yaml) and validates it with a zod
 * schema. The `yaml` Document API keeps node positions, so a problem names the line of the field
 * that is wrong, or of its parent when the field is missing. The file is read through
 * `readBundleText`, so a FIFO or a symlink out of the bundle is a problem, not a hang or a leak.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../core/index.js';
import { lineOf } from '../core/yaml-lines.js';
import { describeIssue } from './issues.js';
import { RefusedFileError, readBundleText } from './regular-file.js';

/** A valid document keeps `lineOf` so cross-checks made later can still name a line. */
export type YamlResult<T> =
  | { ok: true; value: T; lineOf(path: readonly PropertyKey[]): number | undefined }
  | { ok: false; problems: Problem[] };

/** Reads and validates a YAML file; `file` is the name used in problems, e.g. `incident.yaml`. */
export async function readYamlFile<T>(
  path: string,
  file: string,
  schema: z.ZodType<T>,
): Promise<YamlResult<T>> {
  let text: string;
  try {
    text = await readBundleText(path);
  } catch (error) {
    if (error instanceof RefusedFileError) return { ok: false, problems: [error.problem] };
    return { ok: false, problems: [{ file, message: `cannot be read (${(error as Error).message})` }] };
  }
  return parseYamlText(text, file, schema);
}

/** Parses and validates YAML text; every syntax error or schema issue becomes a problem with its line. */
export function parseYamlText<T>(text: string, file: string, schema: z.ZodType<T>): YamlResult<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      line: lineCounter.linePos(error.pos[0]).line,
      message: `not valid YAML (${error.message})`,
    }));
    return { ok: false, problems };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    return { ok: false, problems: [{ file, message: `not valid YAML (${(error as Error).message})` }] };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    return { ok: true, value: parsed.data, lineOf: (path) => lineOf(doc, path, lineCounter) };
  }
  const problems = parsed.error.issues.map((issue): Problem => {
    const { field, message } = describeIssue(issue, raw);
    const line = lineOf(doc, issue.path, lineCounter);
    return {
      file,
      ...(line === undefined ? {} : { line }),
      ...(field === undefined ? {} : { field }),
      message,
    };
  });
  return { ok: false, problems };
}
