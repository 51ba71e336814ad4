/**
 * One investigation → one folder `<out>/<id>/`, published all at once (bundle/replace-folder.ts):
 * the files are made in memory from the scrubbed investigation, each passes the scrubber once more,
 * and they are written into a temporary sibling that is renamed into place. A failure anywhere
 * leaves no folder, and an existing one is replaced only with `force`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFolderAtomically } from '../bundle/index.js';
import { NightshiftError } from '../core/index.js';
import { METADATA_FILE, RECORDING_FILE, recordingOf } from '../evals/save/index.js';
import type { TraceRecord } from '../tracing/index.js';
import { briefFiles } from './brief-files.js';
import { EVIDENCE_FILE } from './evidence-file.js';
import { type ExportFile, jsonText } from './file.js';
import { buildMetadata, type ExportMetadata } from './metadata.js';
import { readmeFile } from './readme.js';
import { anonymisingScrubber, redactingScrubber, type Scrubber } from './scrub.js';
import type { ExportItem } from './sources.js';
import { traceFiles } from './trace-files.js';

export const TRACE_JSON = 'trace.json';

import type { NightshiftVersion } from './version.js';

export interface FolderOptions {
  out: string;
  force: boolean;
  anonymise: boolean;
  /** Names the anonymiser replaces besides what it finds by form. */
  names: readonly string[];
  version: NightshiftVersion;
  now: number;
  /** Write the folder here instead of `<out>/<id>` (`nightshift replay --out` names it). */
  into?: string;
  /**
   * Files the folder holds besides the usual ones (a backtest case's backtest-case.json), made
   * with the folder's own scrubber so a value has one token in them too.
   */
  extra?: (scrub: Scrubber) => ExportFile[];
}

/** A line of the export's index: what the folder holds, in a few words. */
export interface IndexRow {
  id: string;
  alert: string;
  service: string;
  rootCause: string;
  category: string;
  confidence: string;
  grade?: string;
  /** Relative to the export's top folder. */
  folder: string;
}

const HINTS = {
  exists: 'Pass --force to replace it once the new one is complete, or choose another --out.',
  notFolder: 'Choose another --out folder.',
};

/** Writes `item`'s folder under `options.out` and returns its index row. */
export async function exportFolder(item: ExportItem, options: FolderOptions): Promise<IndexRow> {
  const scrub = options.anonymise ? anonymisingScrubber(item, options.names) : redactingScrubber();
  const { files, metadata } = folderFiles(item, scrub, options);
  const folder = folderName(metadata.investigationId, item.id);
  await writeFolderAtomically(
    options.into ?? join(options.out, folder),
    { force: options.force, hints: HINTS },
    async (temp) => {
      for (const file of files) {
        const path = join(temp, ...file.path.split('/'));
        await mkdir(dirname(path), { recursive: true });
        const text = scrub.text(file.text);
        await writeFile(path, file.gzip ? gzipSync(text) : text);
      }
    },
  );
  const r = metadata.report.rootCause;
  return {
    id: metadata.investigationId,
    alert: metadata.alert.name,
    service: metadata.alert.service,
    rootCause: r.service,
    category: r.category,
    confidence: r.confidence,
    ...(metadata.grade === undefined ? {} : { grade: metadata.grade }),
    folder,
  };
}

/**
 * Every file of the folder, README last (it lists the others). What the files show is made from
 * the scrubbed parts only, so a value has one token in all of them.
 */
export function folderFiles(
  item: ExportItem,
  scrub: Scrubber,
  options: Pick<FolderOptions, 'version' | 'now' | 'extra'>,
): { files: ExportFile[]; metadata: ExportMetadata } {
  const id = scrub.id(item.id);
  const alert = scrub.deep(item.found.alert);
  const report = scrub.deep(item.found.report);
  const trace = item.found.trace && scrub.trace(item.found.trace);
  const feedback = scrub.deep(item.found.feedback);
  const alerts = scrub.deep(item.alerts);
  const files: ExportFile[] = [
    ...briefFiles({ id, alert, alerts, report }),
    ...(trace ? [...traceFiles(trace), traceJsonFile(trace)] : []),
    ...(item.evidence === undefined ? [] : [evidenceFile(scrub.deep(item.evidence))]),
    ...(options.extra?.(scrub) ?? []),
  ];
  let recording: ExportMetadata['recording'];
  try {
    const made = recordingOf({
      ...item.found,
      source: `investigation ${id}`,
      alert,
      report,
      feedback,
      ...(trace ? { trace } : {}),
    });
    files.push({
      path: RECORDING_FILE,
      text: jsonText(made.recording),
      about:
        'the recorded interaction (alert, context, baseline report, every tool call): what `nightshift eval save` and replay read',
      code: ['src/evals/save/recording.ts (recordingOf)', 'src/evals/recording/schema.ts'],
    });
    recording = { written: true, notes: made.notes };
  } catch (error) {
    if (!(error instanceof NightshiftError) || error.code !== 'BAD_INPUT') throw error;
    recording = { written: false, reason: error.message };
  }
  const metadata = buildMetadata({
    id,
    item,
    report,
    trace,
    feedback,
    ...(item.incidentId === undefined ? {} : { incidentId: scrub.text(item.incidentId) }),
    ...(item.notes === undefined ? {} : { notes: item.notes.map((n) => scrub.text(n)) }),
    recording,
    anonymised: scrub.anonymised,
    replaced: scrub.replaced(),
    version: options.version,
    now: options.now,
  });
  files.push({
    path: METADATA_FILE,
    text: jsonText(metadata),
    about:
      'ids, times, status, brain, models, tokens and cost (trace totals), root cause, grade and feedback, the Nightshift version',
    code: ['src/export/metadata.ts', 'src/tracing/totals.ts (traceTotals)'],
  });
  files.push(readmeFile(metadata, files));
  return { files, metadata };
}

/** The whole trace as stored (scrubbed): what `nightshift diff` and scripts read. */
function traceJsonFile(trace: TraceRecord): ExportFile {
  return {
    path: TRACE_JSON,
    text: jsonText(trace),
    about:
      'the whole trace as JSON (every span with its kind, times, attributes, tokens and errors): what `nightshift diff` reads',
    code: ['src/tracing/ (TraceRecord)', 'src/investigate/run.ts'],
  };
}

/** Compact JSON (the evidence is the bulk of a folder), gzip'd when written. */
function evidenceFile(evidence: unknown): ExportFile {
  return {
    path: EVIDENCE_FILE,
    text: JSON.stringify(evidence),
    gzip: true,
    about:
      "what the investigation collected (telemetry, changes, events, history, missing sources, topology), gzip'd JSON: what `nightshift replay <this folder>` re-runs the investigation from",
    code: ['src/investigate/evidence.ts (the schema)', 'src/investigate/run.ts (withToolContext)'],
  };
}

/** The folder is named by the id; one that is not a plain file name is refused rather than escaped. */
function folderName(id: string, original: string): string {
  if (id === '' || id === '.' || id === '..' || /[/\\\0]/.test(id)) {
    throw new NightshiftError('BAD_INPUT', `investigation "${original}": its id cannot name a folder`, {
      hint: 'Export it by the id the store or `nightshift investigate` gave it.',
    });
  }
  return id;
}
