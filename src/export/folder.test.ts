/**
 * One exported folder of an LLM investigation the CLI kept: every file is there and parses, the
 * README lists exactly the files present, trace.md holds the tree, prompts and tool calls are
 * numbered in start order, and an existing folder is replaced only with `force`.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { AT, llmInvestigation, MODELS, REPORT, TOOL_CALLS } from '../../testing/export/llm-investigation.js';
import { ACTION_KINDS } from '../core/index.js';
import { recordingSchema } from '../evals/recording/schema.js';
import { exportMetadataSchema } from '../evals/save/index.js';
import { saveInvestigation } from '../investigate/index.js';
import { formatTraceTree } from '../tracing/index.js';
import { APPROVAL_STATE } from './brief-files.js';
import { exportInvestigations } from './export.js';

let dir: string;
let home: string;
let out: string;
const ID = 'inc-latency-20260402t091500z';
/** A CLI id made from an incident id that names a host. */
const HOST_ID = 'web-07.eu-west.acme-corp.com-20260402091500';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-folder-'));
  home = join(dir, 'home');
  out = join(dir, 'out');
  await saveInvestigation(home, llmInvestigation(ID));
  await saveInvestigation(home, llmInvestigation('no-context', { context: false }));
  await saveInvestigation(home, llmInvestigation(HOST_ID));
  await exportInvestigations(options([ID]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(ids: string[], extra: { force?: boolean } = {}) {
  return {
    ids,
    out,
    force: extra.force ?? false,
    anonymise: false,
    names: [],
    home,
    store: undefined,
    now: AT + 3_600_000,
  };
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

const read = (...parts: string[]) => readFile(join(out, ...parts), 'utf8');

describe('an exported folder', () => {
  test('holds every file, and each JSON and YAML file parses', async () => {
    const files = await filesUnder(join(out, ID));
    expect(files).toEqual([
      'README.md',
      'actions.yaml',
      'alert.json',
      'message.md',
      'metadata.json',
      'postmortem.md',
      'prompts/01-prompt-claude-test-1.md',
      'prompts/02-prompt-claude-test-2.md',
      'recording.json',
      'report.json',
      'response.md',
      'tools/inputs/01-query_metrics.json',
      'tools/inputs/02-search_logs.json',
      'tools/inputs/03-recent_changes.json',
      'tools/results/01-query_metrics.json',
      'tools/results/02-search_logs.json',
      'tools/results/03-recent_changes.json',
      'trace.json',
      'trace.md',
    ]);
    for (const f of files.filter((f) => f.endsWith('.json'))) JSON.parse(await read(ID, f));
    expect(JSON.parse(await read(ID, 'report.json'))).toEqual(REPORT);
    expect(recordingSchema.safeParse(JSON.parse(await read(ID, 'recording.json'))).success).toBe(true);
    for (const f of files.filter((f) => f.endsWith('.md')))
      expect((await read(ID, f)).length).toBeGreaterThan(50);
  });

  test('README lists every file present, and no other', async () => {
    const readme = await read(ID, 'README.md');
    const listed = [...readme.matchAll(/^\| \[([^\]]+)\]\(/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(await filesUnder(join(out, ID)));
    expect(readme).toContain('src/investigate/brains/llm/investigator.prompt.ts');
  });

  test('metadata has ids, models, totals from the trace, and reads as eval save reads it', async () => {
    const metadata = JSON.parse(await read(ID, 'metadata.json'));
    expect(metadata).toMatchObject({
      investigationId: ID,
      incidentId: 'inc-latency',
      origin: 'cli',
      status: 'done',
      brain: 'llm',
      models: [...MODELS],
      totals: { prompts: 2, toolCalls: 3, errors: 1, inputTokens: 3000, outputTokens: 300 },
      rootCause: { service: 'payments-db', confidence: 'HIGH' },
      recording: { written: true },
      anonymised: false,
      notes: ['a note from the run'],
      times: { startedAt: '2026-04-02T09:15:00.000Z', finishedAt: '2026-04-02T09:15:00.500Z' },
    });
    expect(metadata.totals.costUsd).toBeCloseTo(0.03);
    expect(metadata.nightshift.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(exportMetadataSchema.parse(metadata).report).toEqual(REPORT);
  });

  test('trace.md holds the span tree and links each span to its files', async () => {
    const trace = await read(ID, 'trace.md');
    expect(trace).toContain(formatTraceTree(llmInvestigation(ID).trace));
    expect(trace).toContain('ERROR changes source timed out');
    expect(trace).not.toContain('\u001b[');
    const rows = [...trace.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(['prompt-1', 'call-1', 'call-2', 'call-3', 'prompt-2']);
    expect(trace).toContain(
      '| `call-3` | tool recent_changes | error | 20 | [tools/inputs/03-recent_changes.json]',
    );
  });

  test('prompts and tool calls are numbered in start order with their contents', async () => {
    expect(await read(ID, 'prompts/01-prompt-claude-test-1.md')).toContain('question 1');
    expect(await read(ID, 'prompts/02-prompt-claude-test-2.md')).toMatch(
      /question 2[\s\S]*## Output\n\n```text\nanswer 2/,
    );
    for (const [i, [tool, input, output]] of TOOL_CALLS.entries()) {
      const name = `0${i + 1}-${tool}.json`;
      expect(JSON.parse(await read(ID, 'tools/inputs', name))).toEqual(input);
      expect(JSON.parse(await read(ID, 'tools/results', name))).toEqual(output);
    }
  });

  test('actions are safest first with their rank and approval state', async () => {
    const { actions } = parse(await read(ID, 'actions.yaml')) as {
      actions: { rank: number; kind: string; approval: string }[];
    };
    expect(actions.map((a) => [a.rank, a.kind])).toEqual([
      [ACTION_KINDS.indexOf('restart') + 1, 'restart'],
      [ACTION_KINDS.indexOf('scale') + 1, 'scale'],
      [ACTION_KINDS.indexOf('investigate') + 1, 'investigate'],
    ]);
    expect(actions.every((a) => a.approval === APPROVAL_STATE)).toBe(true);
  });

  test('message.md is the Slack brief, response.md and postmortem.md the markdown renderings', async () => {
    const message = await read(ID, 'message.md');
    expect(message).toContain(`Investigation \`${ID}\``);
    expect(message).toContain('payments-db');
    expect(await read(ID, 'response.md')).toMatch(/^# Incident inc-latency/);
    expect(await read(ID, 'postmortem.md')).toMatch(/^# Postmortem \(draft\)/);
  });

  test('without the recorded context, recording.json is left out and the README says why', async () => {
    await exportInvestigations(options(['no-context']));
    const files = await filesUnder(join(out, 'no-context'));
    expect(files).not.toContain('recording.json');
    expect(await read('no-context', 'README.md')).toMatch(
      /recording\.json was not written: .*predates recorded context/,
    );
    expect(JSON.parse(await read('no-context', 'metadata.json')).recording.written).toBe(false);
  });

  test('an existing folder is kept without force and replaced with it', async () => {
    await expect(exportInvestigations(options([ID]))).rejects.toThrow(/already exists/);
    const before = JSON.parse(await read(ID, 'metadata.json')).exportedAt;
    await exportInvestigations({ ...options([ID], { force: true }), now: AT + 7_200_000 });
    expect(JSON.parse(await read(ID, 'metadata.json')).exportedAt).not.toBe(before);
    expect((await readdir(out)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('an unknown id names where it looked and the closest id', async () => {
    await expect(exportInvestigations(options(['inc-latency-20260402t091500']))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(join(home, 'investigations')),
      hint: `Did you mean "${ID}"?`,
    });
  });

  test('with --anonymise, an id that holds a host is anonymised in the folder name and every file', async () => {
    const anonymised = join(dir, 'anonymised');
    await exportInvestigations({ ...options([HOST_ID]), out: anonymised, anonymise: true });
    const [name, ...rest] = await readdir(anonymised);
    expect(rest).toEqual([]);
    expect(name).toMatch(/^host-\d+\.example\.\w+-20260402091500$/);
    const files = await filesUnder(join(anonymised, name ?? ''));
    for (const f of files)
      expect(await readFile(join(anonymised, name ?? '', f), 'utf8'), f).not.toContain('acme-corp');
    expect(
      JSON.parse(await readFile(join(anonymised, name ?? '', 'metadata.json'), 'utf8')).investigationId,
    ).toBe(name);
    expect(await readFile(join(anonymised, name ?? '', 'message.md'), 'utf8')).toContain(
      `Investigation \`${name}\``,
    );
  });
});
