import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commit, initRepo } from '../../testing/connectors/git-repo.js';
import { type LokiStandIn, startLokiStandIn } from '../../testing/connectors/loki-stand-in.js';
import { sourcesConfigSchema } from '../connectors/registry.js';
import { sourcesFromConfig } from './sources.js';

const T0 = Date.parse('2026-03-09T14:00:00Z');
let folder: string;
let loki: LokiStandIn;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nightshift-sources-'));
  await mkdir(join(folder, 'deploys'));
  initRepo(join(folder, 'deploys'));
  await commit(join(folder, 'deploys'), { ts: T0, subject: 'cart v2', files: { 'cart/app.txt': 'v2' } });
  loki = await startLokiStandIn([
    { ns: BigInt(T0) * 1_000_000n, labels: { service: 'cart' }, metadata: {}, line: 'level=error boom' },
  ]);
});
afterAll(async () => {
  await loki.close();
  await rm(folder, { recursive: true, force: true });
});

test('each configured connector serves its kind, named without credentials, paths resolved', async () => {
  const warnings: string[] = [];
  const config = sourcesConfigSchema.parse({
    loki: { url: loki.url.replace('://', '://reader:pw-5e6f7a8b@') },
    git: { repo: 'deploys', services: [{ service: 'cart', paths: ['cart/'] }], leadUpMs: 0 },
  });
  const sources = await sourcesFromConfig(
    config,
    (p) => join(folder, p),
    (m) => warnings.push(m),
  );
  const range = { start: T0 - 60_000, end: T0 + 60_000 };

  expect(Object.keys(sources).sort()).toEqual(['changes', 'describe', 'logs']);
  expect(sources.describe).toEqual({
    logs: `loki ${loki.url}`,
    changes: `git ${join(folder, 'deploys')} (HEAD)`,
  });
  expect((await sources.logs?.logs(range))?.map((r) => [r.service, r.message])).toEqual([
    ['cart', 'level=error boom'],
  ]);
  expect((await sources.changes?.changes(range))?.map((c) => [c.service, c.summary])).toEqual([
    ['cart', 'cart v2'],
  ]);
  expect(warnings).toEqual([]);
});

test('no sources configured: nothing to read', async () => {
  expect(
    await sourcesFromConfig(
      sourcesConfigSchema.parse({}),
      (p) => p,
      () => {},
    ),
  ).toEqual({ describe: {} });
});
