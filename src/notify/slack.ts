/**
 * The Slack notifier: the brief as Block Kit through the Web API (chat.postMessage), follow-ups and
 * the resolve as replies in its thread. Retries and rate limits are @slack/web-api's (it waits out
 * a 429's Retry-After), bounded by `retries` so a post gives up in seconds rather than the
 * client's default half hour. Errors say what to do and never carry the token (slack-errors.ts).
 *
 * The brief carries message metadata naming its investigation, so that after a crash between
 * Slack taking the post and the store recording it, `findBrief` finds it again in the channel's
 * history (conversations.history, which needs the channels:history or groups:history scope)
 * instead of the worker posting it twice.
 */

import { type ChatPostMessageArguments, type Logger, LogLevel, WebClient } from '@slack/web-api';
import { NightshiftError, untilAborted } from '../core/index.js';
import { messageText, resolvedText, slackBrief, standalone } from './slack-brief.js';
import { slackError } from './slack-errors.js';
import type { BriefMessage, Notifier, Thread } from './types.js';

export type SlackLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SlackNotifierOptions {
  /**
   * Bot User OAuth Token (xoxb-…) with the chat:write scope, and channels:history (groups:history
   * for a private channel) so a brief interrupted by a crash is found rather than posted again.
   */
  token: string;
  /** Channel ID (C0123ABCD) the bot is a member of. */
  channel: string;
  /** Web API base URL; a local stand-in in tests. Default https://slack.com/api/. */
  slackApiUrl?: string;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Retries after a failed or rate-limited request. Default 3. */
  retries?: number;
  /** Where the Slack client's log lines go. Default: warnings and errors to stderr. */
  log?: (level: SlackLogLevel, message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Slack message metadata `event_type` of a brief; its payload names the investigation. */
export const BRIEF_EVENT_TYPE = 'nightshift_brief';
/**
 * The lookup starts this long before the intent: Slack stamps messages with its own clock, and a
 * host whose clock runs ahead (no NTP, a VM resumed from suspend) would otherwise miss the brief.
 */
const LOOKUP_CLOCK_MARGIN_MS = 5 * 60_000;
/** Messages per conversations.history page (Slack allows up to 999; it recommends 200 at most). */
const HISTORY_PAGE_SIZE = 200;
/**
 * Pages read before giving up: 4,000 top-level messages since the intent. A channel busier than
 * that is not searched to its end; the worker retries, then posts marked as a possible repeat.
 */
const HISTORY_MAX_PAGES = 20;
const DEFAULT_RETRIES = 3;
/** Backoff between retries: 1 s, 2 s, 4 s … (randomised ×1–2 so instances spread out), at most 30 s. */
const RETRY_BACKOFF = { factor: 2, minTimeout: 1_000, maxTimeout: 30_000, randomize: true };

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const { channel } = options;
  if (options.token.trim() === '')
    throw new NightshiftError('BAD_INPUT', 'the Slack bot token is empty', {
      hint: "set the app's Bot User OAuth Token (xoxb-…)",
    });
  const client = new WebClient(options.token, {
    slackApiUrl: options.slackApiUrl ?? 'https://slack.com/api/',
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryConfig: { retries: options.retries ?? DEFAULT_RETRIES, ...RETRY_BACKOFF },
    logger: slackLogger(options.log ?? logToStderr),
  });

  const call = async <T>(method: string, start: () => Promise<T>, signal: AbortSignal | undefined) => {
    try {
      return await abortable(start, signal);
    } catch (error) {
      throw slackError(error, { method, channel });
    }
  };
  const post = (args: ChatPostMessageArguments, signal: AbortSignal | undefined) =>
    call('chat.postMessage', () => client.chat.postMessage(args), signal);

  const reply = async (
    thread: Thread | undefined,
    investigationId: string,
    text: string,
    signal?: AbortSignal,
  ) => {
    if (thread === undefined) {
      await post({ channel, text: standalone(investigationId, text) }, signal);
      return;
    }
    await post({ channel: thread.channel, thread_ts: thread.ts, text, reply_broadcast: false }, signal);
  };

  return {
    name: 'slack',
    async postBrief(message: BriefMessage, signal?: AbortSignal): Promise<Thread> {
      const { text, blocks } = slackBrief(message);
      const metadata = {
        event_type: BRIEF_EVENT_TYPE,
        event_payload: { investigation_id: message.investigationId },
      };
      const response = await post(
        { channel, text, blocks, metadata, unfurl_links: false, unfurl_media: false },
        signal,
      );
      if (response.channel === undefined || response.ts === undefined)
        throw new NightshiftError(
          'INTERNAL',
          'Slack accepted the brief but did not say where it is (no ts)',
          {
            hint: 'follow-ups for this investigation will not be threaded',
          },
        );
      return { channel: response.channel, ts: response.ts };
    },
    async findBrief(investigationId, since, signal) {
      const oldest = slackTs(since - LOOKUP_CLOCK_MARGIN_MS);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
        const args = {
          channel,
          oldest,
          include_all_metadata: true,
          limit: HISTORY_PAGE_SIZE,
          ...(cursor === undefined ? {} : { cursor }),
        };
        const response = await call(
          'conversations.history',
          () => client.conversations.history(args),
          signal,
        );
        const brief = response.messages?.find((m) => isBriefOf(m.metadata, investigationId));
        if (brief?.ts !== undefined) return { channel, ts: brief.ts };
        cursor = response.response_metadata?.next_cursor;
        if (response.has_more !== true || !cursor) return undefined;
      }
      throw new NightshiftError(
        'QUERY_FAILED',
        `Slack channel ${JSON.stringify(channel)} has more than ${HISTORY_MAX_PAGES * HISTORY_PAGE_SIZE} messages since the brief of investigation ${investigationId} was first attempted; stopped looking for it`,
        { hint: 'the brief will be posted marked as a possible repeat if it still cannot be found' },
      );
    },
    async postFollowUp(thread, followUp, signal) {
      await reply(thread, followUp.investigationId, messageText(followUp.text), signal);
    },
    async postResolved(thread, resolved, signal) {
      await reply(thread, resolved.investigationId, resolvedText(resolved), signal);
    },
  };
}

/** Whether a message's metadata marks it as the brief of this investigation. */
function isBriefOf(
  metadata: { event_type?: string; event_payload?: object } | undefined,
  investigationId: string,
): boolean {
  const payload = metadata?.event_payload as Record<string, unknown> | undefined;
  return metadata?.event_type === BRIEF_EVENT_TYPE && payload?.investigation_id === investigationId;
}

/** Epoch ms as a Slack timestamp (seconds with six decimals), never before the epoch. */
function slackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}

/**
 * WebClient takes no AbortSignal, so a cancelled post stops waiting here; a request already sent
 * may still reach Slack, and its late failure is dropped rather than left unhandled.
 */
function abortable<T>(start: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  const cancelled = () =>
    new NightshiftError('QUERY_TIMEOUT', 'stopped waiting for Slack: the post was cancelled', {
      hint: 'the message may still appear in the channel',
    });
  if (signal?.aborted) return Promise.reject(cancelled());
  return untilAborted(start(), signal, { reason: cancelled });
}

function logToStderr(level: SlackLogLevel, message: string): void {
  if (level === 'warn' || level === 'error') process.stderr.write(`nightshift slack ${level}: ${message}\n`);
}

/** Adapts a log function to the client's Logger; the client redacts tokens before it logs. */
function slackLogger(log: (level: SlackLogLevel, message: string) => void): Logger {
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts: unknown[]) => log('debug', text(parts)),
    info: (...parts: unknown[]) => log('info', text(parts)),
    warn: (...parts: unknown[]) => log('warn', text(parts)),
    error: (...parts: unknown[]) => log('error', text(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
