/**
 * A real Prometheus for tests: a bundle's metrics as OpenMetrics text, backfilled into TSDB blocks
 * with promtool, served by /usr/bin/prometheus on a free loopback port. Used by the prometheus
 * connector's contract test and by end-to-end tests with Alertmanager (rules and an alerting
 * target are optional). Debian's packages provide both binaries; `.ci/run` installs them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBundle } from '../../src/bundle/index.js';
import type { MetricSample } from '../../src/core/index.js';
import { freePort, startDaemon } from '../daemon.js';

export { freePort } from '../daemon.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

/** Lab data is months old; the default retention (15 d) would delete it on start. */
const RETENTION = '100y';

export function hasPrometheus(): boolean {
  return existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN);
}

export interface OpenMetricsOptions {
  /** Moves every sample by this much (e.g. to bring lab data near the present for alert rules). */
  shiftMs?: number;
  /** Drops samples after this instant (epoch ms, after shifting). */
  until?: number;
}

/**
 * A bundle's metrics as OpenMetrics text: one gauge family per metric name (families contiguous),
 * each series' samples together and in time order (promtool appends per series and rejects
 * out-of-order samples), the bundle's service as the `service` label, values as `String(number)`
 * (shortest text that round-trips to the same float64) and timestamps in seconds with up to three
 * decimals.
 */
export async function bundleToOpenMetrics(
  bundleDir: string,
  options: OpenMetricsOptions = {},
): Promise<string> {
  const shiftMs = options.shiftMs ?? 0;
  const bundle = await openBundle(bundleDir);
  const families = new Map<string, Map<string, MetricSample[]>>();
  for await (const batch of bundle.metricBatches()) {
    for (const sample of batch) {
      const ts = sample.ts + shiftMs;
      if (options.until !== undefined && ts > options.until) continue;
      let family = families.get(sample.metric);
      if (!family) {
        family = new Map();
        families.set(sample.metric, family);
      }
      const labels = labelText(sample);
      let samples = family.get(labels);
      if (!samples) {
        samples = [];
        family.set(labels, samples);
      }
      samples.push({ ...sample, ts });
    }
  }
  const lines: string[] = [];
  for (const name of [...families.keys()].sort()) {
    assertMetricName(name);
    lines.push(`# TYPE ${name} gauge`);
    const family = families.get(name) as Map<string, MetricSample[]>;
    for (const labels of [...family.keys()].sort()) {
      const samples = (family.get(labels) as MetricSample[]).sort((a, b) => a.ts - b.ts);
      for (const s of samples)
        lines.push(`${name}{${labels}} ${formatValue(s.value)} ${formatSeconds(s.ts)}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function labelText(sample: MetricSample): string {
  if ('service' in sample.labels) {
    throw new Error(`metric ${sample.metric} of ${sample.service} has its own "service" label`);
  }
  const keys = Object.keys(sample.labels).sort();
  const pairs = [`service="${escapeLabelValue(sample.service)}"`];
  for (const k of keys) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) throw new Error(`label name ${k} is not valid in Prometheus`);
    pairs.push(`${k}="${escapeLabelValue(sample.labels[k] as string)}"`);
  }
  return pairs.join(',');
}

function assertMetricName(name: string): void {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name))
    throw new Error(`metric name ${name} is not valid in Prometheus`);
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** Epoch ms as seconds with up to three decimals, written from integers (no float rounding). */
export function formatSeconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = ms - whole * 1000;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** Writes the text beside the blocks and turns it into TSDB blocks in `dataDir`. */
export async function backfill(openMetricsText: string, dataDir: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'nightshift-backfill-'));
  try {
    const file = join(work, 'metrics.om.txt');
    await writeFile(file, openMetricsText);
    const { code, stderr, stdout } = await run(PROMTOOL_BIN, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      file,
      dataDir,
    ]);
    if (code !== 0) {
      throw new Error(`promtool create-blocks-from openmetrics failed (exit ${code}):\n${stderr || stdout}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function run(bin: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartPrometheusOptions {
  dataDir: string;
  /** Contents of one rule file (Prometheus rule YAML). */
  rulesYaml?: string;
  /** Where alerts go, e.g. `http://127.0.0.1:9093`. */
  alertmanagerUrl?: string;
  /** Defaults to 1s when rules are given (tests wait for alerts), else Prometheus's default. */
  evaluationInterval?: string;
  /**
   * How soon a firing alert is sent again (Prometheus's default is 1m); short in tests, where
   * Alertmanager may start after Prometheus first tries to reach it.
   */
  resendDelay?: string;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts Prometheus over `dataDir` with no scrape targets and waits until it is ready. */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const port = await freePort();
  const configDir = await mkdtemp(join(tmpdir(), 'nightshift-prometheus-'));
  const configFile = join(configDir, 'prometheus.yml');
  await writeFile(configFile, await prometheusYaml(configDir, options));
  const url = `http://127.0.0.1:${port}`;
  try {
    const daemon = await startDaemon(
      'prometheus',
      PROMETHEUS_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${options.dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.retention.time=${RETENTION}`,
        ...(options.resendDelay ? [`--rules.alert.resend-delay=${options.resendDelay}`] : []),
      ],
      `${url}/-/ready`,
    );
    return {
      url,
      port,
      stop: async () => {
        await daemon.stop();
        await rm(configDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(configDir, { recursive: true, force: true });
    throw error;
  }
}

async function prometheusYaml(configDir: string, options: StartPrometheusOptions): Promise<string> {
  const interval = options.evaluationInterval ?? (options.rulesYaml ? '1s' : undefined);
  const lines = ['global:'];
  lines.push(interval ? `  evaluation_interval: ${interval}` : '  {}');
  if (options.rulesYaml !== undefined) {
    const rulesFile = join(configDir, 'rules.yml');
    await writeFile(rulesFile, options.rulesYaml);
    lines.push('rule_files:', `  - ${JSON.stringify(rulesFile)}`);
  }
  if (options.alertmanagerUrl !== undefined) {
    const target = new URL(options.alertmanagerUrl);
    lines.push(
      'alerting:',
      '  alertmanagers:',
      `    - scheme: ${target.protocol.replace(':', '')}`,
      ...(target.pathname !== '/' ? [`      path_prefix: ${JSON.stringify(target.pathname)}`] : []),
      '      static_configs:',
      `        - targets: [${JSON.stringify(target.host)}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}
