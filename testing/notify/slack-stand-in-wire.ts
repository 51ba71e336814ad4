/**
 * The Slack stand-in's wire format: request bodies as @slack/web-api sends them, messages as the
 * Web API returns them, message metadata as chat.postMessage checks it, and conversations.history's
 * paging. Pure functions; the server is slack-stand-in.ts.
 */
import type { Context } from 'hono';

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  edited: boolean;
  /** The message's metadata (`{event_type, event_payload}`), when it was posted with some. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** Marks a `blocks` or `metadata` field that was sent but is not JSON. */
export const INVALID_JSON = Symbol('invalid JSON');

/** Form bodies carry objects as JSON strings; JSON bodies carry them as they are. */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const parsed: unknown = await c.req.json().catch(() => ({}));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(await c.req.text()));
  for (const key of ['blocks', 'metadata'])
    if (typeof body[key] === 'string') body[key] = parseJson(body[key]);
  return body;
}

export async function readWebhookBody(c: Context): Promise<Record<string, unknown> | undefined> {
  const parsed = parseJson(await c.req.text());
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

/**
 * chat.postMessage's `metadata`: absent, valid, or the error Slack answers. Slack requires an
 * `event_type` string and an `event_payload` object (https://api.slack.com/metadata/using).
 */
export function parseMetadata(
  value: unknown,
): StoredMessage['metadata'] | { error: 'invalid_metadata_format' | 'invalid_metadata_schema' } | undefined {
  if (value === undefined) return undefined;
  if (value === INVALID_JSON || typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'invalid_metadata_format' };
  const { event_type, event_payload } = value as Record<string, unknown>;
  if (typeof event_type !== 'string' || event_type === '') return { error: 'invalid_metadata_schema' };
  if (typeof event_payload !== 'object' || event_payload === null || Array.isArray(event_payload))
    return { error: 'invalid_metadata_schema' };
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}

/** A message as the Web API returns it; metadata only where the caller asked for it, as Slack does. */
export function wireMessage(m: StoredMessage, withMetadata = false): Record<string, unknown> {
  return {
    type: 'message',
    bot_id: 'B0STANDIN',
    ts: m.ts,
    text: m.text ?? '',
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.edited ? { edited: { user: 'B0STANDIN', ts: m.ts } } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

/** conversations.history's `limit`: Slack's default is 100 and its maximum 999. */
const DEFAULT_HISTORY_LIMIT = 100;
const MAX_HISTORY_LIMIT = 999;

/**
 * One page of conversations.history: top-level messages (replies stay in their threads), newest
 * first, strictly between `oldest` and `latest` (or including them with `inclusive`). The cursor
 * names the ts the next page continues below, so messages posted between pages shift nothing.
 */
export function historyPage(
  messages: readonly StoredMessage[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const inclusive = body.inclusive === true || body.inclusive === 'true';
  const oldest = tsNumber(body.oldest) ?? 0;
  const latest = tsNumber(body.latest) ?? Number.POSITIVE_INFINITY;
  const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
  const below = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && below === undefined) return { ok: false, error: 'invalid_cursor' };
  const asked = Number(body.limit ?? DEFAULT_HISTORY_LIMIT);
  const limit = Math.min(
    Math.max(1, Number.isFinite(asked) ? asked : DEFAULT_HISTORY_LIMIT),
    MAX_HISTORY_LIMIT,
  );
  const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
  const inRange = messages
    .filter((m) => m.threadTs === undefined)
    .filter((m) => {
      const ts = Number(m.ts);
      const afterOldest = inclusive ? ts >= oldest : ts > oldest;
      const beforeLatest = inclusive ? ts <= latest : ts < latest;
      return afterOldest && beforeLatest && (below === undefined || ts < below);
    })
    .reverse();
  const page = inRange.slice(0, limit);
  const hasMore = inRange.length > limit;
  const last = page.at(-1);
  return {
    ok: true,
    messages: page.map((m) => wireMessage(m, withMetadata)),
    has_more: hasMore,
    pin_count: 0,
    ...(hasMore && last ? { response_metadata: { next_cursor: encodeCursor(last.ts) } } : {}),
  };
}

function tsNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Slack's cursors are opaque base64; ours carry the ts to continue below. */
function encodeCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString('base64');
}

function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64').toString();
  return text.startsWith('next_ts:') ? tsNumber(text.slice('next_ts:'.length)) : undefined;
}
