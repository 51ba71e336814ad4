/**
 * A bundle database in a child process, so that the limits on a query are hard limits. Some queries
 * do all their work in one DuckDB call while the statement is prepared (`length(repeat('x',
 * 2000000000))`, `unnest(range(300000000))`): that call never looks at `interrupt()` and allocates
 * outside DuckDB's memory_limit, so in-process it would run on for tens of seconds, take gigabytes
 * and keep the process from exiting. In a child, a query past its deadline is interrupted and, if it
 * has not ended within KILL_GRACE_MS, killed; one past its memory budget is killed at once. The next
 * request starts a new child, which loads the bundle again.
 */
import { NightshiftError } from '../../core/index.js';
import type { QueryLimits } from './client.js';
import type { TableDescription } from './describe.js';
import { HostEndedError, HostLoadError, IsolatedHost } from './isolated-process.js';
import type { ChildReply, WireError } from './isolated-protocol.js';
import {
  DEFAULT_MAX_ROWS,
  DEFAULT_TIMEOUT_MS,
  memoryError,
  positiveInteger,
  type QueryOptions,
  type QueryResult,
  timeoutError,
} from './query.js';

/**
 * How long a query past its deadline has to unwind after the interrupt before its process is
 * killed. A query between units of work stops within one (milliseconds); one inside a single long
 * call never will, and 250 ms keeps the wait short while sparing a reload for the common case.
 */
const KILL_GRACE_MS = 250;
/** setTimeout fires at once for delays past 2^31 - 1 ms; longer limits are held to that. */
const MAX_TIMER_MS = 2_147_483_647;

export interface IsolatedLoadOptions {
  /** Memory (beyond the loaded tables) and threads a query may use; see `QueryLimits`. */
  queryLimits?: Partial<QueryLimits>;
}

/** The row cap and time limit of one query; see `QueryOptions`. */
export type IsolatedQueryOptions = Pick<QueryOptions, 'maxRows' | 'timeoutMs'>;

/** A bundle loaded into DuckDB in a child process; what the `sql` tool and `nightshift sql` use. */
export interface IsolatedBundleDb {
  readonly dir: string;
  /** The child process now holding the database; undefined after a kill, until the next request. */
  readonly pid: number | undefined;
  /**
   * As `query` in-process (same checks, results and errors), with hard limits: QUERY_TIMEOUT at the
   * deadline, after which the process is killed if the query has not stopped within 250 ms, and
   * QUERY_FAILED "the query needed more than …" when the process passes its memory budget.
   */
  query(sql: string, options?: IsolatedQueryOptions): Promise<QueryResult>;
  /** The tables with their columns and row counts, as `describeTables`. */
  describe(): Promise<TableDescription[]>;
  /** Kills the child; later requests reject. */
  close(): Promise<void>;
}

/**
 * Starts a child process, loads the bundle in `dir` into it and resolves once it is ready. Throws
 * what `loadBundle` throws for a bundle that cannot be loaded (NOT_FOUND, BAD_BUNDLE, BAD_INPUT).
 */
export async function loadIsolatedBundle(
  dir: string,
  options: IsolatedLoadOptions = {},
): Promise<IsolatedBundleDb> {
  const db = new IsolatedDb(dir, options.queryLimits ?? {});
  await db.warm();
  return db;
}

/**
 * A request's two ends: `answer` settles for the caller (a timed-out query at its deadline), `idle`
 * once the child is free for the next request (it answered, or it was killed).
 */
interface Turn<T> {
  answer: Promise<T>;
  idle: Promise<unknown>;
}

const LATE = Symbol('late');

class IsolatedDb implements IsolatedBundleDb {
  private host: IsolatedHost | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly limits: Partial<QueryLimits>,
  ) {}

  get pid(): number | undefined {
    return this.host?.pid;
  }

  warm(): Promise<void> {
    return this.enqueue(() => ({ answer: Promise.resolve(), idle: Promise.resolve() }));
  }

  query(sql: string, options: IsolatedQueryOptions = {}): Promise<QueryResult> {
    try {
      const maxRows = positiveInteger('maxRows', options.maxRows ?? DEFAULT_MAX_ROWS);
      const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return this.enqueue((host) => this.queryTurn(host, sql, maxRows, timeoutMs));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  describe(): Promise<TableDescription[]> {
    return this.enqueue((host) => {
      const reply = host.request({ type: 'describe', id: this.nextId++ });
      const answer = reply.then(
        (r) => (r.type === 'tables' ? r.tables : Promise.reject(replyError(r))),
        (error: unknown) => Promise.reject(endedError(error, host)),
      );
      return { answer, idle: reply.catch(() => undefined) };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const host = this.host;
    this.host = undefined;
    host?.kill('closed');
    await host?.ended;
  }

  /** Requests run one at a time, each once the child has finished with the one before. */
  private enqueue<T>(run: (host: IsolatedHost) => Turn<T>): Promise<T> {
    const turn = this.queue.then(async () => run(await this.ready()));
    this.queue = turn.then(
      (t) => t.idle,
      () => undefined,
    );
    return turn.then((t) => t.answer);
  }

  /** The live child, started (and the bundle loaded) first when there is none. */
  private async ready(): Promise<IsolatedHost> {
    if (this.closed) throw closedError();
    if (this.host?.alive) return this.host;
    const host = await IsolatedHost.start(this.dir, this.limits).catch((error: unknown) => {
      throw error instanceof HostLoadError ? fromWire(error.error) : endedError(error, undefined);
    });
    if (this.closed) {
      host.kill('closed');
      throw closedError();
    }
    this.host = host;
    return host;
  }

  private queryTurn(host: IsolatedHost, sql: string, maxRows: number, timeoutMs: number): Turn<QueryResult> {
    const id = this.nextId++;
    const started = performance.now();
    const reply = host.request({ type: 'query', id, sql, maxRows, timeoutMs });
    let deadlineTimer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof LATE>((resolve) => {
      deadlineTimer = setTimeout(() => resolve(LATE), Math.min(timeoutMs, MAX_TIMER_MS));
    });
    const answer = Promise.race([reply, deadline]).then(
      (outcome) => {
        if (outcome === LATE) {
          host.interrupt(id);
          graceTimer = setTimeout(() => host.kill('timeout'), KILL_GRACE_MS);
          throw timeoutError(performance.now() - started, timeoutMs);
        }
        if (outcome.type !== 'result') throw replyError(outcome);
        const { columns, rows, truncated } = outcome;
        return { columns, rows, truncated, elapsedMs: Math.round(performance.now() - started) };
      },
      (error: unknown) => {
        throw endedError(error, host);
      },
    );
    const idle = reply
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(deadlineTimer);
        clearTimeout(graceTimer);
      });
    return { answer, idle };
  }
}

function replyError(reply: ChildReply): Error {
  return reply.type === 'failed' ? fromWire(reply.error) : new Error(`unexpected '${reply.type}' reply`);
}

/** The child's error as the in-process path would have thrown it. */
function fromWire(error: WireError): Error {
  if (error.code === undefined) return new Error(`in the DuckDB process: ${error.message}`);
  return new NightshiftError(error.code, error.message, error.hint === undefined ? {} : { hint: error.hint });
}

/** What a caller is told when the child ended under its request. */
function endedError(error: unknown, host: IsolatedHost | undefined): Error {
  if (!(error instanceof HostEndedError)) return error instanceof Error ? error : new Error(String(error));
  switch (error.reason) {
    case 'memory':
      return memoryError(host?.budget.memoryLimitBytes ?? 0, error);
    case 'closed':
      return closedError();
    case 'timeout':
    case 'crashed':
      return new NightshiftError('QUERY_FAILED', `the DuckDB process ended unexpectedly (${error.detail})`, {
        hint: 'Run the query again: the bundle is loaded into a new process. A SIGKILL nobody sent is usually the system running out of memory.',
        cause: error,
      });
  }
}

function closedError(): NightshiftError {
  return new NightshiftError('QUERY_FAILED', 'the bundle database is closed', {
    hint: 'Load the bundle again (loadIsolatedBundle) to query it.',
  });
}
