/**
 * A small typed client of the Prometheus HTTP API: query_range, series and labels over GET,
 * through core/http.ts (timeout joined with the caller's signal, redirects refused, credentials
 * scrubbed). Failures are NightshiftErrors that name the endpoint (never the credentials) and say
 * what to do; the token, password and header values are redacted from anything that reaches a
 * message.
 */
import { z } from 'zod';
import { HttpError, httpJson, NightshiftError } from '../../core/index.js';
import { credentialsOf } from '../http-auth.js';
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
  const redact = credentials.scrub;

  async function get<S extends z.ZodType>(
    path: string,
    params: [string, string][],
    schema: S,
    what: { query?: string },
    signal: AbortSignal | undefined,
  ): Promise<Answer<z.output<S>>> {
    const url = new URL(path, base);
    for (const [k, v] of params) url.searchParams.append(k, v);
    try {
      const answer = await httpJson(
        {
          service: 'Prometheus',
          url,
          headers,
          timeoutMs: options.timeoutMs,
          signal,
          scrub: redact,
          hints: HINTS,
        },
        successSchema(schema),
      );
      return { data: answer.data, warnings: answer.warnings ?? [] };
    } catch (error) {
      throw error instanceof HttpError ? prometheusError(error, what.query, redact) : error;
    }
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

/** What to do about each way a request fails, for Prometheus. */
const HINTS = {
  timeout: 'raise timeoutMs, shorten the range or narrow the match selectors',
  unreachable: 'check the url and that Prometheus is up',
  redirect: 'set prometheus.url to the final address (redirects are not followed)',
  'not-json': 'check that the url points at Prometheus (its API is under /api/v1)',
  shape: 'check that the url points at Prometheus 2.x or a compatible API',
} as const;

/**
 * A success envelope whose data `schema` validates. Typed by hand: zod cannot resolve the output
 * of an object that holds a generic schema.
 */
function successSchema<S extends z.ZodType>(
  schema: S,
): z.ZodType<{ status: 'success'; data: z.output<S>; warnings?: string[] | undefined }> {
  return z.object({
    status: z.literal('success'),
    data: schema,
    warnings: z.array(z.string()).optional(),
  }) as unknown as z.ZodType<{ status: 'success'; data: z.output<S>; warnings?: string[] | undefined }>;
}

/** Prometheus answers errors in its envelope (`errorType`, `error`): quote it, with what to do. */
function prometheusError(
  error: HttpError,
  query: string | undefined,
  redact: (text: string) => string,
): NightshiftError {
  if (error.kind !== 'status' || error.status === undefined) return error;
  const { status } = error;
  const endpoint = error.endpoint ?? 'Prometheus';
  if (status === 401 || status === 403) {
    return new NightshiftError(
      'BAD_INPUT',
      `Prometheus at ${endpoint} refused the request (HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'})`,
      { hint: 'check prometheus.auth (bearer token, or username and password)' },
    );
  }
  const envelope = parseEnvelope(error.body ?? '');
  if (!envelope) {
    return new NightshiftError(
      'QUERY_FAILED',
      `Prometheus at ${endpoint} answered HTTP ${status} with a body that is not the Prometheus API's: ${error.excerpt || '(empty)'}`,
      { hint: HINTS['not-json'] },
    );
  }
  return apiError(endpoint, status, envelope, query, redact);
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
