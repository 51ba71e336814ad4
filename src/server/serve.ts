import { serve } from '@hono/node-server';
import type { LoadedConfig } from '../config/load.js';
import type { NightshiftConfig } from '../config/schema.js';
import { formatDuration, NightshiftError } from '../core/index.js';
import type { EnvVars } from '../core/yaml-config.js';
import type { ReceivedAlert } from '../intake/index.js';
import { type Notifier, type NotifierContext, notifierFromConfig } from '../notify/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';
import { isLoopback, openParts } from './auth.js';
import { createLiveInvestigator } from './live.js';
import { describePortHolder } from './port-holder.js';
import { InvestigationThreads } from './threads.js';
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
  /**
   * Where briefs go, instead of the notifier the configuration names (notify/registry.ts); for
   * tests that watch every post.
   */
  notifier?: Notifier;
  /** Where the stdout notifier (no notifier configured) writes; default process.stdout. */
  stdout?: NotifierContext['stdout'];
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

  const env = options.env ?? process.env;
  // Fail now, not at the first alert, when a source or the brain is misconfigured.
  await createLiveInvestigator(loaded, env, (m) => log(`warning: ${m}`));
  const store = await openStore(config.store, loaded.baseDir);
  const { worker, notifier, stop: stopWorker } = intakeWorker(loaded, store, { ...options, log });
  const app = createApp({
    store,
    auth: config.auth,
    bodyLimit: config.server.bodyLimit,
    intake: {
      groupWindowMs: config.intake.groupWindow,
      maxAttempts: config.intake.maxAttempts,
      eventRetentionMs: config.intake.eventRetention,
    },
    allowedHosts: allowedHostsOf(config.server, host),
    ...(options.now && { now: options.now }),
    onQueued: () => worker.wake(),
    onGrouped: (investigationId, received) => {
      void followUpGrouped(store, notifier, investigationId, received).catch((e: Error) =>
        log(`could not post the follow-up for ${investigationId}: ${e.message}`),
      );
    },
    log,
  });
  // Bind before the worker starts: a server that cannot listen must not take jobs from a shared queue.
  let server: ReturnType<typeof serve>;
  try {
    server = await listen(app, host, port);
  } catch (error) {
    await store.close();
    throw await bindError(error as NodeJS.ErrnoException, host, port);
  }
  await worker.start();
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  log(`nightshift serve: listening on ${url} (store ${store.dialect}, notifier ${notifier.name})`);
  const open = openParts(config.auth);
  if (open.length > 0) {
    log(
      `warning: no credential for ${open.join(', ')}: any process on this machine can post alerts${open.includes('api') ? ' and read every report' : ''}. ` +
        'Requests from web pages are refused (Host, Origin and content-type checks). Set auth: in nightshift.yaml before putting this server behind a shared address (docs/serve.md, Security).',
    );
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    store,
    worker,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections with no request in flight would hold close() open for seconds.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await stopWorker();
        await store.close();
      })();
      return closing;
    },
  };
}

/** The intake queue's worker, built but not started, and how to stop it within the shutdown grace. */
export interface IntakeWorker {
  worker: Worker;
  notifier: Notifier;
  /** Stops taking jobs; investigations still running after server.shutdownGrace are abandoned. */
  stop(): Promise<void>;
}

/**
 * The worker serve runs beside its HTTP server: jobs from the store's queue, investigated in
 * threads over the configured sources, briefs to the notifier. `nightshift worker` runs the same
 * without the server.
 */
export function intakeWorker(
  loaded: LoadedConfig,
  store: Store,
  options: ServeOptions & { log: (line: string) => void },
): IntakeWorker {
  const { config } = loaded;
  const { log } = options;
  const notifier =
    options.notifier ?? notifierFromConfig(config, options.stdout ? { stdout: options.stdout } : {});
  const threads = new InvestigationThreads(loaded, { ...(options.env ?? process.env) }, log);
  const worker = new Worker({
    store,
    notifier,
    concurrency: config.intake.concurrency,
    leaseMs: config.intake.lease,
    maxAttempts: config.intake.maxAttempts,
    retryBackoffMs: config.intake.retryBackoff,
    evidenceRetentionMs: config.investigation.evidenceRetention,
    ...(config.server.publicUrl && { publicUrl: config.server.publicUrl }),
    ...(options.now && { now: options.now }),
    log,
    investigate: (row, alerts, signal) => threads.run(row, alerts, (options.now ?? Date.now)(), signal),
  });
  const stop = async () => {
    const stopped = worker.stop();
    if (!(await settlesWithin(stopped, config.server.shutdownGrace))) {
      const abandoned = threads.abandon(new Error('abandoned: the server stopped before it finished'));
      for (const a of abandoned) {
        log(
          `abandoned investigation ${a.id} (${a.title}) after ${formatDuration(Date.now() - a.startedAt)}: it resumes when a server starts again, or another worker takes it`,
        );
      }
      await settlesWithin(stopped, 2_000);
    }
    await settlesWithin(threads.close(), 2_000);
  };
  return { worker, notifier, stop };
}

function listen(
  app: ReturnType<typeof createApp>,
  host: string,
  port: number,
): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', (error) => {
      s.close();
      reject(error);
    });
  });
}

/** One line that says which address, why, and (for a busy port) who holds it. */
async function bindError(error: NodeJS.ErrnoException, host: string, port: number): Promise<NightshiftError> {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (error.code === 'EADDRINUSE') {
    const holder = await describePortHolder(port);
    return new NightshiftError(
      'BAD_INPUT',
      `cannot listen on ${where}: the port is in use${holder ? ` by ${holder}` : ''}; stop that process or pick another port (--port, or server.listen in nightshift.yaml)`,
    );
  }
  if (error.code === 'EACCES')
    return new NightshiftError(
      'BAD_INPUT',
      `cannot listen on ${where}: permission denied (ports below 1024 need privileges); pick a port above 1024`,
    );
  if (error.code === 'EADDRNOTAVAIL')
    return new NightshiftError(
      'BAD_INPUT',
      `cannot listen on ${where}: this machine has no such address; check server.listen`,
    );
  return new NightshiftError('BAD_INPUT', `cannot listen on ${where}: ${error.message}`);
}

/** True when the promise settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Names requests may carry in Host: the configured ones, publicUrl's, and listen's when it is a name. */
function allowedHostsOf(server: NightshiftConfig['server'], listenHost: string): string[] {
  const hosts = [...server.allowedHosts];
  if (server.publicUrl) hosts.push(new URL(server.publicUrl).hostname);
  if (/[a-z]/i.test(listenHost) && !listenHost.includes(':')) hosts.push(listenHost);
  return hosts;
}

/** A new alert joined an investigation whose brief is out: say so in its thread. */
async function followUpGrouped(
  store: Store,
  notifier: Notifier,
  investigationId: string,
  received: ReceivedAlert,
): Promise<void> {
  const row = await store.getInvestigation(investigationId);
  const thread = row?.thread;
  if (!thread) return; // the brief, when it goes out, lists every alert of the group
  const a = received.alert;
  await notifier.postFollowUp(thread, {
    investigationId,
    text: `Also firing: ${a.name} on ${a.service} (${a.severity}), added to this investigation.`,
  });
}

function splitListen(listen: string): [string, string] {
  const i = listen.lastIndexOf(':');
  return [listen.slice(0, i).replace(/^\[|\]$/g, ''), listen.slice(i + 1)];
}

/**
 * Anyone on the network could start investigations and read reports: refuse to start that way.
 * The webhook sources checked are the alert-source registry's (see auth.ts, `openParts`).
 */
function refuseOpenWebhooks(loaded: LoadedConfig, host: string): void {
  if (isLoopback(host)) return;
  const { auth } = loaded.config;
  const open = openParts(auth);
  if (open.length === 0) return;
  throw new NightshiftError(
    'BAD_INPUT',
    `${loaded.file ?? 'nightshift.yaml'}: server.listen is ${loaded.config.server.listen}, reachable from other machines, but auth has nothing for ${open.join(', ')}`,
    {
      hint: 'Give every source a credential under auth: (see docs/serve.md), or listen on 127.0.0.1 behind a proxy that authenticates.',
    },
  );
}
