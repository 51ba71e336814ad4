/**
 * Runs `nightshift serve` from source in a child process, as bench:intake's server under test:
 * a process of its own, so the load generator does not share its event loop, and so it can be
 * killed with SIGKILL mid-investigation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/nightshift.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  log: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startServeProcess(config: string, port: number): Promise<ServerProcess> {
  return startChild([...profile(), ...entry(config, port)], port);
}

async function startChild(args: string[], port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the server was not ready after 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    log: () => log,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * The built CLI when there is one (what users run; `npm install` builds it), else the sources
 * through tsx, which loads slower and runs the same code.
 */
export const FROM_BUILD = existsSync(BUILT);

function entry(config: string, port: number): string[] {
  const args = ['serve', '--config', config, '--port', String(port)];
  if (FROM_BUILD) return [BIN, ...args];
  return ['--import', 'tsx', '--input-type=module', '-e', runCli(['node', 'nightshift', ...args])];
}

/** BENCH_PROF=<dir> writes a CPU profile of the server there. */
function profile(): string[] {
  const dir = process.env.BENCH_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

function runCli(argv: string[]): string {
  return `const { main } = await import(${JSON.stringify(CLI)}); process.exitCode = await main(${JSON.stringify(argv)});`;
}

/**
 * The floor: a Hono server in its own process whose webhook route reads the body, parses the JSON
 * and answers 202, nothing else. The same load against it shows what this machine's loopback HTTP
 * costs before Nightshift does any work.
 */
export async function startFloorProcess(port: number): Promise<ServerProcess> {
  const code = [
    "const { serve } = await import('@hono/node-server');",
    "const { Hono } = await import('hono');",
    'const app = new Hono();',
    "app.post('/webhooks/alertmanager', async (c) => { JSON.parse(await c.req.text()); return c.json({ accepted: 1 }, 202); });",
    "app.get('/healthz', (c) => c.json({ status: 'ok', pendingJobs: 0 }));",
    `serve({ fetch: app.fetch, hostname: '127.0.0.1', port: ${port} });`,
  ].join('\n');
  return startChild(['--input-type=module', '-e', code], port);
}
