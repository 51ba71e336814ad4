/**
 * Who may post alerts. Each webhook source has its own credential: a bearer token, an HMAC-SHA256
 * signature of the raw body, or PagerDuty's V3 signature. Missing credentials are a 401, wrong ones
 * a 403, and neither says more than that. Without any auth configured a source is open, which
 * `nightshift serve` allows only on a loopback address.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthConfig, WebhookSource } from '../config/schema.js';
import { verifyPagerDutySignature } from '../intake/index.js';

export type AuthResult = 'ok' | 'missing' | 'wrong' | 'malformed';

export interface AuthRequest {
  header(name: string): string | undefined;
  rawBody: Uint8Array;
}

export function checkWebhookAuth(auth: AuthConfig, source: WebhookSource, req: AuthRequest): AuthResult {
  if (source === 'pagerduty') {
    const secrets = auth.pagerduty?.secrets;
    if (!secrets) return 'ok';
    const check = verifyPagerDutySignature(req.rawBody, req.header('x-pagerduty-signature'), secrets);
    return check === 'valid' ? 'ok' : check === 'malformed' ? 'missing' : 'wrong';
  }
  const rule = auth[source];
  if (!rule) return 'ok';
  if ('bearer' in rule) return checkBearer(req.header('authorization'), rule.bearer);
  const given = req.header(rule.header);
  if (!given) return 'missing';
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(given.trim())?.[1];
  if (!hex) return 'wrong';
  const expected = createHmac('sha256', rule.hmacSecret).update(req.rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected) ? 'ok' : 'wrong';
}

export function checkBearer(header: string | undefined, token: string): AuthResult {
  if (!header) return 'missing';
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return 'wrong';
  return sameSecret(m[1], token) ? 'ok' : 'wrong';
}

/** Constant-time comparison of secrets of any length (hashes first, so lengths do not leak). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'nightshift').update(given).digest();
  const b = createHmac('sha256', 'nightshift').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
