/** Where a diff reads a run from, and how it refuses what it cannot read. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { llmInvestigation, llmTrace, REPORT } from '../../testing/export/llm-investigation.js';
import { saveInvestigation } from '../investigate/index.js';
import { loadRun } from './load.js';

let dir: string;
let sources: { cwd: string; home: string; store: undefined };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diff-load-'));
  sources = { cwd: dir, home: join(dir, 'home'), store: undefined };
  await folder('export', { 'report.json': JSON.stringify(REPORT), 'trace.json': JSON.stringify(llmTrace()) });
  await saveInvestigation(sources.home, llmInvestigation('inv-saved'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(path, file), text);
  return path;
}

test.each([
  { name: 'an export folder', ref: 'export', where: () => join(dir, 'export') },
  { name: 'a file of an export folder', ref: 'export/report.json', where: () => join(dir, 'export') },
  { name: 'a saved investigation by id', ref: 'inv-saved', where: () => 'investigation inv-saved' },
  {
    name: 'a saved investigation folder',
    ref: 'home/investigations/inv-saved',
    where: () => join(dir, 'home/investigations/inv-saved'),
  },
])('reads $name', async ({ ref, where }) => {
  const run = await loadRun(ref, sources);
  expect(run.where).toBe(where());
  expect(run.report.rootCause.service).toBe('payments-db');
  expect(run.trace.spans.length).toBeGreaterThan(3);
});

test.each<{ name: string; files: Record<string, string>; message: string }>([
  {
    name: 'a folder of neither kind',
    files: { 'notes.txt': 'x' },
    message: 'neither an export folder (no report.json) nor an investigation folder (no investigation.json)',
  },
  {
    name: 'an export without its trace',
    files: { 'report.json': JSON.stringify(REPORT) },
    message: 'trace.json does not exist',
  },
  {
    name: 'a report that is not JSON',
    files: { 'report.json': '{"cut', 'trace.json': JSON.stringify(llmTrace()) },
    message: 'report.json: not JSON',
  },
  {
    name: 'a report with a bad field',
    files: {
      'report.json': JSON.stringify({ ...REPORT, rootCause: { ...REPORT.rootCause, confidence: 'SURE' } }),
      'trace.json': JSON.stringify(llmTrace()),
    },
    message: 'report.json: field "report.rootCause.confidence"',
  },
  {
    name: 'a trace with a bad field',
    files: {
      'report.json': JSON.stringify(REPORT),
      'trace.json': JSON.stringify({ ...llmTrace(), spans: [{ id: 's1' }] }),
    },
    message: 'trace.json: field "trace.spans.0.name"',
  },
])('refuses $name, naming the file', async ({ name, files, message }) => {
  const path = await folder(name.replaceAll(' ', '-'), files);
  await expect(loadRun(path, sources)).rejects.toMatchObject({
    code: 'BAD_INPUT',
    message: expect.stringContaining(message),
  });
});

test('an id that names nothing is NOT_FOUND', async () => {
  await expect(loadRun('inv-nowhere', sources)).rejects.toMatchObject({ code: 'NOT_FOUND' });
});
