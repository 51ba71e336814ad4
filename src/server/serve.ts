/**
 * `nightshift serve`: the store, the worker and the HTTP app in one process. Started from the CLI,
 * the end-to-end test and bench:intake alike, so all three exercise the same wiring.
 */
import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import type { LoadedConfig } from '../config/load.js';
import { configPath } from '../config/load.js';
import { NightshiftError, SEVERITIES, type Severity } from '../core/index.js';
import type { EnvVars } from '../core/yaml-config.js';
import { type Brain, brains, createLlmBrain } from '../investigate/brains/index.js';
import { investigate, liveWindow } from '../investigate/index.js';
import { languageModel, llmConfigFrom } from '../llm/index.js';
import {
  createSlackNotifier,
  createSlackWebhookNotifier,
  createStdoutNotifier,
  type Notifier,
} from '../notify/index.js';
import { openStore } from '../store/index.js';
import type { Store, StoredAlert } from '../store/types.js';
import { createApp } from './app.js';
import { isLoopback } from './auth.js';
import { sourcesFromConfig } from './sources.js';
import { Worker } from './worker.js';

export interface RunningServer {
  url: string;
  store: Store;
  worker: Worker;
  /** Stops taking requests and jobs, waits for running investigations, closes the store. */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Overrides server.listen's port (0 picks a free one). */
  port?: number;
  /** Where briefs go when Slack is not configured; default: printed to stdout. */
  notifier?: Notifier;
  log?: (line: string) => void;
  now?: () => number;
  /** Variables for the LLM provider's settings; default process.env. */
  env?: EnvVars;
}

export async function startServer(loaded: LoadedConfig, options: ServeOptions = {}): Promise<RunningServer> {
  const { config } = loaded;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [host, portText] = splitListen(config.server.listen);
  const port = options.port ?? Number(portText);
  refuseOpenWebhooks(loaded, host);

  const sources = await sourcesFromConfig(
    config.sources,
    (p) => configPath(loaded, p),
    (m) => log(`warning: ${m}`),
  );
  const store = await openStore(config.store, loaded.baseDir);
  const notifier = options.notifier ?? notifierFrom(loaded);
  const brain = await brainFrom(loaded, options.env ?? process.env);
  const worker = new Worker({
    store,
    notifier,
    concurrency: config.intake.concurrency,
    leaseMs: config.intake.lease,
    maxAttempts: config.intake.maxAttempts,
    retryBackoffMs: config.intake.retryBackoff,
    ...(config.server.publicUrl && { publicUrl: config.server.publicUrl }),
    ...(options.now && { now: options.now }),
    log,
    investigate: async (row, alerts, signal) => {
      const alert = alertOf(alerts);
      signal.throwIfAborted();
      return investigate(
        {
          id: row.id,
          incidentId: row.id,
          alert,
          sources,
          window: liveWindow(alert, (options.now ?? Date.now)()),
        },
        {
          brain,
          maxRounds: config.investigation.rounds,
          sourceTimeoutMs: config.investigation.sourceTimeout,
        },
      );
    },
  });
  const app = createApp({
    store,
    auth: config.auth,
    bodyLimit: config.server.bodyLimit,
    intake: { groupWindowMs: config.intake.groupWindow, maxAttempts: config.intake.maxAttempts },
    ...(options.now && { now: options.now }),
    onQueued: () => worker.wake(),
    log,
  });
  await worker.start();
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  log(`nightshift serve: listening on ${url} (store ${store.dialect}, notifier ${notifier.name})`);
  let closing: Promise<void> | undefined;
  return {
    url,
    store,
    worker,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker.stop();
        await store.close();
      })();
      return closing;
    },
  };
}

/** The alert an investigation starts from: the group's first to fire. */
export function alertOf(alerts: readonly StoredAlert[]) {
  const first = [...alerts].sort((a, b) => a.startsAt - b.startsAt)[0];
  if (!first) throw new Error('the investigation has no alerts');
  const severity: Severity = (SEVERITIES as readonly string[]).includes(first.severity)
    ? (first.severity as Severity)
    : 'warning';
  return {
    name: first.name,
    service: first.service,
    severity,
    startsAt: first.startsAt,
    labels: first.labels,
    annotations: first.annotations,
  };
}

async function brainFrom(loaded: LoadedConfig, env: EnvVars): Promise<Brain> {
  if (loaded.config.investigation.brain === 'builtin') return brains.builtin;
  const text = loaded.file ? await readFile(loaded.file, 'utf8') : undefined;
  const llm = llmConfigFrom(
    loaded.file && text !== undefined ? { file: loaded.file, text } : undefined,
    env,
    {},
  );
  return createLlmBrain(llm, {
    fast: languageModel(llm, 'fast'),
    strong: languageModel(llm, 'strong'),
    provider: llm.provider,
  });
}

function notifierFrom(loaded: LoadedConfig): Notifier {
  const slack = loaded.config.slack;
  if (slack?.token && slack.channel) {
    return createSlackNotifier({
      token: slack.token,
      channel: slack.channel,
      ...(slack.apiUrl && { slackApiUrl: slack.apiUrl }),
    });
  }
  if (slack?.webhookUrl) return createSlackWebhookNotifier({ url: slack.webhookUrl });
  return createStdoutNotifier();
}

function splitListen(listen: string): [string, string] {
  const i = listen.lastIndexOf(':');
  return [listen.slice(0, i).replace(/^\[|\]$/g, ''), listen.slice(i + 1)];
}

/** Anyone on the network could start investigations and read reports: refuse to start that way. */
function refuseOpenWebhooks(loaded: LoadedConfig, host: string): void {
  if (isLoopback(host)) return;
  const { auth } = loaded.config;
  const open = (['alertmanager', 'grafana', 'pagerduty', 'generic', 'api'] as const).filter((s) => !auth[s]);
  if (open.length === 0) return;
  throw new NightshiftError(
    'BAD_INPUT',
    `${loaded.file ?? 'nightshift.yaml'}: server.listen is ${loaded.config.server.listen}, reachable from other machines, but auth has nothing for ${open.join(', ')}`,
    {
      hint: 'Give every source a credential under auth: (see docs/serve.md), or listen on 127.0.0.1 behind a proxy that authenticates.',
    },
  );
}
