/**
 * `nightshift logs mine <file>`: mines log templates from a file of one message per line (gzip when
 * it ends in .gz) and writes `LineId,EventId,EventTemplate` for every line in input order, or with
 * `--templates` the template table sorted by count. Thin: the mining is analysis/logs.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline, type Readable, type Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import { type MinedTemplate, TemplateMiner } from '../../analysis/index.js';
import { NightshiftError } from '../../core/index.js';

interface MineFlags {
  out?: string;
  templates?: boolean;
}

/** Adds `logs` and its sub-commands to the program. */
export function registerLogs(program: Command): void {
  const logs = program.command('logs').description('Mine log templates from plain log files.');
  logs
    .command('mine')
    .description('Mine the templates of a file of log messages, one per line (.gz is read gunzipped).')
    .argument('<file>', 'log messages, one per line')
    .option('--out <file>', 'write the CSV here (atomically) instead of to stdout')
    .option(
      '--templates',
      'write the template table (EventId,Occurrences,EventTemplate), most frequent first',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  nightshift logs mine app.log > assignments.csv',
        '  nightshift logs mine app.log.gz --out assignments.csv',
        '  nightshift logs mine app.log --templates | head',
      ].join('\n'),
    )
    .action(async (file: string, flags: MineFlags) => {
      const started = performance.now();
      const { miner, handles, lines } = await mineFile(file);
      const templates = miner.templates();
      const rows = flags.templates
        ? templateRows(templates)
        : assignmentRows(miner, handles, lines, templates);
      if (flags.out === undefined) {
        await writeRows(process.stdout, rows);
        return;
      }
      await writeAtomically(flags.out, rows);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `${lines.toLocaleString('en-US')} lines, ${templates.length.toLocaleString('en-US')} templates in ${seconds} s → ${flags.out}\n`,
      );
    });
}

async function mineFile(file: string): Promise<{ miner: TemplateMiner; handles: Int32Array; lines: number }> {
  await checkReadable(file);
  const miner = new TemplateMiner();
  let handles = new Int32Array(4096);
  let lines = 0;
  const input = openLines(file);
  try {
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (lines === handles.length) {
        const grown = new Int32Array(lines * 2);
        grown.set(handles);
        handles = grown;
      }
      handles[lines++] = miner.addMessage(line);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new NightshiftError('BAD_INPUT', `${file}: not a valid gzip file (${(error as Error).message})`, {
        cause: error,
      });
    }
    throw error;
  }
  return { miner, handles, lines };
}

async function checkReadable(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new NightshiftError('NOT_FOUND', `${file}: no such file`, {
        hint: 'Check the path of the log file.',
      });
    }
    throw error;
  });
  if (!info.isFile()) throw new NightshiftError('BAD_INPUT', `${file} is not a file`);
}

function openLines(file: string): Readable {
  const raw = createReadStream(file);
  if (!file.endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  // pipeline carries a read error to gunzip, whose error the line reader then throws.
  pipeline(raw, gunzip, () => {});
  return gunzip;
}

function* assignmentRows(
  miner: TemplateMiner,
  handles: Int32Array,
  lines: number,
  templates: readonly MinedTemplate[],
): Generator<string> {
  const cells = templates.map((t) => `E${t.id},${csvField(t.template)}`);
  yield 'LineId,EventId,EventTemplate';
  for (let i = 0; i < lines; i++) {
    yield `${i + 1},${cells[miner.templateIdOf(handles[i] as number) - 1]}`;
  }
}

function* templateRows(templates: readonly MinedTemplate[]): Generator<string> {
  yield 'EventId,Occurrences,EventTemplate';
  const byCount = [...templates].sort((a, b) => b.count - a.count || a.id - b.id);
  for (const t of byCount) yield `E${t.id},${t.count},${csvField(t.template)}`;
}

/** A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows in chunks, waiting for the stream to drain, so a million lines never sit in memory. */
async function writeRows(out: Writable, rows: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${row}\n`;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk !== '' && !out.write(chunk)) await once(out, 'drain');
}

/** Writes to a temporary sibling and renames it into place, so a failure leaves no half-written file. */
async function writeAtomically(path: string, rows: Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const out = createWriteStream(temp);
  try {
    await once(out, 'open');
    await writeRows(out, rows);
    out.end();
    await once(out, 'finish');
    await rename(temp, path);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}
