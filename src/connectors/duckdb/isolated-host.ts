/**
 * The child process that holds an isolated bundle database: started by `isolated-process.ts` with
 * `fork`, never run by hand. It loads the bundle when told, answers one query or description at a
 * time with the in-process path (`query`, `describeTables`), and ends itself when its memory passes
 * the budget or its parent goes away.
 *
 * DuckDB works on its own threads, so this process's JS thread stays free while a query runs: that
 * is what lets it watch its own RSS, which is the only measure that also counts what DuckDB
 * allocates outside its buffer manager (one huge value built during constant folding).
 */
import { serialize } from 'node:v8';
import { NightshiftError } from '../../core/index.js';
import { describeTables } from './describe.js';
import {
  type ChildMessage,
  type ParentMessage,
  parentMessageSchema,
  type WireError,
} from './isolated-protocol.js';
import { type BundleDb, loadBundle } from './load.js';
import { query } from './query.js';

/**
 * At ~250 MB/s (how fast `unnest(range(…))` grows), 50 ms lets a query pass its budget by ~12 MB
 * before it is stopped; each check is one `rss()` call, a few microseconds.
 */
const RSS_CHECK_MS = 50;
/**
 * A result travels to the parent in one message and is held there whole. 1000 rows of a few kB each
 * is ~5 MB; past 32 MB a result is refused, so that a query selecting huge values cannot move the
 * child's memory into the parent (which has no watchdog).
 */
const MAX_RESULT_BYTES = 32_000_000;

type Send = (message: ChildMessage, then?: () => void) => void;

if (process.send === undefined) {
  process.stderr.write('isolated-host is started by loadIsolatedBundle (isolated-db.ts), not run directly\n');
  process.exitCode = 2;
} else {
  serve((message, then) => process.send?.(message, undefined, undefined, () => then?.()));
}

/**
 * Ends the process at once. `process.exit` waits for DuckDB's threads, which a query stuck in one
 * long call holds for as long as that call runs (tens of seconds); SIGKILL does not wait.
 */
function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL did not end the process');
}

function serve(send: Send): void {
  let db: BundleDb | undefined;
  const interrupts = new Map<number, AbortController>();
  // With no parent there is no one to answer: a query still running would run on orphaned.
  process.on('disconnect', die);
  process.on('message', (raw) => {
    const message = parentMessageSchema.parse(raw);
    void handle(message);
  });

  async function handle(message: ParentMessage): Promise<void> {
    switch (message.type) {
      case 'load':
        try {
          db = await loadBundle(message.dir, { queryLimits: message.queryLimits });
          const memoryLimitBytes = db.duckdb.limits.memoryLimitBytes;
          // Loaded tables count against the budget as they do against DuckDB's memory_limit; RSS
          // after loading holds them, and the runtime's own memory besides.
          const rssBudgetBytes = process.memoryUsage.rss() + memoryLimitBytes;
          watchMemory(rssBudgetBytes, send);
          send({ type: 'loaded', rssBudgetBytes, memoryLimitBytes, loadMs: db.loadMs });
        } catch (error) {
          send({ type: 'load-failed', error: toWire(error) });
        }
        return;
      case 'query': {
        const controller = new AbortController();
        interrupts.set(message.id, controller);
        try {
          send(await runQuery(loaded(db), message, controller.signal));
        } finally {
          interrupts.delete(message.id);
        }
        return;
      }
      case 'describe':
        try {
          send({ type: 'tables', id: message.id, tables: await describeTables(loaded(db)) });
        } catch (error) {
          send({ type: 'failed', id: message.id, error: toWire(error) });
        }
        return;
      case 'interrupt':
        interrupts.get(message.id)?.abort();
        return;
    }
  }
}

/**
 * Runs the query and answers only once DuckDB has let go of it: a timed-out query may still be in a
 * call that does not see interrupts, and the parent reads the answer as "idle again".
 */
async function runQuery(
  db: BundleDb,
  message: Extract<ParentMessage, { type: 'query' }>,
  signal: AbortSignal,
): Promise<ChildMessage> {
  const { id, sql, maxRows, timeoutMs } = message;
  let onReleased = (): void => {};
  const released = new Promise<void>((resolve) => {
    onReleased = resolve;
  });
  try {
    const { columns, rows, truncated } = await query(db, sql, { maxRows, timeoutMs, signal, onReleased });
    const reply: ChildMessage = { type: 'result', id, columns, rows, truncated };
    const bytes = serialize(reply).byteLength;
    if (bytes > MAX_RESULT_BYTES) return { type: 'failed', id, error: toWire(resultTooLarge(bytes)) };
    return reply;
  } catch (error) {
    // Only a timeout can leave DuckDB working; any other error came back from DuckDB, or was thrown
    // before it started.
    if (error instanceof NightshiftError && error.code === 'QUERY_TIMEOUT') await released;
    return { type: 'failed', id, error: toWire(error) };
  }
}

function watchMemory(rssBudgetBytes: number, send: Send): void {
  const timer = setInterval(() => {
    const rssBytes = process.memoryUsage.rss();
    if (rssBytes <= rssBudgetBytes) return;
    clearInterval(timer);
    send({ type: 'memory', rssBytes, rssBudgetBytes }, die);
  }, RSS_CHECK_MS);
  // The IPC channel keeps the process alive; the watchdog alone should not.
  timer.unref();
}

function loaded(db: BundleDb | undefined): BundleDb {
  if (db === undefined) throw new Error('isolated-host: a request came before the bundle was loaded');
  return db;
}

function resultTooLarge(bytes: number): NightshiftError {
  const mb = (n: number): string => `${Math.round(n / 1e6)} MB`;
  return new NightshiftError(
    'QUERY_FAILED',
    `the result is ${mb(bytes)}, more than the ${mb(MAX_RESULT_BYTES)} a query may return; select fewer rows or columns`,
    { hint: 'Shorten long values (e.g. left(message, 200)) or aggregate instead of selecting raw rows.' },
  );
}

function toWire(error: unknown): WireError {
  if (error instanceof NightshiftError) {
    return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
