/**
 * The "done when" of anonymised exports: the planted investigation (identifiers and secrets in the
 * alert, tool inputs and results, the report and the feedback), exported from the store with
 * `--anonymise`, leaves none of them in any byte of any file; each value has one token in every
 * file; and `eval save` takes the exported folder. Without `--anonymise`, secrets are still gone.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { survivingSecrets } from '../../testing/anonymise/corpus.js';
import {
  IDENTIFIERS,
  type IdKey,
  LISTED_NAMES,
  NAMED_SERVICE,
  type PlantedInvestigation,
  plantedInvestigation,
  type SavedRecording,
} from '../../testing/anonymise/planted-investigation.js';
import { plantedStore } from '../../testing/anonymise/planted-store.js';
import { tokensIn } from '../../testing/anonymise/template-match.js';
import { plantedEvidence } from '../../testing/export/planted-evidence.js';
import { saveEvalCase } from '../evals/save/index.js';
import { suiteSchema } from '../evals/suite/schema.js';
import { parseEvidence } from '../investigate/index.js';
import type { Store } from '../store/index.js';
import { exportInvestigations } from './export.js';

const KEYS = Object.keys(IDENTIFIERS) as IdKey[];
let dir: string;
let planted: PlantedInvestigation;
let store: Store;
let id: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-planted-'));
  planted = plantedInvestigation();
  ({ store, id } = await plantedStore(planted));
  await store.saveEvidence(id, plantedEvidence(planted), planted.alert.startsAt + 30_000);
  for (const [out, anonymise] of [
    ['anonymised', true],
    ['plain', false],
  ] as const) {
    await exportInvestigations({
      ids: [id],
      out: join(dir, out),
      force: false,
      anonymise,
      names: anonymise ? LISTED_NAMES : [],
      home: join(dir, 'home'),
      store,
      now: Date.parse('2026-03-10T00:00:00Z'),
    });
  }
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Every file of a folder: relative path → text; a `.gz` file both as its bytes (latin1, so a value
 * left uncompressed in it would show) and gunzipped, under its name without `.gz`.
 */
async function folder(root: string): Promise<Map<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(e.parentPath, e.name);
    const name = path.slice(root.length + 1);
    const bytes = await readFile(path);
    files.set(name, bytes.toString(name.endsWith('.gz') ? 'latin1' : 'utf8'));
    if (name.endsWith('.gz')) files.set(name.slice(0, -3), gunzipSync(bytes).toString('utf8'));
  }
  return files;
}

/** The tokens each planted value took, read through the placements from one view of the folder. */
function tokensOf(view: SavedRecording): Map<IdKey, Set<string>> {
  const tokens = new Map<IdKey, Set<string>>();
  for (const placement of planted.placements.filter((p) => !p.where.startsWith('description'))) {
    const text = placement.read({ recording: view, description: '' });
    const found = tokensIn(placement.template, KEYS, text, { prefix: placement.prefix ?? false });
    expect(found, `${placement.where}: "${text}"`).toBeDefined();
    for (const [key, token] of Object.entries(found ?? {}) as [IdKey, string][]) {
      tokens.set(key, (tokens.get(key) ?? new Set()).add(token));
    }
  }
  return tokens;
}

/** The same facts as recording.json holds, read from alert.json, tools/ and metadata.json instead. */
function filesView(files: Map<string, string>): SavedRecording {
  const inputs = [...files.keys()].filter((p) => p.startsWith('tools/inputs/')).sort();
  return {
    alert: JSON.parse(files.get('alert.json') ?? ''),
    baseline: JSON.parse(files.get('metadata.json') ?? '').report,
    toolCalls: inputs.map((p) => {
      const result = JSON.parse(files.get(p.replace('/inputs/', '/results/')) ?? '');
      const tool = /\d+-(.+)\.json$/.exec(p)?.[1] ?? '';
      const input = JSON.parse(files.get(p) ?? '');
      return result?.error === undefined ? { tool, input, result } : { tool, input, error: result.error };
    }),
  };
}

describe('an anonymised export of the planted investigation', () => {
  test('no planted identifier or secret survives in any file, the gzipped evidence included', async () => {
    const files = await folder(join(dir, 'anonymised', id));
    expect(files.has('evidence.json.gz')).toBe(true);
    expect(files.size).toBeGreaterThan(10);
    const all = [...files.values()].join('\n');
    expect(KEYS.filter((k) => all.toLowerCase().includes(IDENTIFIERS[k].value.toLowerCase()))).toEqual([]);
    expect(survivingSecrets(all, planted.secrets).map((s) => s.name)).toEqual([]);
    expect(JSON.parse(files.get('metadata.json') ?? '').anonymised).toBe(true);
  });

  test('each value has the same token in recording.json, the tool files, the report and the markdown', async () => {
    const files = await folder(join(dir, 'anonymised', id));
    const fromRecording = tokensOf(JSON.parse(files.get('recording.json') ?? ''));
    const fromFiles = tokensOf(filesView(files));
    const single = (tokens: Map<IdKey, Set<string>>) =>
      Object.fromEntries(KEYS.map((k) => [k, [...(tokens.get(k) ?? [])]]));
    expect(single(fromFiles)).toEqual(single(fromRecording));
    for (const key of KEYS) expect(fromRecording.get(key)?.size, key).toBe(1);
    const token = (key: IdKey) => [...(fromRecording.get(key) ?? [])][0] ?? '';
    expect(new Set(KEYS.map(token)).size).toBe(KEYS.length);
    expect(files.get('response.md')).toContain(token('podCheckout'));
    expect(files.get('trace.md')).toContain(
      `ERROR connect ECONNREFUSED ${token('ipDb')}:5432 on ${token('hostDb')}`,
    );
    expect(files.get('actions.yaml')).toContain(
      `kubectl -n ${token('nsOrders')} delete pod ${token('podCheckout')}`,
    );
    expect(files.get('message.md')).toContain(token('hostWeb'));
    expect(JSON.parse(files.get('metadata.json') ?? '').feedback.at(-1).rootCause).toContain(token('hostDb'));
  });

  test('evidence.json.gz holds the planted evidence with the same tokens, and still replays', async () => {
    const files = await folder(join(dir, 'anonymised', id));
    const evidence = parseEvidence(JSON.parse(files.get('evidence.json') ?? ''), 'evidence.json.gz');
    const recording = tokensOf(JSON.parse(files.get('recording.json') ?? ''));
    const token = (key: IdKey) => [...(recording.get(key) ?? [])][0] ?? '';
    const logs = evidence.collected.logs.map((l) => l.message).join('\n');
    for (const key of ['podCheckout', 'hostDb', 'ipDb', 'emailJane', 'nsPay'] as const)
      expect(logs, key).toContain(token(key));
    expect(evidence.topology?.services.map((s) => s.name)).toContain('checkout');
    expect(evidence.topology?.services.map((s) => s.name)).not.toContain(NAMED_SERVICE);
  });

  test('the folder keeps the store id as its name (a UUID identifies nothing outside Nightshift)', async () => {
    expect(await readdir(join(dir, 'anonymised'))).toEqual([id]);
  });

  test('eval save makes a case from the exported folder', async () => {
    const suite = join(dir, 'from-export.eval.yaml');
    const result = await saveEvalCase({
      ref: join(dir, 'anonymised', id),
      suite,
      names: LISTED_NAMES,
      yes: true,
      home: join(dir, 'home'),
      openStore: async () => undefined,
    });
    expect(result.written).toBe(true);
    const saved = suiteSchema.parse(parse(await readFile(suite, 'utf8'))).cases[0];
    const rootCause = saved?.assert.find((a) => a.type === 'root-cause')?.value as { service: string };
    // The feedback (kept in metadata.json) named the `initech` service: its pseudonym is expected.
    expect(rootCause.service).toMatch(/^name-\d+$/);
    expect(saved?.description).toContain(id);
  });
});

describe('an export without --anonymise', () => {
  test('redacts every secret and keeps identifiers as recorded', async () => {
    const files = await folder(join(dir, 'plain', id));
    const all = [...files.values()].join('\n');
    expect(survivingSecrets(all, planted.secrets).map((s) => s.name)).toEqual([]);
    expect(all).toContain(IDENTIFIERS.hostDb.value);
    expect(JSON.parse(files.get('metadata.json') ?? '').anonymised).toBe(false);
  });
});
