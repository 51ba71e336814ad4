/**
 * Accuracy you can quote, end to end: a SQLite store filled through the store's own intake,
 * results and feedback, read by `nightshift accuracy` (in-process) and by `GET /api/accuracy`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AccuracyReport } from '../../src/accuracy/index.js';
import type { Confidence, Report, RootCauseCategory } from '../../src/core/index.js';
import { createApp } from '../../src/server/app.js';
import { type Grade, openStore, type Store } from '../../src/store/index.js';
import { checkoutBadDeploy } from '../../testing/investigate/reports.js';
import { runCli } from './cli.js';

const DAY_MS = 86_400_000;
const API_TOKEN = 'api-token-0123456789abcdef';

interface Planted {
  service: string;
  labels: Record<string, string>;
  daysAgo: number;
  answer?: { category: RootCauseCategory; confidence: Confidence };
  /** Feedback in the order given; the last one counts. */
  grades: { grade: Grade; category?: string }[];
}

const checkout = { service: 'checkout', labels: { tenant: 'acme' }, daysAgo: 3 };
const deployHigh = { category: 'bad_deploy', confidence: 'HIGH' } as const;
const orders = { service: 'orders', labels: { team: 'payments' }, daysAgo: 1 };

/** In the last 30 days: 15 confirmed (12 right, 1 partly, 2 wrong), one unconfirmed, one without a report. */
const PLANTED: Planted[] = [
  ...Array.from({ length: 9 }, () => ({
    ...checkout,
    answer: deployHigh,
    grades: [{ grade: 'correct' as const }],
  })),
  // Re-graded: first wrong, then correct. Only the latest counts.
  { ...checkout, answer: deployHigh, grades: [{ grade: 'wrong' }, { grade: 'correct' }] },
  { ...checkout, answer: { ...deployHigh, confidence: 'MEDIUM' }, grades: [{ grade: 'partly_correct' }] },
  { ...checkout, answer: deployHigh, grades: [{ grade: 'wrong', category: 'database' }] },
  { ...orders, answer: { category: 'database', confidence: 'MEDIUM' }, grades: [{ grade: 'correct' }] },
  { ...orders, answer: { category: 'database', confidence: 'MEDIUM' }, grades: [{ grade: 'correct' }] },
  { ...orders, answer: { category: 'database', confidence: 'LOW' }, grades: [{ grade: 'wrong' }] },
  // Never graded: an unconfirmed report, right or not, is never counted.
  { ...orders, answer: { category: 'database', confidence: 'HIGH' }, grades: [] },
  // Graded but failed: no report to count.
  { ...orders, grades: [{ grade: 'wrong' }] },
  // Forty days ago: outside the default window.
  { service: 'checkout', labels: {}, daysAgo: 40, answer: deployHigh, grades: [{ grade: 'wrong' }] },
];

let dir: string;
let config: string;
let dbPath: string;

async function plant(store: Store, now: number): Promise<void> {
  for (const [i, p] of PLANTED.entries()) {
    const at = now - p.daysAgo * DAY_MS - i * 60_000;
    const outcome = await store.intake(
      {
        fingerprint: `fp-${i}`,
        source: 'generic',
        status: 'firing',
        groupKey: `group-${i}`,
        name: 'HighErrorRate',
        service: p.service,
        severity: 'critical',
        labels: { alertname: 'HighErrorRate', service: p.service, ...p.labels },
        annotations: {},
        startsAt: at,
        receivedAt: at,
      },
      { groupWindowMs: 60_000, maxAttempts: 3 },
    );
    if (outcome.kind !== 'new') throw new Error(`planting ${i}: ${outcome.kind}`);
    const id = outcome.investigationId;
    if (p.answer === undefined) {
      await store.markFailed(id, 'the telemetry source timed out', at + 1000);
    } else {
      const report: Report = {
        ...checkoutBadDeploy,
        rootCause: { ...checkoutBadDeploy.rootCause, ...p.answer },
      };
      await store.saveResult(id, {
        report,
        category: p.answer.category,
        brain: 'builtin',
        trace: {},
        finishedAt: at + 1000,
      });
    }
    for (const [k, g] of p.grades.entries()) {
      await store.addFeedback({
        investigationId: id,
        grade: g.grade,
        at: at + (k + 1) * 60_000,
        ...(g.category && { category: g.category }),
      });
    }
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-accuracy-'));
  dbPath = join(dir, 'team.db');
  config = join(dir, 'nightshift.yaml');
  await writeFile(config, 'store:\n  kind: sqlite\n  path: team.db\n');
  const store = await openStore({ kind: 'sqlite', path: dbPath });
  try {
    await plant(store, Date.now());
  } finally {
    await store.close();
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function accuracyJson(...args: string[]): Promise<AccuracyReport> {
  const run = await runCli('accuracy', '--config', config, '--json', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as AccuracyReport;
}

describe('nightshift accuracy', () => {
  test('prints the sentences of the last 30 days, counting only confirmed incidents', async () => {
    const run = await runCli('accuracy', '--config', config);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('15 confirmed incidents since ');
    for (const sentence of [
      'root cause right in 12 of 15 confirmed incidents (80%, 95% CI 55–93%)',
      'root cause right or partly right in 13 of 15 confirmed incidents (87%, 95% CI 62–96%)',
      'category right in 14 of 15 confirmed incidents (93%, 95% CI 70–99%)',
      'causing change found: not measured from feedback yet',
      'root cause right in 10 of 11 confirmed incidents answered with HIGH confidence (91%, 95% CI 62–98%)',
      'root cause right in 2 of 3 confirmed incidents answered with MEDIUM confidence (67%, 95% CI 21–94%) — too few to quote',
      'root cause right in 0 of 1 confirmed incidents answered with LOW confidence (0%, 95% CI 0–79%) — too few to quote',
    ]) {
      expect(run.stdout).toContain(`  ${sentence}\n`);
    }
    expect(run.stdout).toContain('not counted: 1 graded with no report');
  });

  test('--since widens the window to the older incident', async () => {
    const month = await accuracyJson();
    const twoMonths = await accuracyJson('--since', '60d');
    expect([month.overall.confirmed, month.overall.rootCause.right]).toEqual([15, 12]);
    expect([twoMonths.overall.confirmed, twoMonths.overall.rootCause.right]).toEqual([16, 12]);
    const week = await accuracyJson('--since', '2d');
    expect(week.overall.confirmed).toBe(3);
  });

  test.each([
    {
      by: 'service',
      groups: [
        { key: 'checkout', confirmed: 12, right: 10 },
        { key: 'orders', confirmed: 3, right: 2 },
      ],
    },
    {
      by: 'category',
      groups: [
        { key: 'bad_deploy', confirmed: 12, right: 10 },
        { key: 'database', confirmed: 3, right: 2 },
      ],
    },
    {
      by: 'account',
      groups: [
        { key: 'acme', confirmed: 12, right: 10 },
        { key: 'payments', confirmed: 3, right: 2 },
      ],
    },
  ])('--by $by splits every figure', async ({ by, groups }) => {
    const report = await accuracyJson('--by', by);
    expect(
      report.groups?.map((g) => ({ key: g.key, confirmed: g.confirmed, right: g.rootCause.right })),
    ).toEqual(groups);
    expect(report.groups?.[1]?.sentences[0]).toBe(
      `${by} ${groups[1]?.key}: root cause right in 2 of 3 confirmed incidents (67%, 95% CI 21–94%) — too few to quote`,
    );
  });

  test('prints each group under its heading', async () => {
    const run = await runCli('accuracy', '--config', config, '--by', 'account');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '\naccount payments (3 confirmed)\n  root cause right in 2 of 3 confirmed incidents (67%, 95% CI 21–94%) — too few to quote\n',
    );
    expect(run.stdout).toContain('\naccount acme (12 confirmed)\n');
  });

  test('refuses a bad --since or --by, naming the option', async () => {
    const since = await runCli('accuracy', '--config', config, '--since', 'last week');
    expect(since.code).not.toBe(0);
    expect(since.stderr).toContain('--since');
    expect(since.stderr).toContain('expected a duration back from now such as 30d');
    const by = await runCli('accuracy', '--config', config, '--by', 'region');
    expect(by.code).not.toBe(0);
    expect(by.stderr).toContain('--by');
    expect(by.stderr).toContain('choose one of service, category, account');
  });

  test('says there is nothing yet, and creates no store, where none exists', async () => {
    const empty = join(dir, 'empty.yaml');
    await writeFile(empty, 'store:\n  kind: sqlite\n  path: none.db\n');
    const run = await runCli('accuracy', '--config', empty);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no confirmed incidents yet since ');
    expect(run.stdout).toContain('  root cause right: no confirmed incidents yet\n');
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});

describe('GET /api/accuracy', () => {
  async function withApp<T>(use: (app: ReturnType<typeof createApp>) => Promise<T>): Promise<T> {
    const store = await openStore({ kind: 'sqlite', path: dbPath });
    try {
      const app = createApp({
        store,
        auth: { api: { bearer: API_TOKEN } },
        bodyLimit: 64 * 1024,
        intake: { groupWindowMs: 60_000, maxAttempts: 3 },
      });
      return await use(app);
    } finally {
      await store.close();
    }
  }
  const authorised = { headers: { authorization: `Bearer ${API_TOKEN}` } };

  test('answers the same figures and sentences as the CLI', async () => {
    const cli = await accuracyJson('--since', '60d', '--by', 'service');
    await withApp(async (app) => {
      const res = await app.request('/api/accuracy?since=60d&by=service', authorised);
      expect(res.status).toBe(200);
      const body = (await res.json()) as AccuracyReport;
      expect(body.overall.sentences[0]).toBe(
        'root cause right in 12 of 16 confirmed incidents (75%, 95% CI 51–90%)',
      );
      expect(body.overall.rootCause).toMatchObject({ right: 12, n: 16, rate: 0.75, quotable: true });
      expect(body.overall.rootCause.interval?.low).toBeCloseTo(0.505, 3);
      // The window's start differs by the milliseconds between the two calls; nothing else may.
      expect({ ...body, since: '' }).toEqual({ ...cli, since: '' });
    });
  });

  test('defaults to the last 30 days without a split', async () => {
    await withApp(async (app) => {
      const body = (await (await app.request('/api/accuracy', authorised)).json()) as AccuracyReport;
      expect(body.overall.confirmed).toBe(15);
      expect(body.groups).toBeUndefined();
    });
  });

  test.each([
    { query: 'since=soon', error: 'query parameter "since": expected a duration back from now such as 30d' },
    { query: 'since=0d', error: 'query parameter "since": expected a duration' },
    { query: 'by=region', error: 'query parameter "by": ' },
    { query: 'limit=5', error: 'unknown query parameter "limit"' },
  ])('a bad query ($query) is a 400 naming the field', async ({ query, error }) => {
    await withApp(async (app) => {
      const res = await app.request(`/api/accuracy?${query}`, authorised);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(error);
    });
  });

  test('needs the API token, as /api/stats does', async () => {
    await withApp(async (app) => {
      expect((await app.request('/api/accuracy')).status).toBe(401);
      expect((await app.request('/api/stats')).status).toBe(401);
    });
  });
});
