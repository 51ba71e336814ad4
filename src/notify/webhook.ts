/**
 * Slack incoming webhooks: the fallback when there is no bot token. A webhook posts to one fixed
 * channel and cannot thread, so the brief names its investigation and follow-ups and the resolve
 * are messages of their own that name it too. The webhook URL is a secret (anyone holding it can
 * post), so no error message or log line carries it.
 */
import { redactString } from '../anonymise/index.js';
import { HttpError, httpText, NightshiftError } from '../core/index.js';
import { messageText, resolvedText, slackBrief, standalone } from './slack-brief.js';
import type { Notifier } from './types.js';

export interface SlackWebhookNotifierOptions {
  /** https://hooks.slack.com/services/T…/B…/… */
  url: string;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Slack's answers that mean this URL no longer posts anywhere. */
const DEAD_WEBHOOK = new Set([
  'no_service',
  'no_team',
  'invalid_token',
  'channel_not_found',
  'channel_is_archived',
  'action_prohibited',
  'team_disabled',
]);
const NEW_WEBHOOK_HINT =
  'create a new incoming webhook for the channel in the Slack app settings and configure its URL';

export function createSlackWebhookNotifier(options: SlackWebhookNotifierOptions): Notifier {
  const { url } = options;
  if (!isHttpUrl(url))
    throw new NightshiftError('BAD_INPUT', 'the Slack webhook URL is not an http(s) URL', {
      hint: 'it looks like https://hooks.slack.com/services/T…/B…/… (not shown here: it is a secret)',
    });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const send = async (body: { text: string; blocks?: unknown[] }, signal: AbortSignal | undefined) => {
    try {
      await httpText({
        service: 'the Slack webhook',
        url,
        urlIsSecret: true,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        timeoutMs,
        signal,
        scrub: redactString,
        hints: { timeout: 'check the network path to Slack, or raise the notifier timeout' },
      });
    } catch (error) {
      throw error instanceof HttpError ? webhookError(error) : error;
    }
  };

  return {
    name: 'slack-webhook',
    async postBrief(message, signal) {
      await send(slackBrief(message), signal);
      return undefined;
    },
    async postFollowUp(_thread, followUp, signal) {
      await send({ text: standalone(followUp.investigationId, messageText(followUp.text)) }, signal);
    },
    async postResolved(_thread, resolved, signal) {
      await send({ text: standalone(resolved.investigationId, resolvedText(resolved)) }, signal);
    },
  };
}

/** Slack's answers in Slack's words; the URL is never quoted (core/http.ts scrubs it from bodies). */
function webhookError(error: HttpError): NightshiftError {
  switch (error.kind) {
    case 'status':
      return answerError(error.status ?? 0, (error.excerpt ?? '').slice(0, 100));
    case 'cancelled':
      return new NightshiftError(
        'QUERY_TIMEOUT',
        'stopped waiting for the Slack webhook: the post was cancelled',
        { hint: 'the message may still appear in the channel' },
      );
    case 'unreachable':
      return new NightshiftError(
        'QUERY_FAILED',
        `could not reach the Slack webhook (${error.networkCode ?? 'network error'})`,
        { hint: 'check the network path to Slack (proxy, firewall, DNS)' },
      );
    default:
      return error;
  }
}

function answerError(status: number, answer: string): NightshiftError {
  const what = answer === '' ? `HTTP ${status}` : `HTTP ${status} ${answer}`;
  if (DEAD_WEBHOOK.has(answer) || status === 403 || status === 404 || status === 410)
    return new NightshiftError('BAD_INPUT', `Slack no longer accepts this incoming webhook (${what})`, {
      hint: NEW_WEBHOOK_HINT,
    });
  if (status === 429)
    return new NightshiftError('QUERY_FAILED', `Slack rate-limited the webhook (${what})`, {
      hint: 'too many messages at once: incoming webhooks allow about one message per second',
    });
  if (status === 400)
    return new NightshiftError('INTERNAL', `Slack rejected the message as malformed (${what})`, {
      hint: 'this is a bug in how Nightshift renders the message; please report it with the investigation id',
    });
  return new NightshiftError('QUERY_FAILED', `the Slack webhook failed (${what})`, {
    hint: 'Slack may be having trouble (https://slack-status.com); the post can be retried later',
  });
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
