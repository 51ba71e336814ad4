/**
 * The fetch the providers use: the global fetch with a time limit on each request. A caller's own
 * abort signal still works; whichever fires first ends the request. A generation with tools makes
 * one request per step, so this bounds each step, and a caller bounds the whole call with
 * `abortSignal` or `timeout`.
 *
 * A base URL with credentials (`https://user:pass@gateway/v1`) would make fetch throw an error that
 * quotes the whole URL, password included, into an investigation's notes. The user and password
 * are sent as HTTP basic auth instead (unless the request already carries an Authorization header,
 * e.g. the provider's API key), and no error leaving here names them.
 */
import { redactString } from '../anonymise/index.js';
import { LlmTimeoutError } from './errors.js';

export type FetchFunction = typeof globalThis.fetch;

export function fetchWithTimeout(timeoutMs: number, base: FetchFunction = globalThis.fetch): FetchFunction {
  return async (rawInput, rawInit) => {
    const { input, init } = withoutUrlCredentials(rawInput, rawInit);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await base(input, { ...init, signal });
    } catch (error) {
      if (timeout.aborted && !init?.signal?.aborted)
        throw new LlmTimeoutError(redactString(urlOf(input)), timeoutMs, error);
      if (error instanceof Error) hideSecretsIn(error);
      throw error;
    }
  };
}

/**
 * Redacts the error's message in place, keeping its class (the AI SDK tells a network failure from
 * an abort by it). Defined as an own property: a DOMException's message is a getter.
 */
function hideSecretsIn(error: Error): void {
  const clean = redactString(error.message);
  if (clean !== error.message)
    Object.defineProperty(error, 'message', { value: clean, configurable: true, writable: true });
}

type FetchInput = Parameters<FetchFunction>[0];
type FetchInit = Parameters<FetchFunction>[1];

/** The URL without user and password, which move into an Authorization: Basic header. */
function withoutUrlCredentials(input: FetchInput, init: FetchInit): { input: FetchInput; init: FetchInit } {
  if (typeof input !== 'string' && !(input instanceof URL)) return { input, init };
  const url = URL.parse(input instanceof URL ? input.href : input);
  if (!url || (url.username === '' && url.password === '')) return { input, init };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const headers = new Headers(init?.headers);
  if (!headers.has('authorization')) {
    headers.set('authorization', `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`);
  }
  return { input: url.href, init: { ...init, headers } };
}

function urlOf(input: Parameters<FetchFunction>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
