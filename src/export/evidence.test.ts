/**
 * What an export adds for replay and diff: trace.json (the stored trace, as it was kept) and, when
 * the investigation kept its evidence, evidence.json.gz (gzip'd JSON of exactly that evidence);
 * without evidence the file is absent and the README says why and what to do.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AT, llmInvestigation } from '../../testing/export/llm-investigation.js';
import { type InvestigationEvidence, saveInvestigation } from '../investigate/index.js';
import { exportInvestigations } from './export.js';

let dir: string;
let home: string;
let out: string;

const EVIDENCE: InvestigationEvidence = {
  version: 1,
  incidentId: 'inc-latency',
  alert: llmInvestigation('x').alert,
  window: { start: AT - 3_600_000, end: AT + 600_000 },
  range: { start: AT - 1_800_000, end: AT + 600_000 },
  topology: { services: [{ name: 'checkout', kind: 'service', dependsOn: [] }] },
  collected: {
    series: [{ service: 'checkout', metric: 'errors', labels: {}, timestamps: [AT], values: [3] }],
    logs: [{ ts: AT, service: 'checkout', level: 'error', message: 'pool exhausted' }],
    spans: [],
    changes: [],
    events: [],
    history: [],
    missing: [{ source: 'events', reason: 'not configured' }],
    elapsedMs: { metrics: 1, logs: 1, traces: 1, changes: 1, events: 0, history: 1 },
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-evidence-'));
  home = join(dir, 'home');
  out = join(dir, 'out');
  await saveInvestigation(home, { ...llmInvestigation('with-evidence'), evidence: EVIDENCE });
  await saveInvestigation(home, llmInvestigation('without-evidence'));
  await exportInvestigations({
    ids: ['with-evidence', 'without-evidence'],
    out,
    force: false,
    anonymise: false,
    names: [],
    home,
    store: undefined,
    now: AT + 3_600_000,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('trace.json is the trace as the investigation kept it', async () => {
  const trace = JSON.parse(await readFile(join(out, 'with-evidence', 'trace.json'), 'utf8'));
  expect(trace).toEqual(JSON.parse(JSON.stringify(llmInvestigation('with-evidence').trace)));
});

test("evidence.json.gz is the kept evidence, gzip'd, and the README offers the replay", async () => {
  const gz = await readFile(join(out, 'with-evidence', 'evidence.json.gz'));
  expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  expect(JSON.parse(gunzipSync(gz).toString('utf8'))).toEqual(EVIDENCE);
  const readme = await readFile(join(out, 'with-evidence', 'README.md'), 'utf8');
  expect(readme).toContain('| [evidence.json.gz](evidence.json.gz) |');
  expect(readme).toContain('nightshift replay <this folder>');
  expect(readme).not.toContain('No evidence was kept');
});

test('without evidence the file is absent and the README says so', async () => {
  expect(await readdir(join(out, 'without-evidence'))).not.toContain('evidence.json.gz');
  expect(await readFile(join(out, 'without-evidence', 'README.md'), 'utf8')).toMatch(
    /No evidence was kept with this investigation \(evidence\.json\.gz is absent\).*docs\/replay\.md/,
  );
});
