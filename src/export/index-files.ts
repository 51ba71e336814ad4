/**
 * The top folder's `index.md` and `index.json` when several investigations are exported: one row
 * each, in export order. Written last, each to a temporary file renamed into place, so an index
 * never lists a folder that is not complete.
 */
import { join } from 'node:path';
import { redactString } from '../anonymise/index.js';
import { writeFileAtomic } from '../bundle/index.js';
import { codeSpan, tableCell } from '../investigate/render/index.js';
import type { IndexRow } from './folder.js';

export const INDEX_MD = 'index.md';
export const INDEX_JSON = 'index.json';

export async function writeIndex(out: string, rows: readonly IndexRow[]): Promise<void> {
  await writeAtomically(join(out, INDEX_JSON), `${JSON.stringify({ investigations: rows }, null, 2)}\n`);
  await writeAtomically(join(out, INDEX_MD), indexMarkdown(rows));
}

export function indexMarkdown(rows: readonly IndexRow[]): string {
  const lines = [
    `# Exported investigations (${rows.length})`,
    '',
    'One folder per investigation; each has a README.md saying what its files are (docs/exports.md).',
    '',
    '| id | alert | service | root cause | confidence | grade | folder |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${codeSpan(r.id)} | ${tableCell(r.alert)} | ${tableCell(r.service)} | ${tableCell(`${r.rootCause} (${r.category})`)} | ${r.confidence} | ${r.grade ?? ''} | [${r.folder}/](${r.folder}/README.md) |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, redactString(text));
}
