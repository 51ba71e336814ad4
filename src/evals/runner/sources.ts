/**
 * Where each case's telemetry comes from, checked before anything runs: a `bundle:` folder
 * (relative to the suite; it must exist), a lab recipe (its fault and knobs checked here, the
 * bundle generated later, when a repeat needs it), or a recording (a JSON file relative to the
 * suite, or inline), parsed with the recording schema.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Problem } from '../../core/index.js';
import { FAULT_NAMES } from '../../lab/index.js';
import { closestName } from '../assertions/closest-name.js';
import { type Recording, recordingSchema } from '../recording/schema.js';
import type { LoadedSuite } from '../suite/load.js';
import type { CaseInput, LabRecipe } from '../suite/schema.js';
import type { InputKind } from '../targets/target.js';
import { canonicalJson, hashFolder, sha256 } from './hash.js';
import { isFaultName, labKnobsSchema } from './lab-bundles.js';

/** A case's source once checked; `lab` is still to be generated. */
export type SourceSpec =
  | { kind: 'none' }
  | { kind: 'bundle'; dir: string; contentHash: string }
  | { kind: 'lab'; recipe: LabRecipe }
  | { kind: 'recording'; recording: Recording; file?: string; contentHash: string };

/** The input kind a target sees for a source (a lab recipe arrives as a bundle). */
export function inputKindOf(input: CaseInput): InputKind {
  if (input.lab !== undefined || input.bundle !== undefined) return 'bundle';
  return input.recording === undefined ? 'none' : 'recording';
}

/** What the cache key holds of a source: the bundle's content, the recipe, the recording's content. */
export function canonicalSource(source: SourceSpec): unknown {
  switch (source.kind) {
    case 'none':
      return { kind: 'none' };
    case 'bundle':
      return { kind: 'bundle', content: source.contentHash };
    case 'lab':
      return { kind: 'lab', recipe: source.recipe };
    case 'recording':
      return { kind: 'recording', content: source.contentHash };
  }
}

/** Folder content hashes for one run: a bundle shared by many cases is read once. */
export type FolderHashes = Map<string, Promise<string>>;

/**
 * Checks a case's source and returns it, or the problems found (file, line, field). `base` is the
 * case's field path, as `['cases', 3]`.
 */
export async function checkSource(
  loaded: LoadedSuite,
  input: CaseInput,
  base: readonly (string | number)[],
  hashes: FolderHashes,
): Promise<SourceSpec | Problem[]> {
  const at = (path: readonly (string | number)[], message: string): Problem => {
    const full = [...base, 'input', ...path];
    const line = loaded.lineOf(full);
    return { file: loaded.file, ...(line === undefined ? {} : { line }), field: full.join('.'), message };
  };
  if (input.bundle !== undefined) {
    const dir = resolve(dirname(loaded.file), input.bundle);
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir)
      return [at(['bundle'], `no bundle folder at ${dir} (the path is relative to the suite file)`)];
    let contentHash = hashes.get(dir);
    if (contentHash === undefined) {
      contentHash = hashFolder(dir);
      hashes.set(dir, contentHash);
    }
    return { kind: 'bundle', dir, contentHash: await contentHash };
  }
  if (input.lab !== undefined) return checkRecipe(input.lab, at);
  if (input.recording !== undefined) return checkRecording(loaded, input.recording, at);
  return { kind: 'none' };
}

type At = (path: readonly (string | number)[], message: string) => Problem;

function checkRecipe(recipe: LabRecipe, at: At): SourceSpec | Problem[] {
  const problems: Problem[] = [];
  if (!isFaultName(recipe.fault)) {
    const guess = closestName(recipe.fault, FAULT_NAMES);
    problems.push(
      at(
        ['lab', 'fault'],
        `unknown fault "${recipe.fault}"${guess === undefined ? '' : `; did you mean "${guess}"?`} (nightshift lab faults lists them)`,
      ),
    );
  }
  const knobs = labKnobsSchema.safeParse(recipe.knobs);
  if (!knobs.success) {
    for (const issue of knobs.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const path = ['lab', 'knobs', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
        problems.push(
          at(
            key === undefined ? path : [...path, key],
            key === undefined
              ? issue.message
              : `unknown knob (known: ${Object.keys(labKnobsSchema.shape).join(', ')})`,
          ),
        );
      }
    }
  }
  return problems.length > 0 ? problems : { kind: 'lab', recipe };
}

async function checkRecording(
  loaded: LoadedSuite,
  value: string | Record<string, unknown>,
  at: At,
): Promise<SourceSpec | Problem[]> {
  let raw: unknown = value;
  let file: string | undefined;
  if (typeof value === 'string') {
    file = resolve(dirname(loaded.file), value);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return [
        at(
          ['recording'],
          `cannot read the recording ${file} (${code}; the path is relative to the suite file)`,
        ),
      ];
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return [{ file, message: `not valid JSON (${(error as Error).message})` }];
    }
  }
  const parsed = recordingSchema.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      // A recording file's problems name its own fields; an inline one's name the suite's.
      return file === undefined
        ? at(['recording', ...path], issue.message)
        : { file, field: path.join('.') || undefined, message: issue.message };
    }) as Problem[];
  }
  return {
    kind: 'recording',
    recording: parsed.data,
    ...(file === undefined ? {} : { file }),
    contentHash: sha256(canonicalJson(parsed.data)),
  };
}
