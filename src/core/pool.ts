/** Runs tasks with at most `limit` in flight, starting them in order (evals, analyze). */

/**
 * Calls `run` for each item, never more than `limit` at a time, and resolves when all have
 * settled. `run` is expected to return failures as data; a rejection stops new starts and is
 * rethrown once the running ones settle. An aborted `signal` also stops new starts.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined && !signal?.aborted) {
      const index = next++;
      try {
        await run(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
}
