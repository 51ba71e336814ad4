/**
 * Slack's failures as NightshiftErrors that say what to do. Messages are built only from Slack's
 * error codes, the method and the channel: never from the request, so the bot token cannot leak
 * into an error or a log line that prints one.
 */
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { NightshiftError } from '../core/index.js';

const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);
const MALFORMED_MESSAGE = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text']);

const BUG_HINT =
  'this is a bug in how Nightshift renders the brief; please report it with the investigation id';

export function slackError(error: unknown, where: { method: string; channel: string }): NightshiftError {
  if (error instanceof NightshiftError) return error;
  if (error instanceof WebAPIPlatformError) return platformError(error, where);
  if (error instanceof WebAPIRateLimitedError) return rateLimited(error.retryAfter, error);
  if (error instanceof WebAPIHTTPError)
    return new NightshiftError('QUERY_FAILED', `Slack ${where.method} failed with HTTP ${error.statusCode}`, {
      hint: 'Slack may be having trouble (https://slack-status.com); if you set slackApiUrl, check that it points at the Web API',
      cause: error,
    });
  if (error instanceof WebAPIRequestError) {
    // WebClient retries a 429 itself and, once out of retries, reports it as a request error.
    if (/rate limit/i.test(error.original.message)) return rateLimited(undefined, error);
    if (error.original.name === 'TimeoutError' || error.original.name === 'AbortError')
      return new NightshiftError('QUERY_TIMEOUT', `Slack did not answer ${where.method} in time`, {
        hint: 'check the network path to Slack, or raise the notifier timeout',
        cause: error,
      });
    return new NightshiftError(
      'QUERY_FAILED',
      `could not reach Slack for ${where.method}: ${reason(error)}`,
      {
        hint: 'check the network path to Slack (proxy, firewall, DNS)',
        cause: error,
      },
    );
  }
  return new NightshiftError('INTERNAL', `Slack ${where.method} failed unexpectedly`, { cause: error });
}

function platformError(error: WebAPIPlatformError, where: { method: string; channel: string }) {
  const code = error.data.error;
  const channel = JSON.stringify(where.channel);
  if (TOKEN_ERRORS.has(code))
    return new NightshiftError('BAD_INPUT', `Slack rejected the bot token (${code})`, {
      hint: "check the Slack bot token Nightshift is configured with: it must be the app's Bot User OAuth Token (xoxb-…) and the app must still be installed in the workspace",
      cause: error,
    });
  if (code === 'missing_scope') return missingScope(error, where.method);
  if (code === 'channel_not_found')
    return new NightshiftError('NOT_FOUND', `Slack channel ${channel} was not found (channel_not_found)`, {
      hint: `check the channel ID (Channel details → About, e.g. C0123ABCD); if the channel is private, invite the bot to it: type /invite @<your bot> in ${channel}`,
      cause: error,
    });
  if (code === 'not_in_channel')
    return new NightshiftError(
      'BAD_INPUT',
      `the bot is not a member of Slack channel ${channel} (not_in_channel)`,
      {
        hint: `invite the bot to the channel: type /invite @<your bot> in ${channel}`,
        cause: error,
      },
    );
  if (code === 'is_archived')
    return new NightshiftError('BAD_INPUT', `Slack channel ${channel} is archived (is_archived)`, {
      hint: 'unarchive the channel or configure another one',
      cause: error,
    });
  if (code === 'thread_not_found' || code === 'message_not_found')
    return new NightshiftError('NOT_FOUND', `the brief's Slack message in ${channel} is gone (${code})`, {
      hint: 'the brief was probably deleted; follow-ups need it to thread under',
      cause: error,
    });
  if (code === 'ratelimited') return rateLimited(undefined, error);
  if (MALFORMED_MESSAGE.has(code)) {
    const listed: unknown = (error.data as { errors?: unknown }).errors;
    const errors = Array.isArray(listed) ? `: ${listed.slice(0, 3).join('; ')}` : '';
    return new NightshiftError('INTERNAL', `Slack rejected the message as malformed (${code})${errors}`, {
      hint: BUG_HINT,
      cause: error,
    });
  }
  return new NightshiftError('QUERY_FAILED', `Slack ${where.method} failed: ${code}`, {
    hint: `see https://api.slack.com/methods/${where.method} for what "${code}" means`,
    cause: error,
  });
}

/** What each method Nightshift calls needs the scope for, and the scope when Slack does not say. */
const SCOPES: Record<string, { scope: string; for: string; without?: string }> = {
  'chat.postMessage': { scope: 'chat:write', for: 'post messages' },
  'conversations.history': {
    scope: 'channels:history (groups:history for a private channel)',
    for: "read the channel's history",
    without:
      '; until then, a brief whose post a restart interrupted cannot be looked up, and is posted again marked as a possible repeat',
  },
};

function missingScope(error: WebAPIPlatformError, method: string): NightshiftError {
  const known = SCOPES[method];
  // Slack names the missing scope in `needed` (and what the token has in `provided`).
  const needed: unknown = (error.data as { needed?: unknown }).needed;
  const scope = typeof needed === 'string' && needed !== '' ? needed : (known?.scope ?? 'another scope');
  return new NightshiftError(
    'BAD_INPUT',
    `the Slack app may not ${known?.for ?? `call ${method}`}: ${method} needs the ${scope} scope (missing_scope)`,
    {
      hint: `add ${scope} to the Slack app's bot token scopes (OAuth & Permissions), reinstall the app, and use the new bot token${known?.without ?? ''}`,
      cause: error,
    },
  );
}

function rateLimited(retryAfterSec: number | undefined, cause: unknown): NightshiftError {
  const wait = retryAfterSec === undefined ? '' : ` (Slack asked to wait ${retryAfterSec} s)`;
  return new NightshiftError('QUERY_FAILED', `Slack rate-limited the notifier and retries ran out${wait}`, {
    hint: 'too many messages at once: Slack allows about one message per second per channel; the post can be retried later',
    cause,
  });
}

/** The low-level reason (`ECONNREFUSED`, `ENOTFOUND`) without request details. */
function reason(error: WebAPIRequestError): string {
  const cause = error.original.cause;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  return code ?? error.original.message;
}
