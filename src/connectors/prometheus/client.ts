/**
 * A small typed client of the Prometheus HTTP API: query_range, series and labels over GET. Every
 * request stops when the caller's signal aborts (rejecting with the signal's reason) or when the
 * timeout passes. Failures are NightshiftErrors that name the endpoint (never the credentials)
 * and say what to do; the token, password and header values are redacted from anything that
 * reaches a message.
 */
import type { z } from 'zod';
import { NightshiftError } from '../../core/index.js';
import { credentialsOf, scrub } from '../http-auth.js';
import type { PrometheusConfig } from './config.js';
import {
  type Envelope,
  envelopeSchema,
  labelsDataSchema,
  type MatrixSeries,
  matrixDataSchema,
  seriesDataSchema,
} from './wire.js';

export type ClientOptions = Pick<PrometheusConfig, 'url' | 'auth' | 'headers' | 'timeoutMs'>;

export interface Answer<T> {
  data: T;
  warnings: string[];
}

export interface PrometheusClient {
  /** The base URL without credentials, for messages. */
  readonly where: string;
  queryRange(
    query: string,
    window: { startMs: number; endMs: number; stepMs: number },
    signal?: AbortSignal,
  ): Promise<Answer<MatrixSeries[]>>;
  series(
    match: readonly string[],
    range: { startMs: number; endMs: number },
    signal?: AbortSignal,
  ): Promise<Answer<Record<string, string>[]>>;
  labels(range?: { startMs: number; endMs: number }, signal?: AbortSignal): Promise<Answer<string[]>>;
}

/** Prometheus takes times as seconds with decimals; three keep the millisecond. */
export function formatApiTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function createPrometheusClient(options: ClientOptions): PrometheusClient {
  const credentials = credentialsOf(options.url, options.auth, Object.values(options.headers));
  const base = credentials.url;
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const where = base.href.replace(/\/$/, '');
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (credentials.authorization) headers.authorization = credentials.authorization;
  const secrets = credentials.secrets;
  const redact = (text: string) => scrub(text, secrets);

  async function get<S extends z.ZodType>(
    path: string,
    params: [string, string][],
    schema: S,
    what: { query?: string },
    signal: AbortSignal | undefined,
  ): Promise<Answer<z.output<S>>> {
    signal?.throwIfAborted();
    const url = new URL(path, base);
    for (const [k, v] of params) url.searchParams.append(k, v);
    const endpoint = `${where}/${path}`;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let body: string;
    try {
      const res = await fetch(url, { headers, signal: combined });
      status = res.status;
      body = await res.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new NightshiftError(
          'QUERY_TIMEOUT',
          `Prometheus at ${endpoint} did not answer within ${options.timeoutMs} ms`,
          { hint: 'raise timeoutMs, shorten the range or narrow the match selectors', cause: error },
        );
      }
      throw new NightshiftError(
        'QUERY_FAILED',
        `cannot reach Prometheus at ${endpoint}: ${redact(causeText(error))}`,
        {
          hint: 'check the url and that Prometheus is up',
          cause: error,
        },
      );
    }
    if (status === 401 || status === 403) {
      throw new NightshiftError(
        'BAD_INPUT',
        `Prometheus at ${endpoint} refused the request (HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'})`,
        { hint: 'check prometheus.auth (bearer token, or username and password)' },
      );
    }
    const envelope = parseEnvelope(body);
    if (!envelope) {
      throw new NightshiftError(
        'QUERY_FAILED',
        `Prometheus at ${endpoint} answered HTTP ${status} with a body that is not the Prometheus API's: ${redact(snippet(body))}`,
        { hint: 'check that the url points at Prometheus (its API is under /api/v1)' },
      );
    }
    if (envelope.status === 'error' || status >= 400)
      throw apiError(endpoint, status, envelope, what.query, redact);
    const data = schema.safeParse(envelope.data);
    if (!data.success) {
      throw new NightshiftError(
        'QUERY_FAILED',
        `Prometheus at ${endpoint} answered with data of an unexpected shape: ${data.error.issues[0]?.message ?? ''}`,
        { hint: 'check that the url points at Prometheus 2.x or a compatible API' },
      );
    }
    return { data: data.data, warnings: envelope.warnings ?? [] };
  }

  return {
    where,
    async queryRange(query, window, signal) {
      const answer = await get(
        'api/v1/query_range',
        [
          ['query', query],
          ['start', formatApiTime(window.startMs)],
          ['end', formatApiTime(window.endMs)],
          ['step', String(window.stepMs / 1000)],
        ],
        matrixDataSchema,
        { query },
        signal,
      );
      return { data: answer.data.result, warnings: answer.warnings };
    },
    series(match, range, signal) {
      return get(
        'api/v1/series',
        [
          ...match.map((m): [string, string] => ['match[]', m]),
          ['start', formatApiTime(range.startMs)],
          ['end', formatApiTime(range.endMs)],
        ],
        seriesDataSchema,
        { query: match.join(' ') },
        signal,
      );
    },
    labels(range, signal) {
      const params: [string, string][] = range
        ? [
            ['start', formatApiTime(range.startMs)],
            ['end', formatApiTime(range.endMs)],
          ]
        : [];
      return get('api/v1/labels', params, labelsDataSchema, {}, signal);
    },
  };
}

function parseEnvelope(body: string): Envelope | undefined {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function apiError(
  endpoint: string,
  status: number,
  envelope: Envelope,
  query: string | undefined,
  redact: (text: string) => string,
): NightshiftError {
  const message = redact(envelope.error ?? `HTTP ${status}`);
  const forQuery = query === undefined ? '' : ` (query: ${redact(query)})`;
  switch (envelope.errorType) {
    case 'bad_data':
      return new NightshiftError(
        'BAD_INPUT',
        `Prometheus at ${endpoint} rejected the query: ${message}${forQuery}`,
        {
          hint: 'fix the match selectors in the prometheus config',
        },
      );
    case 'timeout':
    case 'canceled':
      return new NightshiftError(
        'QUERY_TIMEOUT',
        `Prometheus at ${endpoint} gave up: ${message}${forQuery}`,
        {
          hint: 'shorten the range, raise the step or narrow the match selectors',
        },
      );
    default:
      return new NightshiftError(
        'QUERY_FAILED',
        `Prometheus at ${endpoint} failed (${envelope.errorType ?? `HTTP ${status}`}): ${message}${forQuery}`,
        { hint: 'check Prometheus is healthy; its log says more' },
      );
  }
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty)';
}
