/**
 * The secret detectors, one row per kind, in the order they run. Each row says why its pattern
 * cannot match ordinary telemetry (UUIDs, trace ids, SHAs, hosts, paths, durations, SQL): either a
 * vendor prefix that nothing else uses, or a secret-like name right before the value.
 *
 * A pattern's named group `secret` is the part replaced (the rest, such as `Bearer ` or
 * `password=`, is kept so the text stays readable); without it the whole match is replaced.
 * `replace` may refuse a match (return undefined) or say what to put instead of the secret part.
 */
import { looksRandom } from './entropy.js';
import { isPlaceholder, KEYISH_NAME_SOURCE, SECRET_NAME_SOURCE } from './keys.js';

export const REDACTION_KINDS = [
  'private_key',
  'anthropic_key',
  'openai_key',
  'aws_access_key_id',
  'aws_secret_access_key',
  'github_token',
  'slack_webhook',
  'slack_token',
  'google_api_key',
  'stripe_key',
  'jwt',
  'url_password',
  'basic_auth',
  'bearer_token',
  'secret_assignment',
  'high_entropy_secret',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** What replaces a secret: `[REDACTED:<kind>]`. No quote, backslash or space, so JSON and logfmt stay valid. */
export function redactionMarker(kind: RedactionKind): string {
  return `[REDACTED:${kind}]`;
}

export type MatchGroups = Readonly<Record<string, string | undefined>>;

export interface Detector {
  kind: RedactionKind;
  /** Lower-case substrings one of which every match contains; text with none skips the row. */
  hints: readonly string[];
  /** Global. Groups `pre` + `secret` + `post` make up the match when `secret` is used. */
  pattern: RegExp;
  /** The replacement of the secret part, or undefined to keep the match as it is. Default: the marker. */
  replace?: (secret: string, marker: string, groups: MatchGroups) => string | undefined;
}

/**
 * A quote that may be escaped any number of levels: JSON inside a JSON string quotes its keys and
 * values `\"`, one level more `\\\"`, and so on (2^n - 1 backslashes at level n). Traces keep tool
 * inputs and request bodies as JSON text, so a tool argument that is itself JSON arrives two deep.
 */
const ANY_QUOTE = String.raw`\\*["']?`;
/** `key`, then an optional closing quote (escaped or not, kept as `keyQuote`), then `=`, `:` or `=>`. */
const ASSIGN = String.raw`(?<keyQuote>${ANY_QUOTE})\s*(?<sep>=>|[:=])\s*`;
const OPEN_QUOTE = ANY_QUOTE;
/**
 * A double-quoted value at any escaping level, opened by `<esc>"` and closed by the same `<esc>"`.
 * At level n, `esc` is E = 2^n - 1 backslashes and the value's own escapes (`\"`, `\\`, `\n`) are
 * E + 1 backslashes followed by one more level of the same: `<esc>\` then `<esc>"`, `<esc>\` or a
 * plain character. Every alternative starts differently from the closing quote, so the match is
 * linear, ends at the value's real closing quote (a quote inside the value cannot end it early),
 * and the marker that replaces it sits between two quotes of the same level: every level still parses.
 * A value cut off by the end of the text (a log line or tool input truncated at a size cap) is a
 * value too: it runs to the end.
 */
const QUOTED_AT_ANY_LEVEL = String.raw`(?<esc>\\*)"(?:[^"\\]|\k<esc>\\(?:\k<esc>["\\]|[^"\\]))*(?:\k<esc>"|$)`;
/** A name starts a word: not inside another name, an ARN (`…:secret:db-creds`) or a path (`/v1/secret:`). */
const NOT_NAME_BEFORE = '(?<![A-Za-z0-9_.:/-])';
/**
 * An unquoted value. Backslashes belong to it (`C:\dir`, an escaped `\n`) except the run that escapes
 * a closing quote: in `{\"msg\":\"password: Required\"}` the value is `Required`, and keeping the
 * `\` before `"` is what keeps the string valid.
 */
const BARE = String.raw`(?:[^\s,;&"'{}\[\]()<>\\]|\\+(?![\\"']))+`;
/** `${VAR}` and `{{ .var }}` first: they name where a secret lives and are kept (see isPlaceholder). */
const QUOTED_OR_BARE = String.raw`${QUOTED_AT_ANY_LEVEL}|'[^']*'|\$\{[^}\s]*\}|\{\{[^}]*\}\}|${BARE}`;
const AUTH_SCHEMES = /^(?:bearer|basic|token|digest|negotiate)$/i;

/**
 * A secret-like name's value: quoted values keep their quotes; plain words after `:` are prose.
 * An unquoted value after a quoted name and `:` is a JSON number (`"password":48213377`): its marker
 * gets the name's quotes, since a bare `[REDACTED:…]` there would no longer parse.
 */
function replaceAssigned(secret: string, marker: string, groups: MatchGroups): string | undefined {
  const quote = /^(\\*"|')/.exec(secret)?.[1] ?? '';
  const rest = secret.slice(quote.length);
  const inner = quote && rest.endsWith(quote) ? rest.slice(0, rest.length - quote.length) : rest;
  if (isPlaceholder(inner) || AUTH_SCHEMES.test(inner)) return undefined;
  if (quote) return `${quote}${marker}${quote}`;
  // "refresh token: connection refused", "password: Required": a message, not a value.
  if (groups.sep === ':' && /^[A-Za-z][a-z]{0,11}$/.test(inner)) return undefined;
  const keyQuote = groups.sep === ':' && /["']$/.test(groups.keyQuote ?? '') ? groups.keyQuote : '';
  return `${keyQuote}${marker}${keyQuote}`;
}

/** A base64 credential of HTTP basic auth decodes to printable `user:password`. */
function isBasicCredential(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

export const DETECTORS: readonly Detector[] = [
  {
    // The whole block, BEGIN to END; a block cut short (a truncated log line) up to where base64 stops.
    kind: 'private_key',
    hints: ['private key'],
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:-]*)/g,
  },
  {
    // `sk-ant-` is Anthropic's prefix alone; 20+ key characters after it.
    kind: 'anthropic_key',
    hints: ['sk-ant-'],
    pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g,
  },
  {
    // Project/service keys carry a typed prefix; legacy keys are 32+ letters and digits with no
    // hyphen, so `sk-worker-7d9f8b6c5-x2x4z` (a pod) never matches.
    kind: 'openai_key',
    hints: ['sk-'],
    pattern: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,})/g,
  },
  {
    // AWS key ids: AKIA (long-term) or ASIA (temporary) and exactly 16 upper-case letters or digits.
    kind: 'aws_access_key_id',
    hints: ['akia', 'asia'],
    pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  },
  {
    // 40 base64 characters carry no prefix, so only right after the name AWS gives them.
    kind: 'aws_secret_access_key',
    hints: ['secret'],
    pattern: new RegExp(
      `(?<pre>(?:aws_?)?secret_?access_?key${ASSIGN}${OPEN_QUOTE})(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
      'gi',
    ),
  },
  {
    // GitHub's documented prefixes (personal, OAuth, user-to-server, server, refresh; fine-grained).
    kind: 'github_token',
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g,
  },
  {
    // The host is Slack's; the path after /services/ is the secret, the host stays for context.
    kind: 'slack_webhook',
    hints: ['hooks.slack.com'],
    pattern:
      /(?<pre>https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)(?<secret>[A-Za-z0-9_/-]{8,})/g,
  },
  {
    // Slack's token prefixes: xoxb (bot), xoxp (user), xoxa/xoxr/xoxe/xoxs/xoxo, xapp (app-level).
    kind: 'slack_token',
    hints: ['xox', 'xapp-'],
    pattern: /\b(?:xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/g,
  },
  {
    // Google API keys: AIza and exactly 35 more characters.
    kind: 'google_api_key',
    hints: ['aiza'],
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    // Stripe secret and restricted keys (sk_/rk_ live or test); publishable pk_ keys are public.
    kind: 'stripe_key',
    hints: ['k_live_', 'k_test_'],
    pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  },
  {
    // Header and payload are base64url JSON objects, so both start `eyJ` (`{"`); ids never do twice.
    kind: 'jwt',
    hints: ['eyj'],
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  },
  {
    // scheme://user:password@host: only the password goes; scheme, user and host stay.
    kind: 'url_password',
    hints: ['://'],
    pattern: /(?<pre>\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/?#[\]"']*:)(?<secret>[^\s@/?#"']+)(?<post>@)/g,
    replace: (secret, marker) => (secret.startsWith('[REDACTED') ? undefined : marker),
  },
  {
    // `Basic <base64>` only when it decodes to user:password, so "Basic authentication" stays.
    kind: 'basic_auth',
    hints: ['basic'],
    pattern: /(?<pre>\bBasic\s+)(?<secret>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])/gi,
    replace: (secret, marker) => (isBasicCredential(secret) ? marker : undefined),
  },
  {
    // `Bearer <token>` when the token has a digit or is long: "bearer token missing" stays.
    kind: 'bearer_token',
    hints: ['bearer'],
    pattern: /(?<pre>\bBearer\s+)(?<secret>[A-Za-z0-9._~+/-]{8,}=*)/gi,
    replace: (secret, marker) => (/[0-9]/.test(secret) || secret.length >= 24 ? marker : undefined),
  },
  {
    // password=…, "client_secret": "…", token: …, X-Api-Key: … in logfmt, JSON, YAML, query strings
    // and headers. The name must END with the secret word (see keys.ts), so tokens=1200 stays.
    kind: 'secret_assignment',
    hints: ['pass', 'secret', 'token', 'key', 'credential', 'authorization', 'bearer'],
    pattern: new RegExp(
      String.raw`(?<pre>${NOT_NAME_BEFORE}${SECRET_NAME_SOURCE}${ASSIGN}(?:(?:Bearer|Basic|Token|Digest)\s+)?)(?<secret>${QUOTED_OR_BARE})`,
      'gi',
    ),
    replace: replaceAssigned,
  },
  {
    // Weaker names (signing_key, session_id, X-Signature) hide only a value that looks generated.
    kind: 'high_entropy_secret',
    hints: ['key', 'auth', 'sig', 'session', 'cookie', 'nonce', 'salt', 'hmac'],
    pattern: new RegExp(
      `(?<pre>${NOT_NAME_BEFORE}${KEYISH_NAME_SOURCE}${ASSIGN}${OPEN_QUOTE})(?<secret>[A-Za-z0-9+/_=-]{20,})`,
      'gi',
    ),
    replace: (secret, marker) => (looksRandom(secret) && !isUuid(secret) ? marker : undefined),
  },
];

/** An id by construction (RFC 9562 layout), never a key: `idempotency_key=<uuid>` stays. */
function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
