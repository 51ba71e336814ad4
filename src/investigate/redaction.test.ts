/**
 * The whole planted-secret corpus in a bundle's logs (messages and attributes), spans, changes,
 * events and history, then an investigation: no planted value may appear in the investigation
 * (report, notes, trace), in what is saved, or in any rendering (markdown, JSON, Slack, terminal).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { plantedSecrets, survivingSecrets } from '../../testing/anonymise/corpus.js';
import { writePlantedBundle } from '../../testing/anonymise/planted-bundle.js';
import { scriptedModel } from '../../testing/llm/scripted-model.js';
import { type Brain, brains, createLlmBrain } from './brains/index.js';
import type { Collected } from './collect.js';
import { investigationFiles } from './files.js';
import { renderJson, renderMarkdown, renderSlackBlocks, renderTerminal } from './render/index.js';
import { investigateBundle } from './run.js';
import { saveInvestigation } from './save.js';

const corpus = plantedSecrets();
let root: string;
let bundle: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ns-redaction-'));
  bundle = join(root, 'bundle');
  await writePlantedBundle(bundle, corpus);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('the bundle really holds every planted secret (the check below could fail)', async () => {
  const raw = await Promise.all(
    ['logs.jsonl', 'traces.jsonl', 'changes.jsonl', 'events.jsonl', 'history.jsonl'].map((f) =>
      readFile(join(bundle, f), 'utf8'),
    ),
  );
  expect(survivingSecrets(raw.join('\n'), corpus)).toEqual(corpus);
});

test('built-in brain: no planted secret in the investigation, its files or any rendering', async () => {
  const inv = await investigateBundle(bundle, { now: () => Date.UTC(2026, 2, 2, 15) });
  const home = join(root, 'home-builtin');
  const saved = await saveInvestigation(home, inv);
  const outputs = [
    JSON.stringify(inv),
    await readFile(join(saved, 'investigation.json'), 'utf8'),
    ...Object.values(investigationFiles(inv)),
    renderMarkdown(inv.report),
    renderJson(inv.report),
    JSON.stringify(renderSlackBlocks(inv.report)),
    renderTerminal(inv.report, { color: false }),
  ];
  expect(survivingSecrets(outputs.join('\n'), corpus).map((p) => p.name)).toEqual([]);
  // The planted lines were read and reasoned about, only with markers in place of the secrets.
  expect(JSON.stringify(inv)).toContain('[REDACTED:');
});

test('the brain is handed redacted telemetry: analysis never sees a secret', async () => {
  const seen: Collected[] = [];
  const watching: Brain = {
    name: 'watching',
    investigate: (input) => {
      seen.push(input.ctx.data);
      return brains.builtin.investigate(input);
    },
  };
  await investigateBundle(bundle, { brain: watching, now: () => Date.UTC(2026, 2, 2, 15) });
  expect(seen).toHaveLength(1);
  const data = JSON.stringify(seen[0]);
  expect(data).toContain('[REDACTED:');
  expect(survivingSecrets(data, corpus).map((p) => p.name)).toEqual([]);
});

test('LLM brain: tool results (sql over raw rows, search_logs) and a provider error that echoes a key', async () => {
  const leakedKey = corpus.find((p) => p.kind === 'anthropic_key')?.secret ?? '';
  const urlPassword = corpus.find((p) => p.kind === 'url_password')?.secret ?? '';
  const fast = scriptedModel(
    [
      {
        toolCalls: [
          { name: 'sql', input: { query: 'select message, attrs from logs', maxRows: 200 } },
          { name: 'search_logs', input: { text: 'e', limit: 200 } },
          { name: 'recent_changes', input: {} },
        ],
      },
      {
        error: new Error(
          `401 invalid x-api-key ${leakedKey} calling https://gateway-user:${urlPassword}@llm.internal/v1/messages`,
        ),
      },
    ],
    'fast-model',
  );
  const brain = createLlmBrain(
    { maxSteps: 4, timeoutMs: 10_000 },
    {
      fast: { model: fast, id: 'fast-model' },
      strong: { model: scriptedModel([], 'strong-model'), id: 'strong-model' },
      provider: 'scripted',
    },
  );
  const inv = await investigateBundle(bundle, { brain, now: () => Date.UTC(2026, 2, 2, 15) });
  expect(inv.notes).toEqual([
    expect.stringMatching(
      /^the LLM brain failed \(401 invalid x-api-key \[REDACTED:anthropic_key\] calling https:\/\/gateway-user:\[REDACTED:url_password\]@llm\.internal/,
    ),
  ]);
  const toolOutputs = inv.trace.spans
    .filter((s) => s.kind === 'tool')
    .map((s) => JSON.stringify(s.attributes));
  expect(toolOutputs.join('\n')).toContain('[REDACTED:');
  const outputs = [JSON.stringify(inv), ...Object.values(investigationFiles(inv))];
  expect(survivingSecrets(outputs.join('\n'), corpus).map((p) => p.name)).toEqual([]);
});
