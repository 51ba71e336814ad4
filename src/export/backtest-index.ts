/**
 * A backtest export's `index.json` and `index.md`: the run (id, name, suite, brain, model, times in
 * epoch ms, summary figures as stored) and one row per case with its folder and verdicts. Written
 * last, each to a temporary file renamed into place, so the index never lists a missing folder.
 */
import { join } from 'node:path';
import { redactString } from '../anonymise/index.js';
import { writeFileAtomic } from '../bundle/index.js';
import { toIso } from '../core/index.js';
import { codeSpan, tableCell } from '../investigate/render/index.js';
import type { BacktestRunRecord } from '../store/index.js';
import { INDEX_JSON, INDEX_MD } from './index-files.js';

export interface BacktestIndexRow {
  /** The case id (the bundle folder relative to the suite). */
  id: string;
  /** The case's folder, relative to the export's top folder. */
  folder: string;
  top1: boolean;
  top3: boolean;
  category: boolean;
  confidence?: string;
  error?: string;
}

export interface BacktestIndex {
  /** The run as the store keeps it (times in epoch ms; `summary` is src/backtest/figures.ts's). */
  backtest: BacktestRunRecord;
  cases: BacktestIndexRow[];
}

export async function writeBacktestIndex(out: string, index: BacktestIndex): Promise<void> {
  await writeFileAtomic(join(out, INDEX_JSON), redactString(`${JSON.stringify(index, null, 2)}\n`));
  await writeFileAtomic(join(out, INDEX_MD), redactString(backtestIndexMarkdown(index)));
}

const mark = (ok: boolean) => (ok ? 'yes' : 'no');

export function backtestIndexMarkdown(index: BacktestIndex): string {
  const { backtest: b, cases } = index;
  const right = (pick: (r: BacktestIndexRow) => boolean) => `${cases.filter(pick).length} of ${cases.length}`;
  const lines = [
    `# Backtest ${codeSpan(b.id)}${b.name === undefined ? '' : ` (${tableCell(b.name)})`}`,
    '',
    `Suite ${codeSpan(b.suite)}, brain ${codeSpan(b.brain)}${b.model === undefined ? '' : `, model ${codeSpan(b.model)}`}; started ${toIso(b.startedAt)}${b.finishedAt === undefined ? ', not finished' : `, finished ${toIso(b.finishedAt)}`}.`,
    `Root cause right: ${right((r) => r.top1)} (top 3: ${right((r) => r.top3)}); category right: ${right((r) => r.category)}.`,
    '',
    "One folder per case; each has a README.md saying what its files are, and backtest-case.json with the case's verdicts (docs/exports.md).",
    '',
    '| case | top-1 | top-3 | category | confidence | error | folder |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...cases.map(
      (r) =>
        `| ${codeSpan(r.id)} | ${mark(r.top1)} | ${mark(r.top3)} | ${mark(r.category)} | ${r.confidence ?? ''} | ${tableCell(r.error ?? '')} | [${r.folder}/](${r.folder}/) |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
