/**
 * Names that say "the value next to me is a secret", and values that are not worth hiding even
 * there. Shared by the text detectors (`password=…` in a log line) and by `redactDeep` (a
 * `password` field of an object), so both agree on what a secret-like name is.
 */

/**
 * The secret words a name must END with (any prefix: `db_password`, `githubToken`, `X-Api-Key`).
 * Ending, not containing, is what keeps `tokens=1200`, `token_count`, `max_tokens`, `secret_arn`
 * and `password_reset` ordinary: the word must be the last part of the name.
 */
const SECRET_WORDS =
  'pass(?:word|wd)|secrets?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|authorization|bearer';

/** Source of a regex matching a whole secret-like name (no anchors, no flags; use with `i`). */
export const SECRET_NAME_SOURCE = `[A-Za-z0-9_.-]*?(?:${SECRET_WORDS})`;

/**
 * Weaker names: `signing_key`, `session_id`, `X-Signature`, `hmac`. Their values are often ids or
 * cache keys (`key=product:123`), so they are redacted only when the value also looks random (see
 * the `high_entropy_secret` detector).
 */
export const KEYISH_NAME_SOURCE = `[A-Za-z0-9_.-]*?(?:key|auth|signature|sig|session(?:[_-]?id)?|cookie|nonce|salt|hmac)`;

const SECRET_NAME = new RegExp(`^${SECRET_NAME_SOURCE}$`, 'i');

/** True for a field or attribute name whose value is a secret: `password`, `client_secret`, `http.request.header.authorization`. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Values that say nothing even under a secret name, and are kept so the text stays readable:
 * empty, already redacted or masked (`***`, `xxxx`), a reference to where the secret lives
 * (`${DB_PASSWORD}`, `{{ .token }}`, `<token>`), a flag or null, and short numbers (`token: 0`,
 * `secrets: 2` counts). Six digits and more can be a PIN or a numeric secret and are hidden.
 */
const PLACEHOLDER =
  /^(?:|\*+|x+|\.+|-+|null|nil|none|undefined|true|false|yes|no|redacted|hidden|\d{1,5}|<[^<>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\[REDACTED(?::[a-z_]+)?\])$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}
