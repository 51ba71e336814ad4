/**
 * Investigations run in worker threads, so the thread that answers webhooks is never blocked by
 * analysis: during an alert storm, deliveries keep being acknowledged in milliseconds while
 * investigations run beside them. One thread per concurrent investigation; a thread whose
 * investigation is aborted (its lease was lost, the server is stopping) is terminated and replaced.
 */
import { Worker as Thread } from 'node:worker_threads';
import type { LoadedConfig } from '../config/load.js';
import type { EnvVars } from '../core/yaml-config.js';
import type { Investigation } from '../investigate/index.js';
import type { InvestigationRow, StoredAlert } from '../store/types.js';

/** An investigation from a thread: its evidence, when kept, comes packed (store's packEvidence). */
export type ThreadInvestigation = Investigation & { evidenceGzip?: Uint8Array };

type Reply =
  | { id: number; ok: true; result: Investigation; evidenceGzip?: Uint8Array }
  | { id: number; ok: false; error: string };

interface Slot {
  thread: Thread;
  busy: boolean;
  /** The investigation running in it, and how to give it up. */
  current?: { row: InvestigationRow; startedAt: number; abandon: (reason: Error) => void };
}

/** An investigation running in a thread. */
export interface RunningInvestigation {
  id: string;
  title: string;
  startedAt: number;
}

export class InvestigationThreads {
  private readonly slots: Slot[] = [];
  private next = 0;

  constructor(
    private readonly loaded: LoadedConfig,
    private readonly env: EnvVars,
    private readonly log: (line: string) => void,
  ) {}

  run(
    row: InvestigationRow,
    alerts: StoredAlert[],
    now: number,
    signal: AbortSignal,
  ): Promise<ThreadInvestigation> {
    const slot = this.slots.find((s) => !s.busy) ?? this.spawn();
    slot.busy = true;
    const id = this.next++;
    return new Promise<ThreadInvestigation>((resolve, reject) => {
      const done = () => {
        slot.thread.off('message', onMessage);
        slot.thread.off('error', onError);
        signal.removeEventListener('abort', onAbort);
        slot.busy = false;
        slot.current = undefined;
      };
      const onMessage = (reply: Reply | { warn: string }) => {
        if ('warn' in reply) return this.log(`warning: ${reply.warn}`);
        if (reply.id !== id) return;
        done();
        if (reply.ok)
          resolve({ ...reply.result, ...(reply.evidenceGzip && { evidenceGzip: reply.evidenceGzip }) });
        else reject(new Error(reply.error));
      };
      const onError = (error: Error) => {
        done();
        this.drop(slot);
        reject(error);
      };
      const onAbort = () => {
        done();
        this.drop(slot);
        reject(signal.reason instanceof Error ? signal.reason : new Error('investigation aborted'));
      };
      slot.current = {
        row,
        startedAt: Date.now(),
        abandon: (reason) => {
          done();
          this.drop(slot);
          reject(reason);
        },
      };
      slot.thread.on('message', onMessage);
      slot.thread.on('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
      slot.thread.postMessage({ id, row, alerts, now });
    });
  }

  /** Investigations running now, oldest first. */
  running(): RunningInvestigation[] {
    return this.slots
      .flatMap((s) => (s.current ? [s.current] : []))
      .sort((a, b) => a.startedAt - b.startedAt)
      .map((c) => ({ id: c.row.id, title: c.row.title, startedAt: c.startedAt }));
  }

  /**
   * Gives up every running investigation: their threads are terminated (a read stuck in the
   * kernel cannot hold the server) and their runs reject with `reason`, so the worker puts the
   * jobs back and another start resumes them.
   */
  abandon(reason: Error): RunningInvestigation[] {
    const running = this.running();
    for (const slot of [...this.slots]) slot.current?.abandon(reason);
    return running;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.thread.terminate()));
  }

  private spawn(): Slot {
    // Built, the thread is thread.js. From source (tsx, vitest) it is thread.ts, which a worker
    // can only load after registering tsx's loader in that thread.
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(`./thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
    const options = { workerData: { loaded: this.loaded, env: this.env } };
    const thread = fromSource
      ? new Thread(
          `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
          { ...options, eval: true },
        )
      : new Thread(entry, options);
    thread.unref();
    const slot = { thread, busy: false };
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.thread.terminate();
  }
}

/**
 * tsx's API module, resolved from here: a thread's `eval` code resolves bare names from the
 * process's working directory, which need not be a folder that has tsx (a server started elsewhere).
 */
function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}
