/**
 * The fetch the providers use: the global fetch with a time limit on each request. A caller's own
 * abort signal still works; whichever fires first ends the request. A generation with tools makes
 * one request per step, so this bounds each step, and a caller bounds the whole call with
 * `abortSignal` or `timeout`.
 */
import { LlmTimeoutError } from './errors.js';

export type FetchFunction = typeof globalThis.fetch;

export function fetchWithTimeout(timeoutMs: number, base: FetchFunction = globalThis.fetch): FetchFunction {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await base(input, { ...init, signal });
    } catch (error) {
      if (timeout.aborted && !init?.signal?.aborted)
        throw new LlmTimeoutError(urlOf(input), timeoutMs, error);
      throw error;
    }
  };
}

function urlOf(input: Parameters<FetchFunction>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
