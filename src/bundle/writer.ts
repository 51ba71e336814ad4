/**
 * Writes a bundle atomically: every file goes into a temporary sibling folder, which is renamed
 * into place on commit. A failure or an abort leaves whatever was at the output path untouched,
 * so a user never finds a half-written bundle.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { formatYaml } from './documents.js';
import { createLineSink, type LineSink, type LineSinkOptions, type OwnedLineSink } from './sink.js';

/** Data files a writer can stream; `.gz` is added when the sink is gzip-compressed. */
export type DataFileName =
  | 'metrics.csv'
  | 'metrics.jsonl'
  | 'logs.jsonl'
  | 'traces.jsonl'
  | 'changes.jsonl'
  | 'events.jsonl'
  | 'history.jsonl';

/** The bundle's YAML documents. */
export type YamlFileName = 'incident.yaml' | 'topology.yaml' | 'truth.yaml';

/** An open bundle being written. Call `commit()` to publish it or `abort()` to drop it. */
export interface BundleWriter {
  /** The temporary folder the files are written to until `commit()`. */
  readonly tempDir: string;
  /** Opens a data file for streaming; each file can be opened once. */
  lines(file: DataFileName, options?: LineSinkOptions): LineSink;
  /** Writes a YAML document (pass it through `toIncidentYaml` and friends first), with an optional top comment. */
  writeYaml(file: YamlFileName, value: unknown, comment?: string): Promise<void>;
  /** Closes every sink, then renames the temporary folder into place. On failure, removes it and throws. */
  commit(): Promise<void>;
  /** Removes the temporary folder; whatever was at the output path stays as it was. */
  abort(): Promise<void>;
}

/** Options of `createBundleWriter`. */
export interface BundleWriterOptions {
  /** Replace an existing folder at the output path (only once the new bundle is complete). */
  force?: boolean;
}

/**
 * Starts writing a bundle to `outDir`. Throws ALREADY_EXISTS before any work when `outDir` exists
 * and `force` is not set.
 */
export async function createBundleWriter(
  outDir: string,
  options: BundleWriterOptions = {},
): Promise<BundleWriter> {
  const target = resolve(outDir);
  const force = options.force ?? false;
  await assertCanWrite(target, force);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tempDir = join(parent, `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tempDir);

  const sinks = new Map<string, OwnedLineSink>();
  let state: 'open' | 'committed' | 'aborted' = 'open';

  function assertOpen(): void {
    if (state !== 'open')
      throw new NightshiftError('INTERNAL', `${outDir}: bundle writer is already ${state}`);
  }

  async function removeTemp(): Promise<void> {
    for (const sink of sinks.values()) sink.destroy();
    await rm(tempDir, { recursive: true, force: true });
  }

  return {
    tempDir,
    lines(file, sinkOptions = {}) {
      assertOpen();
      const name = sinkOptions.gzip ? `${file}.gz` : file;
      const source = file.slice(0, file.indexOf('.'));
      for (const open of sinks.keys()) {
        if (open.slice(0, open.indexOf('.')) === source) {
          throw new NightshiftError('INTERNAL', `${outDir}: ${name} and ${open} would both hold ${source}`);
        }
      }
      const sink = createLineSink(join(tempDir, name), sinkOptions);
      sinks.set(name, sink);
      return sink;
    },
    async writeYaml(file, value, comment) {
      assertOpen();
      await writeFile(join(tempDir, file), formatYaml(value, comment));
    },
    async commit() {
      assertOpen();
      try {
        await Promise.all([...sinks.values()].map((sink) => sink.close()));
        await moveIntoPlace(tempDir, target, force);
        state = 'committed';
      } catch (error) {
        state = 'aborted';
        await removeTemp();
        throw error;
      }
    },
    async abort() {
      if (state === 'committed') return;
      state = 'aborted';
      await removeTemp();
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
}

async function assertCanWrite(target: string, force: boolean): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(target)).isDirectory();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw error;
  }
  if (!isDirectory) {
    throw new NightshiftError('ALREADY_EXISTS', `${target} exists and is not a folder`, {
      hint: 'Choose another output path.',
    });
  }
  if (!force) {
    throw new NightshiftError('ALREADY_EXISTS', `${target} already exists`, {
      hint: 'Pass --force to replace it, or choose another output folder.',
    });
  }
}

/** Renames `from` to `to`. With force, the old folder is set aside first and deleted only after. */
async function moveIntoPlace(from: string, to: string, force: boolean): Promise<void> {
  await assertCanWrite(to, force);
  if (!(await exists(to))) {
    await rename(from, to);
    return;
  }
  const aside = join(dirname(to), `.${basename(to)}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
  await rename(to, aside);
  try {
    await rename(from, to);
  } catch (error) {
    await rename(aside, to);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}
