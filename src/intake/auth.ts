/**
 * Checking a webhook's credential: a bearer token, or an HMAC-SHA256 signature (of the raw body,
 * or of a signed timestamp and the body). Each alert source's registry entry says which applies
 * and with which settings. Missing credentials are a 401, wrong ones a 403, and neither says more
 * than that; a genuine signature whose timestamp is outside the tolerance is a 403 that says so,
 * since the sender's clock is the likely fix.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type HmacCheck, type HmacScheme, verifyHmacSignature } from './hmac-signature.js';

export type AuthResult = 'ok' | 'missing' | 'wrong' | 'malformed';

/** What an auth check may look at in a request. */
export interface AuthRequest {
  header(name: string): string | undefined;
  rawBody: Uint8Array;
  /** This server's clock, epoch ms, for signed timestamps. */
  nowMs: number;
}

/** A refused webhook request: the status and the JSON error to answer with. */
export interface AuthRefusal {
  status: 401 | 403;
  error: string;
}

/** A signed timestamp this far from our clock is refused: room for clock skew and slow retries. */
export const DEFAULT_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

export const UNAUTHORIZED: AuthRefusal = { status: 401, error: 'unauthorized' };
export const FORBIDDEN: AuthRefusal = { status: 403, error: 'forbidden' };

/** Undefined when `Authorization: Bearer <token>` matches. */
export function bearerRefusal(req: AuthRequest, token: string): AuthRefusal | undefined {
  const result = checkBearer(req.header('authorization'), token);
  return result === 'ok' ? undefined : result === 'missing' ? UNAUTHORIZED : FORBIDDEN;
}

/** Undefined when the request's HMAC signature (and signed timestamp, if any) holds. */
export function signatureRefusal(
  req: AuthRequest,
  scheme: HmacScheme,
  names: { source: string; header: string; timestampHeader?: string | undefined },
): AuthRefusal | undefined {
  const { timestampHeader } = names;
  const check = verifyHmacSignature(
    {
      rawBody: req.rawBody,
      signature: req.header(names.header),
      timestamp: timestampHeader === undefined ? undefined : req.header(timestampHeader),
    },
    scheme,
    req.nowMs,
  );
  return refusalOf(check, scheme, { source: names.source, timestampHeader: timestampHeader ?? '' });
}

function refusalOf(
  check: HmacCheck,
  scheme: HmacScheme,
  names: { source: string; timestampHeader: string },
): AuthRefusal | undefined {
  const toleranceS = Math.round(scheme.toleranceMs / 1000);
  switch (check.result) {
    case 'valid':
      return undefined;
    case 'missing':
      return UNAUTHORIZED;
    case 'invalid':
      return FORBIDDEN;
    case 'no-timestamp':
      return {
        status: 401,
        error:
          `unauthorized: sign a timestamp: header ${names.timestampHeader} with the unix time in seconds, ` +
          `signed with the body (auth.${names.source} requires it)`,
      };
    case 'bad-timestamp':
      return {
        status: 403,
        error: `forbidden: header ${names.timestampHeader} must be the unix time in seconds`,
      };
    case 'stale': {
      const skewS = Math.round(check.skewMs / 1000);
      const when = skewS >= 0 ? `${skewS} s old` : `${-skewS} s in the future`;
      return {
        status: 403,
        error:
          `forbidden: the signed timestamp (header ${names.timestampHeader}) is ${when}, outside the ` +
          `${toleranceS} s tolerance (auth.${names.source}.timestampTolerance); sign each request ` +
          `with the current time and check the sender's clock`,
      };
    }
  }
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
