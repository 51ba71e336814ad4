/**
 * bench:intake — `nightshift serve` under an alert storm, and after a crash.
 *
 * Load: `--deliveries` Alertmanager webhook deliveries (default 10,000) of `--alerts` distinct
 * alerts (default 1,000, so 90% are duplicates) in `--groups` groups (default 100), shuffled and
 * sent `--concurrency` at a time (default 50) over loopback to a server in its own process with
 * SQLite. Then it waits for every investigation and checks the store and the Slack stand-in:
 * every alert recorded (none lost), every delivery counted, one investigation and one brief per
 * group (no duplicates). Reports response time percentiles and throughput.
 *
 * Crash: one alert; the server is killed with SIGKILL while the investigation runs, then started
 * again; the investigation must complete exactly once (one result, one brief).
 *
 *   npm run bench:intake -- [--deliveries 10000] [--alerts 1000] [--groups 100] [--concurrency 50]
 *                           [--warmup 1000] [--json out.json]
 *
 * Needs no shared data: the investigations read a lab bundle the benchmark generates.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { openBundle } from '../src/bundle/index.js';
import { generateBundle } from '../src/lab/index.js';
import { freePort } from '../testing/daemon.js';
import { generateOptions } from '../testing/lab/support.js';
import {
  type SlackStandIn,
  STAND_IN_CHANNEL,
  STAND_IN_TOKEN,
  startSlackStandIn,
} from '../testing/notify/slack-stand-in.js';
import { numberFlag, parseBenchArgs, writeJson } from './args.js';
import { FROM_BUILD, type ServerProcess, startFloorProcess, startServeProcess } from './serve-process.js';

const TOKEN = 'bench-intake-token-0123456789';
const args = parseBenchArgs(process.argv.slice(2));
const deliveries = numberFlag(args, 'deliveries', 10_000);
const alerts = numberFlag(args, 'alerts', 1_000);
const groups = numberFlag(args, 'groups', 100);
const concurrency = numberFlag(args, 'concurrency', 50);
const warmup = numberFlag(args, 'warmup', 1_000);
/** The warm-up's alert and group, apart from the measured ones. */
const WARMUP = -1;
/** Keep-alive connections, one per concurrent sender, as Alertmanager keeps its own. */
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

const work = await mkdtemp(join(tmpdir(), 'nightshift-bench-intake-'));
const slack = await startSlackStandIn();
const servers: ServerProcess[] = [];
try {
  const bundle = join(work, 'bundle');
  await generateBundle(bundle, generateOptions('bad-deploy', { seed: 1 }));
  const alertAt = (await openBundle(bundle)).incident.alert.startsAt;
  const floor = await floorRun(alertAt);
  const load = await loadRun(bundle, alertAt);
  const crash = await crashRun(bundle, alertAt);
  report(floor, load, crash);
  await writeJson(args.json, {
    server: FROM_BUILD ? 'dist' : 'tsx',
    deliveries,
    alerts,
    groups,
    concurrency,
    warmup,
    floor,
    load,
    crash,
  });
} finally {
  for (const s of servers) await s.kill('SIGKILL');
  await slack.close();
  await rm(work, { recursive: true, force: true });
}

async function serverFor(name: string, bundle: string): Promise<{ config: string; port: number }> {
  const port = await freePort();
  const config = join(work, `${name}.yaml`);
  await writeFile(
    config,
    [
      'server:',
      `  listen: 127.0.0.1:${port}`,
      'auth:',
      '  alertmanager:',
      `    bearer: ${TOKEN}`,
      'store:',
      '  kind: sqlite',
      `  path: ${name}/nightshift.db`,
      'intake:',
      '  groupWindow: 30m',
      '  concurrency: 2',
      '  lease: 10s',
      'sources:',
      `  bundle: ${bundle}`,
      'slack:',
      `  token: ${STAND_IN_TOKEN}`,
      `  channel: ${STAND_IN_CHANNEL}`,
      `  apiUrl: ${slack.url}`,
    ].join('\n'),
  );
  return { config, port };
}

function delivery(alert: number, alertAt: number): string {
  const group = alert === WARMUP ? 'warmup' : alert % groups;
  return JSON.stringify({
    version: '4',
    groupKey: `{}:{group="g${group}"}`,
    status: 'firing',
    receiver: 'nightshift',
    groupLabels: { group: `g${group}` },
    commonLabels: {},
    commonAnnotations: {},
    alerts: [
      {
        status: 'firing',
        labels: { alertname: `Alert${alert}`, service: 'checkout', severity: 'critical', group: `g${group}` },
        annotations: { summary: 'bench' },
        startsAt: new Date(alertAt).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
      },
    ],
  });
}

/** One delivery over node:http (fetch costs the sender more CPU than the server spends). */
function post(url: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/webhooks/alertmanager`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${TOKEN}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one delivery per entry of `alerts`, `concurrency` at a time, recording each response. */
async function send(
  alerts: readonly number[],
  url: string,
  alertAt: number,
  latencies: number[],
  statuses: Map<number, number>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < alerts.length) {
        const r = await post(url, delivery(alerts[next++] as number, alertAt));
        latencies.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
}

/** The same deliveries against a server that only parses them: the machine's floor. */
async function floorRun(alertAt: number) {
  const server = await startFloorProcess(await freePort());
  servers.push(server);
  const latencies: number[] = [];
  await send(
    Array.from({ length: warmup }, () => WARMUP),
    server.url,
    alertAt,
    [],
    new Map(),
  );
  const started = performance.now();
  await send(shuffled(), server.url, alertAt, latencies, new Map());
  const ms = performance.now() - started;
  await server.kill('SIGTERM');
  return { ...percentiles(latencies), throughputPerS: deliveries / (ms / 1000) };
}

/** Each alert `deliveries / alerts` times, in a shuffled order (seeded: the same every run). */
function shuffled(): number[] {
  const order = Array.from({ length: deliveries }, (_, i) => i % alerts);
  let seed = 42;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  return { p50Ms: q(0.5), p99Ms: q(0.99), maxMs: sorted[sorted.length - 1] as number };
}

async function loadRun(bundle: string, alertAt: number) {
  const { config, port } = await serverFor('load', bundle);
  const server = await startServeProcess(config, port);
  servers.push(server);
  const briefsBefore = briefs(slack).length;
  const order = shuffled();
  // A server just started compiles its code as the first requests arrive; the figures are for a
  // running server, so one alert is delivered `warmup` times first (its investigation is not counted).
  const warmupStarted = performance.now();
  await send(
    Array.from({ length: warmup }, () => WARMUP),
    server.url,
    alertAt,
    [],
    new Map(),
  );
  const warmupMs = performance.now() - warmupStarted;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await send(order, server.url, alertAt, latencies, statuses);
  const loadMs = performance.now() - started;
  const settled = await settle(server.url, 600_000);
  const listed = await api<{ investigations: { id: string; status: string; groupKey: string }[] }>(
    server.url,
    '/api/investigations?limit=500',
  );
  const invs = { investigations: listed.investigations.filter((i) => !i.groupKey.includes('warmup')) };
  let recorded = 0;
  let counted = 0;
  for (const inv of invs.investigations) {
    const one = await api<{ alerts: { deliveries: number }[] }>(server.url, `/api/investigations/${inv.id}`);
    recorded += one.alerts.length;
    counted += one.alerts.reduce((s, a) => s + a.deliveries, 0);
  }
  const measured = new Set(invs.investigations.map((i) => i.id));
  const posted = briefs(slack)
    .slice(briefsBefore)
    .filter((m) => measured.has(investigationOf(m)));
  await server.kill('SIGTERM');
  const { p50Ms, p99Ms, maxMs } = percentiles(latencies);
  return {
    warmupMs,
    accepted: statuses.get(202) ?? 0,
    otherStatuses: Object.fromEntries([...statuses].filter(([s]) => s !== 202)),
    p50Ms,
    p99Ms,
    maxMs,
    throughputPerS: deliveries / (loadMs / 1000),
    alertsRecorded: recorded,
    lostAlerts: alerts - recorded,
    deliveriesCounted: counted,
    investigations: invs.investigations.length,
    investigationsDone: invs.investigations.filter((i) => i.status === 'done').length,
    duplicateInvestigations: invs.investigations.length - groups,
    briefs: posted.length,
    duplicateBriefs: posted.length - new Set(posted.map(investigationOf)).size,
    drainMs: settled,
  };
}

async function crashRun(bundle: string, alertAt: number) {
  const { config, port } = await serverFor('crash', bundle);
  let server = await startServeProcess(config, port);
  servers.push(server);
  const briefsBefore = briefs(slack).length;
  const res = await fetch(`${server.url}/webhooks/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: delivery(0, alertAt),
  });
  const id = ((await res.json()) as { outcomes: { investigationId: string }[] }).outcomes[0]
    ?.investigationId as string;
  // Kill it while the investigation runs.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = await api<{ investigation: { status: string } }>(server.url, `/api/investigations/${id}`);
    if (row.investigation.status === 'running') break;
    if (row.investigation.status === 'done' || Date.now() > deadline) {
      throw new Error(`could not catch the investigation running (status ${row.investigation.status})`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await server.kill('SIGKILL');
  const killedAt = performance.now();
  server = await startServeProcess(config, port);
  servers.push(server);
  const restarted = server;
  await settle(server.url, 120_000).catch((error: Error) => {
    throw new Error(`${error.message}; the restarted server said:\n${restarted.log()}`);
  });
  const resumedMs = performance.now() - killedAt;
  const final = await api<{ investigation: { status: string; attempts: number; thread?: unknown } }>(
    server.url,
    `/api/investigations/${id}`,
  );
  await new Promise((r) => setTimeout(r, 2_000)); // time for a second brief, were there one
  const posted = briefs(slack).slice(briefsBefore);
  await server.kill('SIGTERM');
  return {
    status: final.investigation.status,
    attempts: final.investigation.attempts,
    briefs: posted.length,
    killedToDoneMs: resumedMs,
  };
}

/** Waits until no job is pending; returns how long that took. */
async function settle(url: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = await api<{ pendingJobs: number }>(url, '/healthz');
    if (health.pendingJobs === 0) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${health.pendingJobs} jobs still pending`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api<T>(url: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The investigation a brief names (its context line says "Investigation `id`"). */
function investigationOf(m: { blocks: unknown[] | undefined }): string {
  return /Investigation `([^`]+)`/.exec(JSON.stringify(m.blocks))?.[1] ?? 'unnamed';
}

function briefs(s: SlackStandIn) {
  return s.messages(STAND_IN_CHANNEL).filter((m) => m.threadTs === undefined);
}

function report(
  floor: Awaited<ReturnType<typeof floorRun>>,
  load: Awaited<ReturnType<typeof loadRun>>,
  crash: Awaited<ReturnType<typeof crashRun>>,
): void {
  const t = new Table({ head: ['bench:intake', 'value', 'target'] });
  t.push(
    ['server', FROM_BUILD ? 'built CLI (dist), SQLite' : 'sources through tsx, SQLite', ''],
    [
      'warm-up (not measured)',
      `${warmup} deliveries of one alert, ${(load.warmupMs / 1000).toFixed(1)} s`,
      '',
    ],
    ['deliveries (distinct alerts, groups)', `${deliveries} (${alerts}, ${groups})`, ''],
    ['accepted (202)', load.accepted, deliveries],
    ['other responses', JSON.stringify(load.otherStatuses), '{}'],
    [
      'response p50 / p99 / max',
      `${load.p50Ms.toFixed(1)} / ${load.p99Ms.toFixed(1)} / ${load.maxMs.toFixed(1)} ms`,
      'p99 < 50 ms',
    ],
    ['throughput', `${Math.round(load.throughputPerS)} deliveries/s`, ''],
    [
      'floor: empty handler, same load',
      `p50 ${floor.p50Ms.toFixed(1)} / p99 ${floor.p99Ms.toFixed(1)} ms, ${Math.round(floor.throughputPerS)}/s`,
      '',
    ],
    ['alerts recorded (lost)', `${load.alertsRecorded} (${load.lostAlerts})`, `${alerts} (0)`],
    ['deliveries counted', load.deliveriesCounted, deliveries],
    [
      'investigations (duplicates)',
      `${load.investigations} (${load.duplicateInvestigations})`,
      `${groups} (0)`,
    ],
    ['investigations done', load.investigationsDone, groups],
    ['Slack briefs (duplicates)', `${load.briefs} (${load.duplicateBriefs})`, `${groups} (0)`],
    ['queue drained after load', `${(load.drainMs / 1000).toFixed(1)} s`, ''],
    ['crash: status, attempts', `${crash.status}, ${crash.attempts}`, 'done, 2'],
    ['crash: briefs', crash.briefs, 1],
    ['crash: SIGKILL to done', `${(crash.killedToDoneMs / 1000).toFixed(1)} s`, ''],
  );
  process.stdout.write(`${t.toString()}\n`);
}
