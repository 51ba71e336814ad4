/**
 * What one investigation holds while it runs: a cache of values computed once and shared by every
 * tool call (typed keys, so a key and its value cannot disagree), and the resources its tools
 * opened, each with the function that releases it. The coordinator creates one scope per
 * investigation and disposes it when the investigation ends, however it ends; a tool that opens
 * something registers its own dispose, so the coordinator never needs to know which tool did.
 *
 * Nothing here is module-level: two investigations in one process share no state.
 */

/**
 * A typed key into an investigation's cache. Keys compare by identity, so two modules that pick
 * the same description still get two entries; the description is for messages only.
 */
export interface CacheKey<T> {
  readonly description: string;
  /** Never set: carries `T` so `cache.get(key, …)` is typed by the key. */
  readonly valueType?: (value: T) => T;
}

/** Makes a cache key; declare it once, at module level, beside the code that computes the value. */
export function cacheKey<T>(description: string): CacheKey<T> {
  return Object.freeze({ description });
}

/** Values computed at most once per investigation. */
export interface InvestigationCache {
  /** The value under `key`, computing it with `compute` on the first call. */
  get<T>(key: CacheKey<T>, compute: () => T): T;
}

/** Releases one resource: kills a process, closes a handle. */
export type Dispose = () => void | Promise<void>;

export interface InvestigationScope {
  readonly cache: InvestigationCache;
  /**
   * Registers the release of a resource a tool has just opened. Once the scope is disposed, the
   * resource is released at once and `defer` throws, so a late tool call fails instead of leaking.
   */
  defer(dispose: Dispose): void;
  /**
   * Releases every registered resource, the last opened first, each even if an earlier one failed,
   * and empties the cache. Returns what failed, as data: the caller decides whether it matters.
   */
  dispose(): Promise<Error[]>;
}

export function createInvestigationScope(): InvestigationScope {
  const entries = new Map<object, unknown>();
  const disposers: Dispose[] = [];
  let disposed = false;

  const cache: InvestigationCache = {
    get<T>(key: CacheKey<T>, compute: () => T): T {
      if (disposed) throw new Error(`the investigation has ended; "${key.description}" cannot be computed`);
      if (!entries.has(key)) entries.set(key, compute());
      return entries.get(key) as T;
    },
  };

  return {
    cache,
    defer(dispose) {
      if (!disposed) {
        disposers.push(dispose);
        return;
      }
      Promise.resolve()
        .then(dispose)
        .catch(() => undefined);
      throw new Error('the investigation has ended: a resource opened now is closed at once');
    },
    async dispose() {
      disposed = true;
      entries.clear();
      const failures: Error[] = [];
      for (const release of disposers.splice(0).reverse()) {
        try {
          await release();
        } catch (thrown) {
          failures.push(thrown instanceof Error ? thrown : new Error(String(thrown)));
        }
      }
      return failures;
    },
  };
}

/**
 * Runs `work` in a fresh scope and disposes it in a `finally`. When `work` throws, its error is the
 * one thrown (a failing dispose must not hide why the investigation failed); when only disposing
 * fails, that is thrown, naming each failure.
 */
export async function withInvestigationScope<T>(work: (scope: InvestigationScope) => Promise<T>): Promise<T> {
  const scope = createInvestigationScope();
  let failed = false;
  try {
    return await work(scope);
  } catch (thrown) {
    failed = true;
    throw thrown;
  } finally {
    const failures = await scope.dispose();
    // biome-ignore lint/correctness/noUnsafeFinally: a leak must surface when the work itself succeeded
    if (failures.length > 0 && !failed) throw disposeError(failures);
  }
}

function disposeError(failures: readonly Error[]): Error {
  return new AggregateError(
    failures,
    `releasing the investigation's resources failed: ${failures.map((f) => f.message).join('; ')}`,
  );
}
