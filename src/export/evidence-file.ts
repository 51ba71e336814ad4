/**
 * `evidence.json.gz`: what an investigation collected (src/investigate/evidence.ts), gzip'd JSON. The CLI
 * keeps it beside investigation.json (src/investigate/save.ts), the store in
 * `investigation_evidence`, and an export folder carries it so the investigation replays anywhere.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { NightshiftError } from '../core/index.js';
import { EVIDENCE_FILE, investigationDir } from '../investigate/index.js';

export { EVIDENCE_FILE };

/** The gzip'd JSON in `file`; undefined when there is no such file. BAD_INPUT names a damaged one. */
export async function readEvidenceFile(file: string): Promise<unknown | undefined> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (error) {
    throw new NightshiftError('BAD_INPUT', `${file}: not gzip'd JSON (${(error as Error).message})`, {
      hint: 'The file is damaged; export or save the investigation again.',
    });
  }
}

/**
 * The evidence a CLI-saved investigation kept, found the way loadInvestigation finds the
 * investigation (an id under `home`, a folder, or the folder's investigation.json).
 */
export async function savedEvidence(home: string, idOrPath: string): Promise<unknown | undefined> {
  const candidates = [
    join(investigationDir(home, idOrPath), EVIDENCE_FILE),
    join(idOrPath, EVIDENCE_FILE),
    ...(basename(idOrPath) === 'investigation.json' ? [join(dirname(idOrPath), EVIDENCE_FILE)] : []),
  ];
  for (const file of candidates) {
    const found = await readEvidenceFile(file);
    if (found !== undefined) return found;
  }
  return undefined;
}
