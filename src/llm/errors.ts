/**
 * Provider failures in words an on-call engineer can act on. The AI SDK's errors carry the status
 * and body of the provider's answer; a one-line summary of them belongs in a brief's note or on
 * stderr, not a stack trace.
 */
import { APICallError, RetryError } from 'ai';
import { redactString } from '../anonymise/index.js';
import { NightshiftError } from '../core/index.js';

/**
 * A provider request that took longer than `llm.timeoutMs`. Its name is `TimeoutError`, like the
 * error of `AbortSignal.timeout`, so the AI SDK treats it as an abort (it does not wrap or retry it)
 * and callers need one check for both kinds of time limit.
 */
export class LlmTimeoutError extends NightshiftError {
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number, cause?: unknown) {
    super('QUERY_TIMEOUT', `the LLM at ${url} did not answer within ${timeoutMs} ms`, {
      hint: 'Check that the server is up and the model is loaded, or raise llm.timeoutMs in nightshift.yaml.',
      cause,
    });
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

const STATUS_ADVICE: Readonly<Record<number, string>> = {
  400: 'the provider rejected the request; check the model name and its support for tools and JSON output',
  401: 'the API key was refused; check the key for this provider',
  403: 'the API key may not use this model',
  404: 'not found; check the base URL (it usually ends in /v1) and the model name',
  429: 'rate limited or out of credit; retry later or lower the number of parallel investigations',
};

/**
 * One line that says what failed and what to do, for any error a model call can throw. Redacted: a
 * provider that rejects a key often quotes it, and the request URL may hold a password.
 */
export function explainLlmError(error: unknown): string {
  return redactString(explain(error));
}

function explain(error: unknown): string {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(last)) {
    const status = last.statusCode;
    const said = providerMessage(last.responseBody) ?? last.message;
    const advice =
      status === undefined
        ? 'no answer; check the base URL and that the server is running'
        : (STATUS_ADVICE[status] ??
          (status >= 500 ? 'the provider failed; retry later' : 'the provider refused the request'));
    return `${status === undefined ? 'request' : `HTTP ${status}`} from ${last.url}: ${said} (${advice})`;
  }
  if (last instanceof Error) return last.message;
  return String(last);
}

/** OpenAI-style (`{"error":{"message"}}`) and Anthropic-style bodies both put the reason in `error.message`. */
function providerMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    return typeof message === 'string' ? message : undefined;
  } catch {
    return body.slice(0, 200);
  }
}
