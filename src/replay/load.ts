/**
 * What `nightshift replay <ref>` re-runs: the evidence of an export folder (evidence.json.gz beside
 * metadata.json), of a folder `nightshift investigate` kept (beside investigation.json, or its id
 * under the Nightshift home), or of an investigation in the configured store (by id). With it, the
 * original report (to compare with) and, from an export, the recorded model answers.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NightshiftError, type Report, reportSchema } from '../core/index.js';
import { type Recording, recordingSchema } from '../evals/recording/schema.js';
import { EVIDENCE_FILE, readEvidenceFile, savedEvidence } from '../export/index.js';
import { type Evidence, investigationDir, loadInvestigation, parseEvidence } from '../investigate/index.js';
import type { Store } from '../store/index.js';

export interface ReplaySource {
  evidence: Evidence;
  /** The original run, to compare the replay with. */
  original: { id: string; report: Report };
  /** An export's recording.json, when there is one (the LLM brain's recorded answers). */
  recording?: Recording;
  /** Where the evidence was read, for messages. */
  where: string;
}

/** How to get evidence, said wherever some is missing. */
const HOW_TO_GET_EVIDENCE =
  'Evidence is kept by `nightshift investigate` and by `nightshift serve` (investigation.keepEvidence, on by default) in this version of Nightshift; an investigation run by an older version, or with keepEvidence off, cannot be replayed. Export it from a store that kept evidence (`nightshift export <id> --out <dir>`), or investigate the bundle again.';

export async function loadReplaySource(
  ref: string,
  sources: {
    home: string;
    /** Opens the configured store; called only when `ref` is not a folder or a CLI id. */
    store: () => Promise<Store | undefined>;
  },
): Promise<ReplaySource> {
  if (await isFile(join(ref, 'metadata.json'))) return fromExport(ref);
  const cliFolder = (await isFile(join(ref, 'investigation.json')))
    ? ref
    : (await isFile(join(investigationDir(sources.home, ref), 'investigation.json')))
      ? investigationDir(sources.home, ref)
      : undefined;
  if (cliFolder !== undefined) return fromCliFolder(cliFolder, sources.home);
  const store = await sources.store();
  const stored = store && (await fromStore(store, ref));
  if (stored) return stored;
  throw new NightshiftError(
    'NOT_FOUND',
    `"${ref}" is not an export folder (no metadata.json), a folder kept by \`nightshift investigate\` (no investigation.json), an id under ${join(sources.home, 'investigations')}, or an investigation in ${store ? `the configured store (${store.dialect})` : 'a store (none is configured, or its database does not exist yet)'}`,
    {
      hint: 'Pass an export folder, an investigation folder, or an id `nightshift investigate` printed or the server reported.',
    },
  );
}

async function fromExport(dir: string): Promise<ReplaySource> {
  const file = join(dir, EVIDENCE_FILE);
  const evidence = await readEvidenceFile(file);
  if (evidence === undefined) throw missingEvidence(file, 'the export folder');
  const metadata = await readJson(join(dir, 'metadata.json'));
  const report = reportSchema.safeParse((metadata as { report?: unknown }).report);
  const recordingFile = join(dir, 'recording.json');
  const recording = (await isFile(recordingFile))
    ? recordingSchema.safeParse(await readJson(recordingFile))
    : undefined;
  if (recording && !recording.success) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${recordingFile}: field "${recording.error.issues[0]?.path.join('.') ?? ''}": ${recording.error.issues[0]?.message ?? 'invalid'}`,
      { hint: 'recording.json is written by `nightshift export`; export the investigation again.' },
    );
  }
  if (!report.success) {
    throw new NightshiftError('BAD_INPUT', `${join(dir, 'metadata.json')}: field "report" is not a report`, {
      hint: 'metadata.json is written by `nightshift export`; export the investigation again.',
    });
  }
  return {
    evidence: parseEvidence(evidence, file),
    original: {
      id: String((metadata as { investigationId?: unknown }).investigationId ?? dir),
      report: report.data,
    },
    ...(recording?.success && { recording: { ...recording.data, source: recordingFile } }),
    where: file,
  };
}

async function fromCliFolder(dir: string, home: string): Promise<ReplaySource> {
  const saved = await loadInvestigation(home, dir);
  const file = join(dir, EVIDENCE_FILE);
  const evidence = await savedEvidence(home, dir);
  if (evidence === undefined) throw missingEvidence(file, 'the investigation folder');
  return {
    evidence: parseEvidence(evidence, file),
    original: { id: saved.id, report: saved.report },
    where: file,
  };
}

async function fromStore(store: Store, id: string): Promise<ReplaySource | undefined> {
  const row = await store.getInvestigation(id);
  if (!row) return undefined;
  const where = `the store's investigation_evidence row "${id}"`;
  const evidence = await store.getEvidence(id);
  if (evidence === undefined) {
    throw new NightshiftError(
      'BAD_INPUT',
      `investigation "${id}" has no evidence in the store (${where} is missing)`,
      {
        hint: HOW_TO_GET_EVIDENCE,
      },
    );
  }
  const report = reportSchema.safeParse(row.report);
  if (!report.success) {
    throw new NightshiftError(
      'BAD_INPUT',
      `investigation "${id}" is ${row.status}: it has no report to compare with`,
      {
        hint: 'Replay an investigation once it is done (`status: done`).',
      },
    );
  }
  return { evidence: parseEvidence(evidence, where), original: { id, report: report.data }, where };
}

function missingEvidence(file: string, what: string): NightshiftError {
  return new NightshiftError('BAD_INPUT', `${file} is missing: ${what} holds no evidence to replay`, {
    hint: HOW_TO_GET_EVIDENCE,
  });
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NightshiftError('BAD_INPUT', `${file}: not JSON (${(error as Error).message})`);
  }
}
