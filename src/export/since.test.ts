/**
 * `--since` picks the investigations from an instant on, from the CLI's folder and the store, done
 * ones only, across store pages (rows sharing the page's last instant included once); and an
 * export that fails half-way leaves the folders before it complete and nothing else.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AT, llmInvestigation } from '../../testing/export/llm-investigation.js';
import { storeWith } from '../../testing/export/store.js';
import { DAY_MS, HOUR_MS } from '../core/index.js';
import { saveInvestigation } from '../investigate/index.js';
import type { Store } from '../store/index.js';
import { exportInvestigations } from './export.js';
import { idsSince, parseSince } from './since.js';

const NOW = AT + 10 * DAY_MS;
let dir: string;
let home: string;
const stores: Store[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-since-'));
  home = join(dir, 'home');
  await saveInvestigation(home, llmInvestigation('cli-recent', { startedAt: NOW - 2 * HOUR_MS }));
  await saveInvestigation(home, llmInvestigation('cli-old', { startedAt: NOW - 9 * DAY_MS }));
});

afterAll(async () => {
  for (const store of stores) await store.close();
  await rm(dir, { recursive: true, force: true });
});

test.each([
  { text: '36h', expected: NOW - 36 * HOUR_MS },
  { text: '7d', expected: NOW - 7 * DAY_MS },
  { text: '2026-04-05', expected: Date.parse('2026-04-05T00:00:00Z') },
  { text: '2026-04-05T12:30:00+02:00', expected: Date.parse('2026-04-05T10:30:00Z') },
])('parseSince: $text', ({ text, expected }) => {
  expect(parseSince(text, NOW)).toBe(expected);
});

test('parseSince refuses what is neither a duration nor a date, naming the flag', () => {
  expect(() => parseSince('last week', NOW)).toThrow(/--since "last week": not a duration or a date/);
});

describe('idsSince', () => {
  test('gives the CLI and store investigations since the instant, done ones only, each once across pages', async () => {
    const { store, ids } = await storeWith([
      { at: NOW - 3 * DAY_MS },
      { at: NOW - DAY_MS },
      { at: NOW - HOUR_MS },
      { at: NOW - HOUR_MS },
      { at: NOW - HOUR_MS },
      { at: NOW - 30 * 60_000, state: 'queued' },
    ]);
    stores.push(store);
    const [, dayAgo, tie1, tie2, tie3] = ids as [string, string, string, string, string];
    for (const pageSize of [1, 2, 100]) {
      const got: string[] = [];
      for await (const id of idsSince(NOW - 36 * HOUR_MS, { home, store }, pageSize)) got.push(id);
      expect(got.slice(0, 1), `page size ${pageSize}`).toEqual(['cli-recent']);
      expect(got.slice(1, 4).sort(), `page size ${pageSize}`).toEqual([tie1, tie2, tie3].sort());
      expect(got.slice(4), `page size ${pageSize}`).toEqual([dayAgo]);
    }
  });
});

describe('an export that fails half-way', () => {
  test('leaves the folders before the failure complete, no temporary folders and no index', async () => {
    const { store, ids } = await storeWith([
      { at: NOW - 3 * HOUR_MS },
      { at: NOW - 2 * HOUR_MS, state: 'bad' },
      { at: NOW - HOUR_MS },
    ]);
    stores.push(store);
    const out = join(dir, 'half');
    const exported: string[] = [];
    await expect(
      exportInvestigations({
        ids,
        out,
        force: false,
        anonymise: false,
        names: [],
        home,
        store,
        now: NOW,
        onExported: (row) => exported.push(row.id),
      }),
    ).rejects.toThrow(
      new RegExp(
        `export stopped at investigation "${ids[1]}": .*stored report does not parse[\\s\\S]*the 1 folder\\(s\\) exported before it are complete`,
      ),
    );
    expect(exported).toEqual([ids[0]]);
    expect(await readdir(out)).toEqual([ids[0]]);
    expect((await readdir(join(out, ids[0] ?? ''))).length).toBeGreaterThan(10);
    JSON.parse(await readFile(join(out, ids[0] ?? '', 'metadata.json'), 'utf8'));
  });

  test('a whole --since export gets an index listing every folder', async () => {
    const { store, ids } = await storeWith([{ at: NOW - 3 * HOUR_MS }, { at: NOW - HOUR_MS }]);
    stores.push(store);
    const out = join(dir, 'whole');
    const result = await exportInvestigations({
      sinceMs: NOW - 5 * HOUR_MS,
      out,
      force: false,
      anonymise: false,
      names: [],
      home,
      store,
      now: NOW,
    });
    expect(result.indexed).toBe(true);
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8'));
    expect(index.investigations.map((r: { id: string }) => r.id)).toEqual(['cli-recent', ids[1], ids[0]]);
    expect(index.investigations[1]).toEqual({
      id: ids[1],
      alert: 'CheckoutLatency',
      service: 'checkout',
      rootCause: 'payments-db',
      category: 'resource_cpu',
      confidence: 'HIGH',
      folder: ids[1],
    });
    const md = await readFile(join(out, 'index.md'), 'utf8');
    for (const row of index.investigations) expect(md).toContain(`[${row.folder}/](${row.folder}/README.md)`);
    expect((await readdir(out)).sort()).toEqual(['cli-recent', 'index.json', 'index.md', ...ids].sort());
  });
});
