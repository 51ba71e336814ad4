/**
 * The planted-secret corpus through the whole service: a bundle full of secrets as the live
 * sources, an alert that carries some in its labels, `nightshift serve` investigating it and posting
 * to the Slack stand-in and to stdout. No planted value may reach the Slack payload, the store (the
 * database file's bytes), the JSON API, the report page, the server's log or stdout.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openBundle } from '../../src/bundle/index.js';
import { loadConfig } from '../../src/config/load.js';
import { createSlackNotifier, createStdoutNotifier } from '../../src/notify/index.js';
import type { Notifier } from '../../src/notify/types.js';
import { startServer } from '../../src/server/serve.js';
import { plantedSecrets, survivingSecrets } from '../../testing/anonymise/corpus.js';
import { writePlantedBundle } from '../../testing/anonymise/planted-bundle.js';
import {
  STAND_IN_CHANNEL,
  STAND_IN_TOKEN,
  standInSlackSection,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import { until } from '../../testing/until.js';

const corpus = plantedSecrets();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const leaked = (text: string) => survivingSecrets(text, corpus).map((p) => p.name);

/** Posts through both notifiers, so one run checks the Slack payload and the stdout text. */
function both(a: Notifier, b: Notifier): Notifier {
  return {
    name: `${a.name}+${b.name}`,
    async postBrief(message, signal) {
      await b.postBrief(message, signal);
      return a.postBrief(message, signal);
    },
    async postFollowUp(thread, followUp, signal) {
      await b.postFollowUp(undefined, followUp, signal);
      await a.postFollowUp(thread, followUp, signal);
    },
    async postResolved(thread, resolved, signal) {
      await b.postResolved(undefined, resolved, signal);
      await a.postResolved(thread, resolved, signal);
    },
  };
}

test('no planted secret in the Slack payload, store, API, report page, log or stdout', {
  timeout: 180_000,
}, async () => {
  const root = await mkdtemp(join(tmpdir(), 'ns-e2e-secrets-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const bundleDir = join(root, 'bundle');
  await writePlantedBundle(bundleDir, corpus);
  const { alert } = (await openBundle(bundleDir)).incident;
  const slack = await startSlackStandIn();
  cleanups.push(() => slack.close());
  await writeFile(
    join(root, 'nightshift.yaml'),
    [
      'server:',
      '  publicUrl: http://127.0.0.1:1',
      'sources:',
      '  bundle: bundle',
      ...standInSlackSection(slack),
    ].join('\n'),
  );
  const loaded = await loadConfig({ cwd: root, env: {} });
  let stdout = '';
  const log: string[] = [];
  const notifier = both(
    createSlackNotifier({ token: STAND_IN_TOKEN, channel: STAND_IN_CHANNEL, slackApiUrl: slack.url }),
    createStdoutNotifier({ stream: { write: (t: string) => (stdout += t) }, color: false }),
  );
  const server = await startServer(loaded, { port: 0, notifier, log: (line) => log.push(line) });
  cleanups.push(() => server.close());

  // The alert itself carries secrets too: an annotation with a provider key, a label with a token.
  const inAlert = corpus.filter((p) => p.carrier === 'log').slice(0, 3);
  const res = await fetch(`${server.url}/webhooks/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: alert.name,
      service: alert.service,
      severity: 'critical',
      startsAt: new Date(alert.startsAt).toISOString(),
      labels: { debug: inAlert[0]?.text ?? '' },
      annotations: { summary: inAlert[1]?.text ?? '', description: inAlert[2]?.text ?? '' },
    }),
  });
  expect(res.status).toBe(202);
  const { outcomes } = (await res.json()) as { outcomes: { investigationId: string }[] };
  const id = outcomes[0]?.investigationId ?? '';
  await until('the brief', async () => slack.messages(STAND_IN_CHANNEL)[0], 120_000);
  await until('the brief recorded', async () =>
    (await server.store.getInvestigation(id))?.firstBriefAt ? true : undefined,
  );

  const api = await Promise.all(
    [
      `/api/investigations/${id}`,
      `/api/investigations/${id}/trace`,
      `/investigations/${id}`,
      '/api/investigations',
    ].map(async (path) => (await fetch(`${server.url}${path}`)).text()),
  );
  await server.close();
  const storeFiles = (await readdir(join(root, '.nightshift'))).filter((f) => f.startsWith('nightshift.db'));
  const storeBytes = await Promise.all(
    storeFiles.map((f) => readFile(join(root, '.nightshift', f), 'latin1')),
  );

  // The sinks hold the investigation (so the checks below look at real content) ...
  expect(JSON.stringify(slack.calls)).toContain(alert.service);
  expect(stdout).toContain(alert.service);
  expect(storeBytes.join('')).toContain('[REDACTED:');
  // ... and none of the planted values.
  expect(leaked(JSON.stringify(slack.calls))).toEqual([]);
  expect(leaked(stdout)).toEqual([]);
  expect(leaked(storeBytes.join('\n'))).toEqual([]);
  expect(leaked(api.join('\n'))).toEqual([]);
  expect(leaked(log.join('\n'))).toEqual([]);
});
