/**
 * Waiting on work that cannot itself be cancelled (a file open in Node's thread pool, a client
 * without an AbortSignal) until a signal says to stop waiting.
 */

/**
 * `promise`, or a rejection with `reason()` (default: the signal's reason) as soon as `signal` is
 * aborted. The work goes on in the background: a value that arrives after the abort is handed to
 * `late` (to close a file opened too late), and a late failure is dropped rather than left
 * unhandled.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  options: { late?: (value: T) => unknown; reason?: () => unknown } = {},
): Promise<T> {
  if (signal === undefined) return promise;
  const reason = () => (options.reason ? options.reason() : signal.reason);
  const dropLate = () => {
    promise.then(options.late).catch(() => undefined);
  };
  if (signal.aborted) {
    dropLate();
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      dropLate();
      reject(reason());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
