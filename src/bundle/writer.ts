/**
 * Writes a bundle atomically: every file goes into a temporary sibling folder, which is renamed
 * into place on commit. A failure or an abort leaves whatever was at the output path untouched,
 * so a user never finds a half-written bundle.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { formatYaml } from './documents.js';
import { assertCanReplace, moveFolderIntoPlace, siblingPath } from './replace-folder.js';
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
  await assertCanReplace(target, { force });
  await mkdir(dirname(target), { recursive: true });
  const tempDir = siblingPath(target, 'tmp');
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
        await moveFolderIntoPlace(tempDir, target, { force });
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
