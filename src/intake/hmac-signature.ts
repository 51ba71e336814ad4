/**
 * HMAC-SHA256 request signatures with an optional signed timestamp, for the senders that sign
 * that way:
 *
 * - the generic webhook (ours): `X-Nightshift-Signature: sha256=<hex>` of the raw body, or, with
 *   `X-Nightshift-Timestamp: <unix seconds>`, of `<timestamp>.<raw body>`;
 * - Grafana's webhook contact point: bare hex in `X-Grafana-Alerting-Signature` of the raw body,
 *   or, when the contact point names a Timestamp Header, of `<timestamp>:<raw body>` (grafana/
 *   alerting http/hmac.go; the header's name is the user's choice, Grafana has no default).
 *
 * A signature alone proves who sent the body but not when: anyone who sees one delivery can send
 * it again forever. A signed timestamp bounds that to the tolerance, and intake's event ids and
 * ordering catch repeats inside it. The signature is checked before the time, so a stranger learns
 * nothing about our clock. Comparisons are constant-time over the raw bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface HmacScheme {
  secret: string;
  /** Ours must start `sha256=`; Grafana sends bare hex (a `sha256=` prefix is accepted). */
  prefix: 'required' | 'optional';
  /** What joins the timestamp and the body in the signed text: `.` ours, `:` Grafana's. */
  separator: string;
  /** Refuse a request without a timestamp (else one without is checked over the body alone). */
  timestampRequired: boolean;
  /** Largest distance between the signed timestamp and our clock. */
  toleranceMs: number;
}

export type HmacCheck =
  | { result: 'valid' }
  | { result: 'missing' }
  | { result: 'invalid' }
  | { result: 'no-timestamp' }
  | { result: 'bad-timestamp' }
  | { result: 'stale'; skewMs: number };

/** Unix seconds: up to 12 digits (past the year 33000), no sign, no fraction. */
const SECONDS = /^\d{1,12}$/;

export function verifyHmacSignature(
  request: { rawBody: Uint8Array; signature: string | undefined; timestamp: string | undefined },
  scheme: HmacScheme,
  nowMs: number,
): HmacCheck {
  const { rawBody, signature } = request;
  if (!signature) return { result: 'missing' };
  const timestamp = request.timestamp?.trim() || undefined;
  if (timestamp === undefined && scheme.timestampRequired) return { result: 'no-timestamp' };
  if (timestamp !== undefined && !SECONDS.test(timestamp)) return { result: 'bad-timestamp' };

  const pattern = scheme.prefix === 'required' ? /^sha256=([0-9a-f]{64})$/i : /^(?:sha256=)?([0-9a-f]{64})$/i;
  const hex = pattern.exec(signature.trim())?.[1];
  if (!hex) return { result: 'invalid' };
  const mac = createHmac('sha256', scheme.secret);
  if (timestamp !== undefined) mac.update(`${timestamp}${scheme.separator}`, 'utf8');
  const expected = mac.update(rawBody).digest();
  if (!timingSafeEqual(Buffer.from(hex, 'hex'), expected)) return { result: 'invalid' };

  if (timestamp === undefined) return { result: 'valid' };
  const skewMs = nowMs - Number(timestamp) * 1000;
  return Math.abs(skewMs) > scheme.toleranceMs ? { result: 'stale', skewMs } : { result: 'valid' };
}
