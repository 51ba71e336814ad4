/**
 * The Slack notifier: the brief as Block Kit through the Web API (chat.postMessage), follow-ups and
 * the resolve as replies in its thread. Retries and rate limits are @slack/web-api's (it waits out
 * a 429's Retry-After), bounded by `retries` so a post gives up in seconds rather than the
 * client's default half hour. Errors say what to do and never carry the token (slack-errors.ts).
 */
import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { NightshiftError } from '../core/index.js';
import { messageText, resolvedText, slackBrief, standalone } from './slack-brief.js';
import { slackError } from './slack-errors.js';
import type { BriefMessage, Notifier, Thread } from './types.js';

export type SlackLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SlackNotifierOptions {
  /** Bot User OAuth Token (xoxb-…) with the chat:write scope. */
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

  const post = async (
    args: Parameters<typeof client.chat.postMessage>[0],
    signal: AbortSignal | undefined,
  ) => {
    try {
      return await abortable(() => client.chat.postMessage(args), signal);
    } catch (error) {
      throw slackError(error, { method: 'chat.postMessage', channel });
    }
  };

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
      const response = await post(
        { channel, text, blocks, unfurl_links: false, unfurl_media: false },
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
    async postFollowUp(thread, followUp, signal) {
      await reply(thread, followUp.investigationId, messageText(followUp.text), signal);
    },
    async postResolved(thread, resolved, signal) {
      await reply(thread, resolved.investigationId, resolvedText(resolved), signal);
    },
  };
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
  const promise = start();
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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
