/**
 * A local stand-in for Loki, for tests: a real HTTP server on 127.0.0.1 that answers
 * GET /loki/api/v1/query_range the way Loki does for a log query. It checks what it receives as
 * Loki would (nanosecond start and end, a stream selector with at least one non-empty matcher, a
 * limit within Loki's default `max_entries_limit_per_query` of 5000, a direction) and records
 * every request, filters by time (start inclusive, end exclusive) and by the selector's label
 * matchers, honours the limit (oldest first for direction=forward, newest first for backward) and
 * answers in Loki's wire format. Errors are plain text, as Loki sends them.
 *
 * Log records are stored the way a promtail or alloy pipeline ships them: stream labels
 * `{service, level}`, the line is the message, and a trace id travels as structured metadata
 * (`trace_id`), which Loki returns merged into the stream labels unless the client asks for
 * categorised labels.
 */
import { Hono } from 'hono';
import type { LogRecord } from '../../src/core/index.js';
import { listenOnLoopback, type StandIn } from '../loopback.js';

export interface LokiEntryRecord {
  ns: bigint;
  labels: Record<string, string>;
  metadata: Record<string, string>;
  line: string;
}

export interface LokiRequest {
  query: string;
  start: string;
  end: string;
  limit: string;
  direction: string;
  headers: Record<string, string>;
}

export type LokiStandIn = StandIn<LokiRequest>;

export interface LokiStandInOptions {
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  bearer?: string;
  /** When set, requests must carry this `X-Scope-OrgID`. */
  tenant?: string;
  /** Loki's `max_entries_limit_per_query`. */
  maxLimit?: number;
  /** Waits this long before answering (to test timeouts). */
  delayMs?: number;
}

/** A bundle's log records as promtail would ship them. */
export function toLokiEntries(records: readonly LogRecord[]): LokiEntryRecord[] {
  return records.map((r): LokiEntryRecord => {
    const metadata: Record<string, string> = {};
    if (r.traceId !== undefined) metadata.trace_id = r.traceId;
    return {
      ns: BigInt(r.ts) * 1_000_000n,
      labels: { service: r.service, level: r.level },
      metadata,
      line: r.message,
    };
  });
}

interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  /** Loki's regex matchers are anchored at both ends. */
  re: RegExp;
}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*/;

/** Parses `{a="x", b=~"y"}`; the error text is Loki's style for a bad query. */
export function parseSelector(query: string): Matcher[] | string {
  const text = query.trim();
  if (!text.startsWith('{')) return 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER';
  let rest = text.slice(1);
  const matchers: Matcher[] = [];
  for (;;) {
    const m = MATCHER.exec(rest);
    if (!m)
      return `parse error at line 1, col ${text.length - rest.length + 1}: syntax error: unexpected token`;
    const value: string = JSON.parse(`"${m[3]}"`);
    matchers.push({
      label: m[1] as string,
      op: m[2] as Matcher['op'],
      value,
      re: new RegExp(`^(?:${value})$`),
    });
    rest = rest.slice(m[0].length);
    if (rest.startsWith(',')) {
      rest = rest.slice(1);
      continue;
    }
    if (rest.trim() === '}') break;
    return `parse error at line 1, col ${text.length - rest.length + 1}: syntax error: unexpected token`;
  }
  const nonEmpty = matchers.some(
    (m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !m.re.test('')),
  );
  if (!nonEmpty)
    return 'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will';
  return matchers;
}

const TEST: Record<Matcher['op'], (m: Matcher, v: string) => boolean> = {
  '=': (m, v) => v === m.value,
  '!=': (m, v) => v !== m.value,
  '=~': (m, v) => m.re.test(v),
  '!~': (m, v) => !m.re.test(v),
};

function matches(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => TEST[m.op](m, labels[m.label] ?? ''));
}

const NS_EPOCH = /^\d{19}$/;

export async function startLokiStandIn(
  entries: readonly LokiEntryRecord[],
  options: LokiStandInOptions = {},
): Promise<LokiStandIn> {
  const sorted = [...entries].sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
  const maxLimit = options.maxLimit ?? 5000;
  const requests: LokiRequest[] = [];
  const problems: string[] = [];
  const app = new Hono();

  app.get('/loki/api/v1/query_range', async (c) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const q = (name: string) => c.req.query(name) ?? '';
    const request: LokiRequest = {
      query: q('query'),
      start: q('start'),
      end: q('end'),
      limit: q('limit'),
      direction: q('direction'),
      headers: c.req.header(),
    };
    requests.push(request);
    const reject = (status: 400 | 401, text: string) => {
      problems.push(text);
      return c.text(`${text}\n`, status);
    };
    if (options.bearer !== undefined && c.req.header('authorization') !== `Bearer ${options.bearer}`)
      return c.text('no org id\n', 401);
    if (options.tenant !== undefined && c.req.header('x-scope-orgid') !== options.tenant)
      return c.text('no org id\n', 401);
    if (!NS_EPOCH.test(request.start))
      return reject(400, `invalid parameter "start": not a nanosecond epoch: ${request.start}`);
    if (!NS_EPOCH.test(request.end))
      return reject(400, `invalid parameter "end": not a nanosecond epoch: ${request.end}`);
    const start = BigInt(request.start);
    const end = BigInt(request.end);
    if (end < start) return reject(400, 'end timestamp must not be before or equal to start time');
    const limit = Number(request.limit);
    if (!Number.isInteger(limit) || limit <= 0)
      return reject(400, `invalid parameter "limit": ${request.limit}`);
    if (limit > maxLimit)
      return reject(
        400,
        `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxLimit})`,
      );
    if (request.direction !== 'forward' && request.direction !== 'backward')
      return reject(400, `invalid parameter "direction": ${request.direction}`);
    const matchers = parseSelector(request.query);
    if (typeof matchers === 'string') return reject(400, matchers);

    const inRange = sorted.filter(
      (e) => e.ns >= start && e.ns < end && matches(matchers, { ...e.labels, ...e.metadata }),
    );
    const page =
      request.direction === 'forward' ? inRange.slice(0, limit) : inRange.reverse().slice(0, limit);
    const streams = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
    for (const e of page) {
      const stream = { ...e.labels, ...e.metadata };
      const key = JSON.stringify(Object.entries(stream).sort());
      let target = streams.get(key);
      if (!target) {
        target = { stream, values: [] };
        streams.set(key, target);
      }
      target.values.push([e.ns.toString(), e.line]);
    }
    return c.json({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [...streams.values()],
        stats: { summary: { totalEntriesReturned: page.length, execTime: 0.001 } },
      },
    });
  });

  const server = await listenOnLoopback(app.fetch);
  return {
    url: server.url,
    requests,
    problems,
    close: server.close,
  };
}
