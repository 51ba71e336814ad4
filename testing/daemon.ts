/**
 * Starts a server binary for a test (Prometheus, Alertmanager) and waits for its readiness URL;
 * the error when it never gets ready carries the tail of its stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const READY_TIMEOUT_MS = 30_000;
const STDERR_TAIL_CHARS = 4_000;

export interface Daemon {
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-whatever, as in a crash or an OOM kill. */
  kill(): Promise<void>;
}

export async function startDaemon(
  name: string,
  bin: string,
  args: string[],
  readyUrl: string,
): Promise<Daemon> {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitReady(name, readyUrl, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return { stop, kill };
}

async function waitReady(
  name: string,
  url: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${stderr()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} at ${url} was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${stderr()}`);
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
