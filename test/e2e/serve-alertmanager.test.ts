/**
 * The whole path with real parts: Prometheus (Debian) evaluates an alerting rule over lab data
 * backfilled with promtool, Alertmanager (Debian) posts to `nightshift serve`'s webhook, the
 * investigation reads metrics through the Prometheus connector and the bundle's other files, and
 * the brief appears in the Slack stand-in's channel once, however often Alertmanager repeats.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openBundle } from '../../src/bundle/index.js';
import { readTruth } from '../../src/bundle/scoring.js';
import { loadConfig } from '../../src/config/load.js';
import type { Report, Truth } from '../../src/core/index.js';
import { parseEvidence } from '../../src/investigate/index.js';
import { generateBundle } from '../../src/lab/index.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { shiftBundle } from '../../testing/bundle/shift-bundle.js';
import {
  backfill,
  bundleToOpenMetrics,
  hasPrometheus,
  startPrometheus,
} from '../../testing/connectors/prometheus-server.js';
import { freePort } from '../../testing/daemon.js';
import { hasAlertmanager, startAlertmanager } from '../../testing/intake/alertmanager.js';
import { generateOptions } from '../../testing/lab/support.js';
import { STAND_IN_CHANNEL, STAND_IN_TOKEN, startSlackStandIn } from '../../testing/notify/slack-stand-in.js';
import { createTestDatabase, TEST_POSTGRES_URL } from '../../testing/store/postgres.js';
import { until } from '../../testing/until.js';

const AM_TOKEN = 'alertmanager-e2e-token-0123456789';
const ready = hasPrometheus() && hasAlertmanager();
const stops: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

describe.skipIf(!ready)(
  'serve, end to end (needs Debian prometheus and prometheus-alertmanager; .ci/run installs them)',
  () => {
    test(`a Prometheus alert through Alertmanager becomes one brief in the Slack thread (store: ${TEST_POSTGRES_URL ? 'postgres' : 'sqlite'})`, {
      timeout: 180_000,
    }, async () => {
      const root = await mkdtemp(join(tmpdir(), 'ns-e2e-serve-'));
      stops.push(() => rm(root, { recursive: true, force: true }));
      const lab = join(root, 'lab');
      await generateBundle(lab, generateOptions('bad-deploy', { seed: 3 }));
      const original = await openBundle(lab);
      const truth = (await readTruth(lab)) as Truth;
      const { alert } = original.incident;

      // Move the incident so its alert condition holds now, where Prometheus evaluates rules.
      const now = Date.now();
      const shifted = join(root, 'bundle');
      await shiftBundle(lab, shifted, now - 60_000 - alert.startsAt);
      const tsdb = join(root, 'tsdb');
      await backfill(await bundleToOpenMetrics(shifted, { until: now }), tsdb);

      // PostgreSQL when CI provides one (the team setup), else SQLite.
      const database = await createTestDatabase();
      if (database) stops.push(() => database.drop());
      const storeLines = database
        ? ['store:', '  kind: postgres', `  url: ${database.url}`]
        : ['store:', '  kind: sqlite', '  path: state/nightshift.db'];
      const slack = await startSlackStandIn();
      stops.push(() => slack.close());
      const port = await freePort();
      const configText = [
        'server:',
        `  listen: 127.0.0.1:${port}`,
        'auth:',
        '  alertmanager:',
        '    bearer: ${AM_TOKEN}',
        ...storeLines,
        'sources:',
        '  bundle: bundle',
        '  prometheus:',
        '    url: ${PROMETHEUS_URL}',
        '    step: 30s',
        'slack:',
        `  token: ${STAND_IN_TOKEN}`,
        `  channel: ${STAND_IN_CHANNEL}`,
        `  apiUrl: ${slack.url}`,
      ].join('\n');
      await writeFile(join(root, 'nightshift.yaml'), configText);

      // Prometheus first (the config names it), then the server, then Alertmanager pointing at it.
      const rules = [
        'groups:',
        '  - name: lab',
        '    rules:',
        `      - alert: ${alert.name}`,
        `        expr: error_ratio{service="${alert.service}"} > 0.05`,
        '        labels:',
        '          severity: critical',
        '        annotations:',
        `          summary: ${alert.service} error ratio above 5%`,
      ].join('\n');
      const amPort = await freePort();
      const prometheus = await startPrometheus({
        dataDir: tsdb,
        rulesYaml: rules,
        alertmanagerUrl: `http://127.0.0.1:${amPort}`,
        resendDelay: '1s',
      });
      stops.push(() => prometheus.stop());
      const loaded = await loadConfig({ cwd: root, env: { AM_TOKEN, PROMETHEUS_URL: prometheus.url } });
      const log: string[] = [];
      const server: RunningServer = await startServer(loaded, { log: (l) => log.push(l) });
      stops.push(() => server.close());
      const am = await startAlertmanager({
        webhookUrl: `${server.url}/webhooks/alertmanager`,
        bearer: AM_TOKEN,
        port: amPort,
      });
      stops.push(() => am.stop());

      const brief = await until(
        'the brief in Slack',
        () => slack.messages(STAND_IN_CHANNEL).find((m) => m.threadTs === undefined),
        120_000,
      );
      const [row] = await server.store.listInvestigations({ limit: 5 });
      expect(row).toBeDefined();
      // Alertmanager repeats the notification every few seconds; none of the repeats may post again.
      await until(
        'a repeated delivery',
        async () => ((await server.store.alertsOf(row?.id ?? ''))[0]?.deliveries ?? 0) >= 3 || undefined,
        30_000,
      );
      const briefs = slack.messages(STAND_IN_CHANNEL).filter((m) => m.threadTs === undefined);
      expect(briefs).toHaveLength(1);
      expect(await server.store.listInvestigations({ limit: 5 })).toHaveLength(1);

      const done = await server.store.getInvestigation(row?.id ?? '');
      expect(done?.status).toBe('done');
      expect(done?.thread?.ts).toBe(brief.ts);
      const report = done?.report as Report;
      // Metrics came from Prometheus, the rest from the bundle: nothing is missing.
      expect(report.missingSources).toEqual([]);
      expect(report.rootCause.service).toBe(truth.rootCause.service);
      expect(JSON.stringify(brief.blocks)).toContain(truth.rootCause.service);
      const trace = (await server.store.getTrace(row?.id ?? '')) as {
        spans: { name: string; attributes: Record<string, unknown> }[];
      };
      // Where each source was read from: metrics from Prometheus, the rest from the bundle.
      const from = (name: string) =>
        trace.spans.find((s) => s.name === name)?.attributes['nightshift.source.from'];
      expect(from('read metrics')).toBe(`prometheus ${prometheus.url}`);
      expect(from('read logs')).toBe(`bundle ${join(root, 'bundle')}`);
      expect(server.store.dialect).toBe(database ? 'postgres' : 'sqlite');
      // The investigation thread packed what it collected; the store keeps it for replay.
      const evidence = parseEvidence(await server.store.getEvidence(row?.id ?? ''), 'the stored evidence');
      expect(evidence.alert.service).toBe(done?.service);
      expect(evidence.collected.series.length).toBeGreaterThan(0);
    });
  },
);
