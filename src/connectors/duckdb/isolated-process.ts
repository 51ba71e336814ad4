/**
 * One child process running `isolated-host.ts`, seen from the parent: starting it with the bundle
 * loaded, one request at a time, and ending it. A child that passes its memory budget is ended here
 * too (Linux: its RSS is read from /proc), in case its own watchdog cannot run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { QueryLimits } from './client.js';
import {
  type ChildMessage,
  type ChildReply,
  childMessageSchema,
  type ParentMessage,
  type WireError,
} from './isolated-protocol.js';

/** What the parent knows of a loaded child. */
export interface HostBudget {
  /** RSS past which the child ends itself: its RSS once loaded plus `memoryLimitBytes`. */
  rssBudgetBytes: number;
  memoryLimitBytes: number;
}

/** Why a child ended: `memory`, `timeout` and `closed` were decided by the child or the parent. */
export type EndReason = 'memory' | 'timeout' | 'closed' | 'crashed';

/** The child ended while a request (or loading) waited on it. */
export class HostEndedError extends Error {
  constructor(
    readonly reason: EndReason,
    /** `exit code 3`, `signal SIGSEGV`, with the end of the child's stderr when it wrote any. */
    readonly detail: string,
  ) {
    super(`the DuckDB process ended (${reason}): ${detail}`);
    this.name = 'HostEndedError';
  }
}

/** Loading failed in the child with this error; the child is ended. */
export class HostLoadError extends Error {
  constructor(readonly error: WireError) {
    super(error.message);
    this.name = 'HostLoadError';
  }
}

/**
 * The parent reads the child's RSS this often while a request runs. It is the backstop: the child
 * checks itself every 50 ms and normally ends first.
 */
const RSS_POLL_MS = 100;
/** Beyond the budget, so that the child's own report (same limit, read earlier) normally comes first. */
const RSS_MARGIN_BYTES = 100_000_000;
/** The end of the child's stderr kept for error messages. */
const STDERR_TAIL_CHARS = 4000;

interface Pending {
  id: number | undefined;
  resolve: (message: ChildMessage) => void;
  reject: (error: HostEndedError) => void;
}

export class IsolatedHost {
  /** Resolves once the process has ended and every message it sent has been read. */
  readonly ended: Promise<void>;
  /** Set once loaded; unbounded until then (loading runs with DuckDB's defaults). */
  private loadedBudget: HostBudget = { rssBudgetBytes: Number.POSITIVE_INFINITY, memoryLimitBytes: 0 };
  private endReason: EndReason | undefined;
  private hasEnded = false;
  private pending: Pending | undefined;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    this.ended = new Promise((resolve) => {
      // 'close', not 'exit': it comes after the IPC channel is drained, so a child's last message
      // (its memory report) is always seen before its end.
      child.once('close', (code, signal) => {
        this.hasEnded = true;
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        const stderr = this.stderr.trim();
        const detail = stderr === '' ? how : `${how}; its stderr ends: ${stderr}`;
        this.settle((p) => p.reject(new HostEndedError(this.endReason ?? 'crashed', detail)));
        resolve();
      });
    });
    child.on('message', (raw) => {
      const parsed = childMessageSchema.safeParse(raw);
      if (parsed.success) return this.receive(parsed.data);
      // A child that breaks the protocol cannot be trusted with the next request either.
      this.appendStderr(
        `isolated-host sent a message outside the protocol: ${z.prettifyError(parsed.error)}\n`,
      );
      this.kill('crashed');
    });
    // A failed spawn emits 'error' and then 'close'; the error's text is what the user needs.
    child.on('error', (error) => this.appendStderr(`${error.message}\n`));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.appendStderr(chunk));
  }

  /**
   * Starts a child, loads the bundle in `dir` into it, and resolves once it is ready. Rejects with
   * HostLoadError for a bundle that cannot be loaded, HostEndedError when the child died instead.
   */
  static async start(dir: string, queryLimits: Partial<QueryLimits>): Promise<IsolatedHost> {
    const host = new IsolatedHost(forkHost());
    const reply = await host.exchange({ type: 'load', dir, queryLimits }, undefined);
    if (reply.type === 'loaded') {
      host.loadedBudget = { rssBudgetBytes: reply.rssBudgetBytes, memoryLimitBytes: reply.memoryLimitBytes };
      return host;
    }
    host.kill('closed');
    throw reply.type === 'load-failed' ? new HostLoadError(reply.error) : unexpected(reply);
  }

  get budget(): HostBudget {
    return this.loadedBudget;
  }

  get pid(): number | undefined {
    return this.hasEnded ? undefined : this.child.pid;
  }

  /** False once the process has ended or has been told to end. */
  get alive(): boolean {
    return !this.hasEnded && this.endReason === undefined;
  }

  /** Sends a query or describe request and resolves with the child's reply to it. */
  async request(message: Extract<ParentMessage, { type: 'query' | 'describe' }>): Promise<ChildReply> {
    const reply = await this.exchange(message, message.id);
    if (reply.type === 'result' || reply.type === 'tables' || reply.type === 'failed') return reply;
    throw unexpected(reply);
  }

  /** Asks the child to stop query `id`; its reply still comes, once DuckDB lets go. */
  interrupt(id: number): void {
    if (this.alive && this.child.connected)
      this.child.send({ type: 'interrupt', id } satisfies ParentMessage);
  }

  /** Ends the child with SIGKILL, the one signal a process busy in a native call cannot delay. */
  kill(reason: EndReason): void {
    if (this.hasEnded) return;
    this.endReason ??= reason;
    // Whoever kills may wait for `ended`; an idle child's handles no longer keep the process alive.
    this.setActive(true);
    this.child.kill('SIGKILL');
  }

  private exchange(message: ParentMessage, id: number | undefined): Promise<ChildMessage> {
    if (!this.alive) return Promise.reject(new HostEndedError(this.endReason ?? 'crashed', 'not running'));
    if (this.pending) throw new Error('IsolatedHost: one request at a time');
    this.setActive(true);
    const watch = setInterval(() => void this.checkRss(), RSS_POLL_MS);
    return new Promise<ChildMessage>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.child.send(message);
    }).finally(() => {
      clearInterval(watch);
      this.setActive(false);
    });
  }

  private receive(message: ChildMessage): void {
    if (message.type === 'memory') {
      this.kill('memory');
      return;
    }
    const id = 'id' in message ? message.id : undefined;
    // A reply to another request can only be stale; requests are not pipelined.
    if (this.pending?.id === id) this.settle((p) => p.resolve(message));
  }

  private settle(how: (pending: Pending) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) how(pending);
  }

  /** Reads VmRSS from /proc (Linux); elsewhere the child's own watchdog is the only check. */
  private async checkRss(): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb !== undefined && Number(kb) * 1024 > this.budget.rssBudgetBytes + RSS_MARGIN_BYTES) {
      this.kill('memory');
    }
  }

  /** An idle child does not keep the parent running, as an idle in-process database would not. */
  private setActive(active: boolean): void {
    if (this.hasEnded) return;
    // stderr is a pipe socket, which has ref and unref, though its type does not say so.
    const stderr = this.child.stderr as Socket | null;
    for (const handle of [this.child, this.child.channel, stderr]) {
      if (active) handle?.ref();
      else handle?.unref();
    }
  }

  private appendStderr(chunk: string): void {
    this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL_CHARS);
  }
}

function unexpected(message: ChildMessage): Error {
  return new Error(`isolated-host answered with an unexpected '${message.type}' message`);
}

/**
 * Forks `isolated-host`: built, the `.js` beside this file under plain node; from source (tsx,
 * vitest), the `.ts`, with tsx's loader registered by its resolved path, since the working
 * directory may be a folder where `tsx` does not resolve.
 */
function forkHost(): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./isolated-host.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const execArgv = fromSource ? ['--import', tsxLoader()] : [];
  return fork(fileURLToPath(entry), [], {
    execArgv,
    // No stdin; stdout unused; stderr kept for error messages; 'advanced' (structured clone) hands
    // rows over exactly as the in-process path returns them, -0 included.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
}

function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}
