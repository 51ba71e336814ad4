/**
 * `nightshift serve` as a process: it binds before it takes any job (a second server on a busy port
 * exits at once, with one line, touching nothing), and SIGTERM ends it in a bounded time even when
 * an investigation is stuck on a source that never answers, saying what it abandoned.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { until } from '../../testing/until.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx's loader by its file URL: the child runs in a temporary folder, where `tsx` does not resolve. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** The CLI from source, as a process of its own. */
function nightshift(cwd: string, ...args: string[]): Run {
  const code = `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(${JSON.stringify(['node', 'nightshift', ...args])});`;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', code], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, stderr: () => stderr, exited };
}

function listenOn(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

async function tempRoot(prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

test('a second serve on a busy port exits non-zero within 2 s, with one line, and takes no job', {
  timeout: 60_000,
}, async () => {
  const root = await tempRoot('ns-e2e-busy-');
  await writeFile(join(root, 'nightshift.yaml'), 'store:\n  kind: sqlite\n  path: state.db\n');
  // A queued investigation in the shared store: a server that starts its worker before binding takes it.
  const store = await openStore({ kind: 'sqlite', path: join(root, 'state.db') });
  const outcome = await store.intake(
    {
      fingerprint: 'f1',
      source: 'generic',
      status: 'firing',
      groupKey: 'g',
      name: 'HighErrorRate',
      service: 'checkout',
      severity: 'critical',
      labels: {},
      annotations: {},
      startsAt: Date.now(),
      receivedAt: Date.now(),
    },
    { groupWindowMs: 60_000, maxAttempts: 3 },
  );
  await store.close();

  const holder = createServer();
  const port = await listenOn(holder);
  cleanups.push(() => new Promise((resolve) => holder.close(resolve)));

  // How long the CLI takes to load from source on this machine, so the figure below is serve's own.
  const loadStart = Date.now();
  const baseline = await nightshift(root, '--version').exited;
  const loadMs = baseline.at - loadStart;

  const started = Date.now();
  const run = nightshift(root, 'serve', '--port', String(port));
  const exit = await run.exited;
  expect(exit.code).not.toBe(0);
  expect(exit.code).not.toBeNull();
  expect(exit.at - started - loadMs).toBeLessThan(2_000);
  const lines = run.stderr().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use by pid ${process.pid}\\b`),
  );
  expect(run.stderr()).not.toMatch(/\n\s+at /); // no stack trace

  const after = await openStore({ kind: 'sqlite', path: join(root, 'state.db') });
  try {
    const [job] = await after.pendingJobs();
    expect(job).toMatchObject({
      investigationId: outcome.kind === 'new' ? outcome.investigationId : '',
      attempts: 0,
    });
    expect(job?.leaseOwner).toBeUndefined();
  } finally {
    await after.close();
  }
});

test('SIGTERM stops within the grace period even with an investigation stuck on a source, and says what it abandoned', {
  timeout: 90_000,
}, async () => {
  const root = await tempRoot('ns-e2e-sigterm-');
  // A "Prometheus" that accepts connections and never answers.
  const silent = createServer(() => {});
  const silentPort = await listenOn(silent);
  cleanups.push(() => new Promise((resolve) => silent.close(resolve)));
  const free = createServer();
  const port = await listenOn(free);
  await new Promise((resolve) => free.close(resolve));
  await writeFile(
    join(root, 'nightshift.yaml'),
    [
      'server:',
      '  shutdownGrace: 1s',
      'investigation:',
      '  sourceTimeout: 10m',
      'sources:',
      '  prometheus:',
      `    url: http://127.0.0.1:${silentPort}`,
      '    timeoutMs: 600000',
    ].join('\n'),
  );
  const run = nightshift(root, 'serve', '--port', String(port));
  const url = `http://127.0.0.1:${port}`;
  await until('the server', async () =>
    (await fetch(`${url}/healthz`).catch(() => undefined))?.ok ? true : undefined,
  );
  const res = await fetch(`${url}/webhooks/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'HighErrorRate', service: 'checkout', severity: 'critical' }),
  });
  expect(res.status).toBe(202);
  await until('the investigation to start', async () => {
    const body = (await (await fetch(`${url}/api/investigations`)).json()) as {
      investigations: { status: string }[];
    };
    return body.investigations[0]?.status === 'running' ? true : undefined;
  });

  const signalled = Date.now();
  run.child.kill('SIGTERM');
  const exit = await run.exited;
  expect(exit.at - signalled).toBeLessThan(8_000);
  expect(exit.code).toBe(0);
  expect(run.stderr()).toMatch(
    /SIGTERM: no new alerts or jobs; running investigations have 1(\.0)? s to finish/,
  );
  expect(run.stderr()).toMatch(
    /abandoned investigation [0-9a-f-]{36} \(HighErrorRate.*\) after .*: it resumes when a server starts again/,
  );

  const store = await openStore({ kind: 'sqlite', path: join(root, '.nightshift/nightshift.db') });
  try {
    const jobs = await store.pendingJobs();
    expect(jobs).toHaveLength(1); // put back for the next start, not lost and not dead
    expect(await store.deadJobs()).toEqual([]);
  } finally {
    await store.close();
  }
});
