/**
 * A local stand-in for Slack, for tests and offline demos: a real HTTP server on 127.0.0.1 that
 * speaks the Web API wire format of chat.postMessage and chat.update (form-encoded, as
 * @slack/web-api sends them with `blocks` JSON-stringified, or JSON with a bearer token) and of an
 * incoming webhook. It answers the way Slack does where Nightshift depends on it: bad tokens,
 * unknown channels, a bot outside the channel, replies to a thread that does not exist, and Block
 * Kit limits (see block-kit.ts), so a message it accepts is a message Slack would accept.
 */
import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { listenOnLoopback } from '../core/loopback.js';
import { BLOCK_KIT_LIMITS, blockKitProblems } from './block-kit.js';

export interface StandInOptions {
  /** The bot token the stand-in accepts. */
  token?: string;
  /** Channels the bot is a member of. */
  channels?: readonly string[];
  /** Channels that exist but the bot was never invited to (`not_in_channel`). */
  channelsWithoutBot?: readonly string[];
}

export interface RecordedCall {
  /** `chat.postMessage`, `chat.update`, any other method name called, or `webhook`. */
  method: string;
  /** The body as parsed, with `blocks` decoded from JSON when it came form-encoded. */
  body: Record<string, unknown>;
  at: number;
  /** What the stand-in answered: the JSON reply, or the webhook's text body. */
  reply: unknown;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  edited: boolean;
}

export interface SlackStandIn {
  /** Web API base URL, e.g. `http://127.0.0.1:PORT/api/`, for WebClient's `slackApiUrl`. */
  url: string;
  /** An incoming-webhook URL that posts to the first channel; its last segment is the secret. */
  webhookUrl: string;
  calls: RecordedCall[];
  /** Messages of a channel in the order they were posted (replies included). */
  messages(channel: string): StoredMessage[];
  /** The next `count` requests get HTTP 429 with `Retry-After: retryAfterSec`. */
  rateLimitNext(count: number, retryAfterSec?: number): void;
  close(): Promise<void>;
}

export const STAND_IN_TOKEN = 'xoxb-stand-in-token';
export const STAND_IN_CHANNEL = 'C0INCIDENTS';
/** Slack timestamps are seconds with six digits of microseconds; ours start here and step by 100 µs. */
const FIRST_TS_SECONDS = 1_700_000_000;

type Reply = Record<string, unknown> & { ok: boolean };
const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({ ok: false, error, ...extra });

/** Starts the stand-in on a free loopback port. */
export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const token = options.token ?? STAND_IN_TOKEN;
  const channels = options.channels ?? [STAND_IN_CHANNEL];
  const outsiders = new Set(options.channelsWithoutBot ?? []);
  const byChannel = new Map<string, StoredMessage[]>(channels.map((c) => [c, []]));
  const webhookPath = `/services/T0STANDIN/B0STANDIN/${randomBytes(12).toString('hex')}`;
  const calls: RecordedCall[] = [];
  let tsCount = 0;
  let rateLimited = { count: 0, retryAfterSec: 0 };

  const nextTs = () => {
    tsCount++;
    const micros = tsCount * 100;
    return `${FIRST_TS_SECONDS + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  };
  const record = (method: string, body: Record<string, unknown>, reply: unknown) =>
    calls.push({ method, body, at: Date.now(), reply });
  const takeRateLimit = () => {
    if (rateLimited.count === 0) return undefined;
    rateLimited.count--;
    return rateLimited.retryAfterSec;
  };

  const checkChannel = (channel: unknown): Reply | StoredMessage[] => {
    if (typeof channel !== 'string' || channel === '') return fail('channel_not_found');
    if (outsiders.has(channel)) return fail('not_in_channel');
    return byChannel.get(channel) ?? fail('channel_not_found');
  };

  /** The text and blocks of a new or edited message, or why Slack would refuse them. */
  const checkContent = (body: Record<string, unknown>): Reply | undefined => {
    const { text, blocks } = body;
    if (blocks === INVALID_JSON) return fail('invalid_blocks_format');
    if ((typeof text !== 'string' || text === '') && blocks === undefined) return fail('no_text');
    if (typeof text === 'string' && text.length > BLOCK_KIT_LIMITS.messageTextChars)
      return fail('msg_too_long');
    if (blocks === undefined) return undefined;
    const errors = blockKitProblems(blocks);
    return errors.length > 0
      ? fail('invalid_blocks', { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } })
      : undefined;
  };

  const postMessage = (body: Record<string, unknown>): Reply => {
    const messages = checkChannel(body.channel);
    if (!Array.isArray(messages)) return messages;
    const invalid = checkContent(body);
    if (invalid) return invalid;
    const threadTs = body.thread_ts;
    if (threadTs !== undefined && !messages.some((m) => m.ts === threadTs && m.threadTs === undefined))
      return fail('thread_not_found');
    const message: StoredMessage = {
      channel: body.channel as string,
      ts: nextTs(),
      text: typeof body.text === 'string' ? body.text : undefined,
      blocks: Array.isArray(body.blocks) ? body.blocks : undefined,
      threadTs: typeof threadTs === 'string' ? threadTs : undefined,
      edited: false,
    };
    messages.push(message);
    return { ok: true, channel: message.channel, ts: message.ts, message: wireMessage(message) };
  };

  const update = (body: Record<string, unknown>): Reply => {
    const messages = checkChannel(body.channel);
    if (!Array.isArray(messages)) return messages;
    const message = messages.find((m) => m.ts === body.ts);
    if (!message) return fail('message_not_found');
    const invalid = checkContent(body);
    if (invalid) return invalid;
    if (typeof body.text === 'string') message.text = body.text;
    if (Array.isArray(body.blocks)) message.blocks = body.blocks;
    message.edited = true;
    return {
      ok: true,
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: wireMessage(message),
    };
  };

  const methods: Record<string, (body: Record<string, unknown>) => Reply> = {
    'chat.postMessage': postMessage,
    'chat.update': update,
  };

  const app = new Hono();
  app.post('/api/:method', async (c) => {
    const method = c.req.param('method');
    const retryAfterSec = takeRateLimit();
    const body = await readBody(c);
    if (retryAfterSec !== undefined) {
      const reply = fail('ratelimited');
      record(method, body, reply);
      return c.json(reply, 429, { 'Retry-After': String(retryAfterSec) });
    }
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const given = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    const handler = methods[method];
    const reply =
      given === undefined
        ? fail('not_authed')
        : given !== token
          ? fail('invalid_auth')
          : handler
            ? handler(body)
            : fail('unknown_method');
    record(method, body, reply);
    return c.json(reply);
  });

  app.post('/services/*', async (c) => {
    const body = await readWebhookBody(c);
    const answer = (status: 200 | 400 | 404 | 429, text: string) => {
      record('webhook', body ?? {}, text);
      return c.text(text, status);
    };
    if (c.req.path !== webhookPath) return answer(404, 'no_service');
    if (takeRateLimit() !== undefined) return answer(429, 'rate_limited');
    if (body === undefined) return answer(400, 'invalid_payload');
    const problem = checkContent(body);
    if (problem) return answer(400, problem.error as string);
    const channel = channels[0];
    if (channel !== undefined)
      byChannel.get(channel)?.push({
        channel,
        ts: nextTs(),
        text: typeof body.text === 'string' ? body.text : undefined,
        blocks: Array.isArray(body.blocks) ? body.blocks : undefined,
        threadTs: undefined,
        edited: false,
      });
    return answer(200, 'ok');
  });

  const server = await listenOnLoopback(app.fetch);
  const base = server.url;
  return {
    url: `${base}/api/`,
    webhookUrl: `${base}${webhookPath}`,
    calls,
    messages: (channel) => [...(byChannel.get(channel) ?? [])],
    rateLimitNext: (count, retryAfterSec = 0) => {
      rateLimited = { count, retryAfterSec };
    },
    close: server.close,
  };
}

/** Marks a `blocks` field that was sent but is not JSON (Slack: `invalid_blocks_format`). */
const INVALID_JSON = Symbol('invalid JSON');

/** Form bodies carry objects as JSON strings; JSON bodies carry them as they are. */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const parsed: unknown = await c.req.json().catch(() => ({}));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(await c.req.text()));
  if (typeof body.blocks === 'string') body.blocks = parseJson(body.blocks);
  return body;
}

async function readWebhookBody(c: Context): Promise<Record<string, unknown> | undefined> {
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

function wireMessage(m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    bot_id: 'B0STANDIN',
    ts: m.ts,
    text: m.text ?? '',
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.edited ? { edited: { user: 'B0STANDIN', ts: m.ts } } : {}),
  };
}
