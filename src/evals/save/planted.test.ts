/**
 * The "done when" test of save-as-eval: a recorded investigation with 80 planted sensitive values
 * of 25 kinds (identifiers in the alert, tool inputs and results, the report and the feedback, and
 * the whole secret corpus) is saved from the store as a case. None survives in the written suite
 * file's bytes; each identifier has one token everywhere, distinct values have distinct tokens; the
 * case parses with the suite schema and expects a (pseudonymised) service of its context.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { survivingSecrets } from '../../../testing/anonymise/corpus.js';
import {
  IDENTIFIERS,
  type IdKey,
  LISTED_NAMES,
  type PlantedInvestigation,
  plantedInvestigation,
  type SavedRecording,
} from '../../../testing/anonymise/planted-investigation.js';
import { plantedStore } from '../../../testing/anonymise/planted-store.js';
import { tokensIn } from '../../../testing/anonymise/template-match.js';
import { recordingSchema } from '../recording/schema.js';
import { suiteSchema } from '../suite/schema.js';
import { type SaveResult, saveEvalCase } from './save.js';

const KEYS = Object.keys(IDENTIFIERS) as IdKey[];
let dir: string;
let planted: PlantedInvestigation;
let result: SaveResult;
let bytes: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-save-planted-'));
  planted = plantedInvestigation();
  const { store, id } = await plantedStore(planted);
  const suite = join(dir, 'saved.eval.yaml');
  result = await saveEvalCase({
    ref: id,
    suite,
    names: LISTED_NAMES,
    yes: true,
    home: join(dir, 'home'),
    openStore: async () => store,
  });
  bytes = await readFile(suite, 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a saved case with 50+ planted sensitive values', () => {
  test('the fixture plants at least 50 values of at least 10 kinds', () => {
    const kinds = new Set([
      ...Object.values(IDENTIFIERS).map((i) => i.kind),
      ...planted.secrets.map((s) => s.kind),
    ]);
    expect(KEYS.length + planted.secrets.length).toBeGreaterThanOrEqual(50);
    expect(kinds.size).toBeGreaterThanOrEqual(10);
  });

  test('no planted identifier survives in the suite file', () => {
    const lower = bytes.toLowerCase();
    const surviving = KEYS.filter((k) => lower.includes(IDENTIFIERS[k].value.toLowerCase()));
    expect(surviving).toEqual([]);
  });

  test('no planted secret survives in the suite file, whole or in part', () => {
    expect(survivingSecrets(bytes, planted.secrets).map((s) => s.name)).toEqual([]);
  });

  test('each value has one token in every place it was planted, and distinct values distinct tokens', () => {
    const saved = parsedCase();
    const tokens = new Map<IdKey, Set<string>>();
    for (const placement of planted.placements) {
      const text = placement.read({ recording: saved.recording, description: saved.description });
      const found = tokensIn(placement.template, KEYS, text, { prefix: placement.prefix ?? false });
      expect(found, `${placement.where}: "${text}"`).toBeDefined();
      for (const [key, token] of Object.entries(found ?? {}) as [IdKey, string][]) {
        tokens.set(key, (tokens.get(key) ?? new Set()).add(token));
      }
    }
    expect(KEYS.filter((k) => !tokens.has(k))).toEqual([]);
    const inconsistent = [...tokens]
      .filter(([, set]) => set.size !== 1)
      .map(([k, set]) => `${k}: ${[...set]}`);
    expect(inconsistent).toEqual([]);
    const single = KEYS.map((k) => [...(tokens.get(k) ?? [])][0] ?? '');
    expect(new Set(single).size).toBe(KEYS.length);
    for (const [i, key] of KEYS.entries()) expect(single[i]).not.toBe(IDENTIFIERS[key].value);
  });

  test('the case parses with the suite schema and expects a service of its pseudonymised context', () => {
    const suite = suiteSchema.parse(parse(bytes));
    expect(suite.target).toEqual({ type: 'investigation', brain: 'llm' });
    const saved = suite.cases[0];
    const recording = recordingSchema.parse(saved?.input.recording);
    const rootCause = saved?.assert.find((a) => a.type === 'root-cause')?.value as {
      service: string;
      category?: string;
    };
    // The feedback named `initech`, a service called after a listed customer: it is pseudonymised,
    // and the expectation, the services map and the report agree on its token.
    const token = tokensIn((v) => v.nameInitech, KEYS, rootCause.service)?.nameInitech;
    expect(rootCause).toEqual({ service: token, category: 'dependency_outage' });
    expect(token).toMatch(/^name-\d+$/);
    expect(Object.keys(recording.context.services)).toContain(rootCause.service);
    expect(recording.context.services.checkout).toEqual(['payments', rootCause.service]);
    expect(saved?.tags).toEqual(['saved']);
    expect(saved?.assert.map((a) => a.type)).toEqual(['root-cause', 'evidence-cited', 'actions-safe']);
    expect(recording.modelCalls).toEqual([]);
    expect(recording.toolCalls.map((c) => c.tool)).toContain('query_metrics');
  });

  test('the preview reports replacements of at least 10 kinds, never an original', () => {
    expect(result.replaced.length).toBeGreaterThanOrEqual(10);
    const shown = JSON.stringify(result.replaced);
    expect(KEYS.filter((k) => shown.includes(IDENTIFIERS[k].value))).toEqual([]);
    expect(result.written).toBe(true);
    expect(result.created).toBe(true);
  });
});

function parsedCase(): { recording: SavedRecording; description: string } {
  const saved = (parse(bytes) as { cases: { input: { recording: SavedRecording }; description: string }[] })
    .cases[0];
  if (!saved) throw new Error('no case written');
  return { recording: saved.input.recording, description: saved.description };
}
