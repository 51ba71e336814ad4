/**
 * A local stand-in for Slack, for tests and offline demos: a real HTTP server on 127.0.0.1 that
 * speaks the Web API wire format of chat.postMessage, chat.update and conversations.history
 * (form-encoded, as @slack/web-api sends them with `blocks` and `metadata` JSON-stringified, or
 * JSON with a bearer token) and of an incoming webhook. It answers the way Slack does where
 * Nightshift depends on it: bad tokens, missing scopes, unknown channels, a bot outside the
 * channel, replies to a thread that does not exist, message metadata, history paging, and Block
 * Kit limits (see block-kit.ts), so a message it accepts is a message Slack would accept. It can
 * also be slow on purpose (`delayNext`), for tests that kill a client while Slack holds its post.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { BLOCK_KIT_LIMITS, blockKitProblems } from '../../src/notify/block-kit.js';
import { listenOnLoopback } from '../loopback.js';
import {
  historyPage,
  INVALID_JSON,
  parseMetadata,
  readBody,
  readWebhookBody,
  type StoredMessage,
  wireMessage,
} from './slack-stand-in-wire.js';

export type { StoredMessage } from './slack-stand-in-wire.js';

export interface StandInOptions {
  /** The bot token the stand-in accepts. */
  token?: string;
  /** Channels the bot is a member of. */
  channels?: readonly string[];
  /** Channels that exist but the bot was never invited to (`not_in_channel`). */
  channelsWithoutBot?: readonly string[];
  /** The token's scopes. Default chat:write, channels:history and groups:history. */
  scopes?: readonly string[];
  /**
   * Slack's clock (epoch ms): message ts follow it, strictly increasing, as Slack's do. Default: a
   * fixed sequence from 1700000000.000100 in steps of 100 µs, so tests can name each ts.
   */
  now?: () => number;
}

export interface RecordedCall {
  /** `chat.postMessage`, `chat.update`, any other method name called, or `webhook`. */
  method: string;
  /** The body as parsed, with `blocks` and `metadata` decoded from JSON when form-encoded. */
  body: Record<string, unknown>;
  /** When the request arrived. */
  at: number;
  /**
   * What the stand-in answered (or will answer once a delay runs out): the JSON reply, or the
   * webhook's text body. Undefined when the client hung up before a request held by
   * `delayNext(…, { stage: 'receive' })` was taken: Slack never got that one.
   */
  reply: unknown;
  /** When the answer was sent; undefined while a delayed request is held (or was dropped). */
  answeredAt?: number;
}

export interface DelayOptions {
  /**
   * `answer` (default): the message is taken (stored) at once and the answer waits, like a Slack
   * that got the post and is slow to say so. `receive`: the request waits before it is taken, and
   * is dropped if the client hangs up meanwhile, like a post that never reached Slack.
   */
  stage?: 'answer' | 'receive';
  /** How many of the next chat.postMessage calls are held. Default 1. */
  count?: number;
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
  /** Holds the next chat.postMessage call(s) for `ms` (see DelayOptions). */
  delayNext(ms: number, options?: DelayOptions): void;
  close(): Promise<void>;
}

export const STAND_IN_TOKEN = 'xoxb-stand-in-token';
export const STAND_IN_CHANNEL = 'C0INCIDENTS';

/** The `slack:` section of a nightshift.yaml that points the bot at a stand-in, as YAML lines. */
export function standInSlackSection(standIn: Pick<SlackStandIn, 'url'>): string[] {
  return [
    'slack:',
    `  token: ${STAND_IN_TOKEN}`,
    `  channel: ${STAND_IN_CHANNEL}`,
    `  apiUrl: ${standIn.url}`,
  ];
}
const DEFAULT_SCOPES = ['chat:write', 'channels:history', 'groups:history'];
/** Slack timestamps are seconds with six digits of microseconds; ours start here and step by 100 µs. */
const FIRST_TS_MICROS = 1_700_000_000_000_000;
const TS_STEP_MICROS = 100;

type Reply = Record<string, unknown> & { ok: boolean };
type Body = Record<string, unknown>;
const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({ ok: false, error, ...extra });

/** Starts the stand-in on a free loopback port. */
export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const token = options.token ?? STAND_IN_TOKEN;
  const channels = options.channels ?? [STAND_IN_CHANNEL];
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const outsiders = new Set(options.channelsWithoutBot ?? []);
  const byChannel = new Map<string, StoredMessage[]>(channels.map((c) => [c, []]));
  const webhookPath = `/services/T0STANDIN/B0STANDIN/${randomBytes(12).toString('hex')}`;
  const calls: RecordedCall[] = [];
  let lastMicros = FIRST_TS_MICROS;
  let rateLimited = { count: 0, retryAfterSec: 0 };
  let delayed = { count: 0, ms: 0, stage: 'answer' as 'answer' | 'receive' };

  const nextTs = () => {
    const clock = options.now === undefined ? 0 : Math.floor(options.now() * 1000);
    lastMicros = Math.max(lastMicros + TS_STEP_MICROS, clock);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
  };
  const record = (method: string, body: Body, reply: unknown): RecordedCall => {
    const call: RecordedCall = { method, body, at: Date.now(), reply };
    calls.push(call);
    return call;
  };
  const takeRateLimit = () => {
    if (rateLimited.count === 0) return undefined;
    rateLimited.count--;
    return rateLimited.retryAfterSec;
  };
  const takeDelay = (method: string) => {
    if (method !== 'chat.postMessage' || delayed.count === 0) return undefined;
    delayed.count--;
    return { ms: delayed.ms, stage: delayed.stage };
  };

  const checkChannel = (channel: unknown): Reply | StoredMessage[] => {
    if (typeof channel !== 'string' || channel === '') return fail('channel_not_found');
    if (outsiders.has(channel)) return fail('not_in_channel');
    return byChannel.get(channel) ?? fail('channel_not_found');
  };

  /** The text and blocks of a new or edited message, or why Slack would refuse them. */
  const checkContent = (body: Body): Reply | undefined => {
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

  const postMessage = (body: Body): Reply => {
    const messages = checkChannel(body.channel);
    if (!Array.isArray(messages)) return messages;
    const invalid = checkContent(body);
    if (invalid) return invalid;
    const metadata = parseMetadata(body.metadata);
    if (metadata && 'error' in metadata) return fail(metadata.error);
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
      ...(metadata && { metadata }),
    };
    messages.push(message);
    return { ok: true, channel: message.channel, ts: message.ts, message: wireMessage(message) };
  };

  const update = (body: Body): Reply => {
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

  const history = (body: Body): Reply => {
    const messages = checkChannel(body.channel);
    if (!Array.isArray(messages)) return messages;
    return historyPage(messages, body) as Reply;
  };

  /** Each method and the scope Slack requires for it (history: channels:history, public channels). */
  const methods: Record<string, { scope: string; run: (body: Body) => Reply }> = {
    'chat.postMessage': { scope: 'chat:write', run: postMessage },
    'chat.update': { scope: 'chat:write', run: update },
    'conversations.history': { scope: 'channels:history', run: history },
  };

  const answer = (method: string, body: Body, bearer: string | undefined): Reply => {
    const given = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    if (given === undefined) return fail('not_authed');
    if (given !== token) return fail('invalid_auth');
    const handler = methods[method];
    if (!handler) return fail('unknown_method');
    if (!scopes.includes(handler.scope))
      return fail('missing_scope', { needed: handler.scope, provided: scopes.join(',') });
    return handler.run(body);
  };

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const app = new Hono();
  app.post('/api/:method', async (c) => {
    const method = c.req.param('method');
    const retryAfterSec = takeRateLimit();
    const body = await readBody(c);
    if (retryAfterSec !== undefined) {
      const reply = fail('ratelimited');
      record(method, body, reply).answeredAt = Date.now();
      return c.json(reply, 429, { 'Retry-After': String(retryAfterSec) });
    }
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const call = record(method, body, undefined);
    const delay = takeDelay(method);
    if (delay?.stage === 'receive') {
      await sleep(delay.ms);
      // The client hung up before Slack took the request: nothing was posted, nobody to answer.
      if (c.req.raw.signal.aborted) return c.body(null);
    }
    call.reply = answer(method, body, bearer);
    // A held answer is still written when the client has gone: Slack posted the message either way.
    if (delay?.stage === 'answer') await sleep(delay.ms);
    call.answeredAt = Date.now();
    return c.json(call.reply);
  });

  app.post('/services/*', async (c) => {
    const body = await readWebhookBody(c);
    const answerWebhook = (status: 200 | 400 | 404 | 429, text: string) => {
      record('webhook', body ?? {}, text).answeredAt = Date.now();
      return c.text(text, status);
    };
    if (c.req.path !== webhookPath) return answerWebhook(404, 'no_service');
    if (takeRateLimit() !== undefined) return answerWebhook(429, 'rate_limited');
    if (body === undefined) return answerWebhook(400, 'invalid_payload');
    const problem = checkContent(body);
    if (problem) return answerWebhook(400, problem.error as string);
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
    return answerWebhook(200, 'ok');
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
    delayNext: (ms, delayOptions = {}) => {
      delayed = { count: delayOptions.count ?? 1, ms, stage: delayOptions.stage ?? 'answer' };
    },
    close: server.close,
  };
}
