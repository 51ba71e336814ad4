import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backfill,
  bundleToOpenMetrics,
  hasPrometheus,
  type RunningPrometheus,
  startPrometheus,
} from '../../../testing/connectors/prometheus-server.js';
import { sourceContract } from '../../../testing/connectors/sources-contract.js';
import { generateOptions } from '../../../testing/lab/support.js';
import { openBundle } from '../../bundle/index.js';
import { NightshiftError } from '../../core/index.js';
import { generateBundle } from '../../lab/index.js';
import { bundleSources } from '../files/index.js';
import { createPrometheusSource } from './index.js';

/** The lab writes a sample every 30 s on the epoch grid; the same step reads each one back. */
const LAB_STEP = '30s';

if (!hasPrometheus()) {
  describe.skip('prometheus: needs Debian prometheus; .ci/run installs it', () => {
    it('reads a backfilled lab bundle through a real Prometheus', () => {});
  });
} else {
  // Exact comparison, no projection: Prometheus stores float64 as written (String(number) round-
  // trips), and with the step on the sample grid every evaluation returns one sample at its own time.
  sourceContract('prometheus', ['metrics'], async () => {
    const root = await mkdtemp(join(tmpdir(), 'ns-prometheus-'));
    const dir = join(root, 'bundle');
    const dataDir = join(root, 'data');
    await generateBundle(dir, generateOptions('bad-deploy', { seed: 3 }));
    const bundle = await openBundle(dir);
    await backfill(await bundleToOpenMetrics(dir), dataDir);
    const prometheus = await startPrometheus({ dataDir });
    return {
      actual: { metrics: createPrometheusSource({ url: prometheus.url, step: LAB_STEP }) },
      expected: bundleSources(bundle, dir),
      range: bundle.incident.window,
      close: async () => {
        await prometheus.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  });

  describe('prometheus: labels, services and limits against a real server', () => {
    // 10 minutes of samples every 30 s from T0, a multiple of 30 s.
    const T0 = 1_699_999_980;
    const times = Array.from({ length: 20 }, (_, i) => T0 + i * 30);
    const range = { start: T0 * 1000, end: (T0 + 600) * 1000 };
    const lines = (name: string, labels: string, value: (i: number) => string) =>
      times.map((t, i) => `${name}{${labels}} ${value(i)} ${t}`);
    const text = [
      '# TYPE http_requests gauge',
      ...lines('http_requests', 'code="200",instance="a:1",service="api"', (i) => String(i)),
      ...lines('http_requests', 'code="200",instance="a:2",service="api"', (i) => String(i * 2)),
      ...lines('http_requests', 'code="500",instance="w:1",service="web"', () => '0.1'),
      '# TYPE special gauge',
      ...lines('special', 'service="api"', (i) => ['NaN', '+Inf', '-Inf', '1.5'][i % 4] as string),
      '# TYPE up gauge',
      ...lines('up', 'instance="b:1",job="batch"', () => '1'),
      '# EOF',
      '',
    ].join('\n');
    const at = (f: (i: number) => number) => ({
      timestamps: times.map((t) => t * 1000),
      values: times.map((_, i) => f(i)),
    });

    let root: string;
    let prometheus: RunningPrometheus;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'ns-prometheus-labels-'));
      await backfill(text, join(root, 'data'));
      prometheus = await startPrometheus({ dataDir: join(root, 'data') });
    });
    afterAll(async () => {
      await prometheus?.stop();
      await rm(root, { recursive: true, force: true });
    });

    it('names services by the first service label, drops labels unless series would collide', async () => {
      const source = createPrometheusSource({
        url: prometheus.url,
        step: '30s',
        match: ['{service!=""}', 'up'],
      });
      const specials = times.map((_, i) => i).filter((i) => i % 4 !== 0);
      expect(await source.series(range)).toEqual([
        {
          service: 'api',
          metric: 'http_requests',
          labels: { code: '200', instance: 'a:1' },
          ...at((i) => i),
        },
        {
          service: 'api',
          metric: 'http_requests',
          labels: { code: '200', instance: 'a:2' },
          ...at((i) => i * 2),
        },
        {
          service: 'api',
          metric: 'special',
          labels: {},
          timestamps: specials.map((i) => (times[i] as number) * 1000),
          values: specials.map(
            (i) => [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5][i % 4],
          ),
        },
        { service: 'batch', metric: 'up', labels: {}, ...at(() => 1) },
        { service: 'web', metric: 'http_requests', labels: { code: '500' }, ...at(() => 0.1) },
      ]);
    });

    it('puts hinted services first and still returns every series', async () => {
      const source = createPrometheusSource({ url: prometheus.url, step: '30s' });
      const series = await source.series(range, undefined, { services: ['web'] });
      expect(series.map((s) => `${s.service}/${s.metric}`)).toEqual([
        'web/http_requests',
        'api/http_requests',
        'api/http_requests',
        'api/special',
      ]);
    });

    it('keeps the first maxSeries, hinted services first, and warns about the cut', async () => {
      const warnings: string[] = [];
      const source = createPrometheusSource(
        { url: prometheus.url, step: '30s', maxSeries: 2 },
        { warn: (m) => warnings.push(m) },
      );
      const series = await source.series(range, undefined, { services: ['web'] });
      // a:2 is cut, so a:1 no longer needs its instance label to stand apart.
      expect(series).toEqual([
        { service: 'web', metric: 'http_requests', labels: { code: '500' }, ...at(() => 0.1) },
        { service: 'api', metric: 'http_requests', labels: { code: '200' }, ...at((i) => i) },
      ]);
      expect(warnings).toEqual([
        `${prometheus.url}: 4 series match; read the first 2 (hinted services first). ` +
          'Raise maxSeries or narrow the match selectors.',
      ]);
    });

    it('reads at an auto step of 15 s: each 30 s sample is the newest one at every evaluation', async () => {
      const source = createPrometheusSource({ url: prometheus.url, match: ['up'] });
      const [up] = await source.series({ start: range.start, end: range.start + 60_000 });
      expect(up?.timestamps).toEqual([0, 15, 30, 45].map((s) => range.start + s * 1000));
    });

    it('surfaces the message of a selector Prometheus rejects, with the query', async () => {
      const source = createPrometheusSource({ url: prometheus.url, match: ['{service=~"("}'] });
      const error = await source.series(range).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NightshiftError);
      expect(error).toMatchObject({ code: 'BAD_INPUT' });
      expect((error as Error).message).toContain(
        `Prometheus at ${prometheus.url}/api/v1/series rejected the query`,
      );
      expect((error as Error).message).toContain('missing closing )');
      expect((error as Error).message).toContain('(query: {service=~"("})');
    });

    it('lists label names', async () => {
      const source = createPrometheusSource({ url: prometheus.url });
      const answer = await source.client.labels({ startMs: range.start, endMs: range.end });
      expect(answer.data).toEqual(['__name__', 'code', 'instance', 'job', 'service']);
    });
  });

  describe('prometheus test support: rules and an alerting target', () => {
    it('evaluates the given rules every second and sends alerts to the given Alertmanager', async () => {
      const root = await mkdtemp(join(tmpdir(), 'ns-prometheus-rules-'));
      const prometheus = await startPrometheus({
        dataDir: join(root, 'data'),
        rulesYaml: 'groups:\n  - name: t\n    rules:\n      - alert: AlwaysFiring\n        expr: vector(1)\n',
        alertmanagerUrl: 'http://127.0.0.1:9/am',
      });
      try {
        let alerts: { labels: { alertname: string }; state: string }[] = [];
        for (let i = 0; i < 50 && alerts.length === 0; i++) {
          const res = await fetch(`${prometheus.url}/api/v1/alerts`);
          alerts = ((await res.json()) as { data: { alerts: typeof alerts } }).data.alerts;
          if (alerts.length === 0) await new Promise((r) => setTimeout(r, 100));
        }
        expect(alerts.map((a) => [a.labels.alertname, a.state])).toEqual([['AlwaysFiring', 'firing']]);
        const res = await fetch(`${prometheus.url}/api/v1/status/config`);
        const { data } = (await res.json()) as { data: { yaml: string } };
        expect(data.yaml).toContain('evaluation_interval: 1s');
        expect(data.yaml).toContain('path_prefix: /am');
        expect(data.yaml).toContain('- 127.0.0.1:9');
      } finally {
        await prometheus.stop();
        await rm(root, { recursive: true, force: true });
      }
    });
  });
}
