/**
 * PagerDuty V3 webhook signatures: `X-PagerDuty-Signature` holds one or more comma-separated
 * `v1=<hex>` values (several while a secret is being rotated), each an HMAC-SHA256 of the raw
 * request body with a signing secret. A delivery is genuine when any one matches; comparisons are
 * constant-time. The raw bytes must be used: a body parsed and re-serialised will not match.
 * PagerDuty's guidance: a missing or malformed header is a 400, no valid signature a 403.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'valid' | 'malformed' | 'invalid';

export function verifyPagerDutySignature(
  rawBody: Uint8Array | string,
  header: string | undefined,
  secrets: readonly string[],
): SignatureCheck {
  if (!header) return 'malformed';
  const given = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3))
    .filter((hex) => /^[0-9a-f]{64}$/i.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
  if (given.length === 0) return 'malformed';
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected))) return 'valid';
  }
  return 'invalid';
}
