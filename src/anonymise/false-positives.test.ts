/**
 * Ordinary telemetry must come through untouched: ids, hashes, hosts, paths, SQL, and the log lines
 * that talk ABOUT tokens and passwords without holding one.
 */
import { describe, expect, test } from 'vitest';
import { observe } from '../../testing/lab/support.js';
import { redactDeep, redactText, shannonEntropy } from './index.js';

const UUID = '3f2a1c4e-9b7d-4e2f-8a1c-5d6e7f8a9b0c';

const ordinary: string[] = [
  `request completed method=GET path=/api/v1/orders/42 status=200 duration_ms=31 request_id=${UUID}`,
  'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 sampled=true',
  'deployed checkout 9fceb02d0ae598e95dc970b74767f19372d61af8 (v2.14.1) by ci-bot',
  'GET https://api.internal.example.com:8443/v1/health 200 12ms',
  'connection to 10.0.3.12:5432 (db-primary.orders.svc.cluster.local) timed out after 5000 ms',
  'pod checkout-7d9f8b6c5-x2x4z OOMKilled, restarting (exit code 137)',
  "SELECT id, total FROM orders WHERE customer_id = $1 AND created_at > now() - interval '1 hour'",
  'cache miss for key product:48213, loading from source',
  `idempotency key ${UUID} seen before, returning stored response`,
  `idempotency_key=${UUID} replayed`,
  'token refreshed for user-4821, new expiry in 900s',
  'login failed for user-4821: invalid password (attempt 2/5)',
  'password reset requested for user-4821, token expires in 3600s',
  'jwt_authn: JWT verification failed for request from 10.2.3.4: Jwt signature verification fails (kid=a1b2c3d4)',
  'failed to refresh token: connection refused',
  'password: Required',
  'missing bearer token in request',
  'WWW-Authenticate: Bearer error="invalid_token"',
  'Basic authentication failed for user admin',
  'llm usage input_tokens=1200 output_tokens=340 max_tokens=4096 tokens=1540 token_count=88',
  'opened /var/lib/postgresql/data/base/16384/2619 for reading',
  `duplicate key value violates unique constraint "orders_idempotency_key_key"; DETAIL: Key (idempotency_key)=(${UUID}) already exists.`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a ${VAR} reference is the case under test
  'password: ${DB_PASSWORD}',
  'password=******** (masked by the driver)',
  'client_secret: <client-secret>',
  'secret_arn=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-creds',
  'sk-worker-7d9f8b6c5-x2x4z ready in 3.2s',
  'task-4821 finished in 1.2s; disk-usage 81%',
  'Asia/Tokyo timezone applied',
  '2026-03-02T14:05:06.146Z level=error msg="upstream timeout" duration=5.001s',
  'config reloaded: 42 keys, feature flags revision 1201',
  'auth=oauth2 provider=google session=4821 cart_items=3',
  'Client id=48213 addr=10.0.0.5:51234 laddr=10.0.0.12:6379 fd=12 name= age=100 idle=0 flags=N db=0 cmd=keys',
  'http://[::1]:8080/metrics scrape ok',
  'redis://cache.internal:6379/0 reconnected',
  'git@github.com:acme/shop.git fetched; ops@example.com notified',
  'decoded header eyJhbGciOiJIUzI1NiJ9 of an unsigned request',
  'X-Scope-OrgID: tenant-1; Authorization header missing',
  'cache_key=order-2024-03-02-000123 evicted',
  'use_token=true secrets=2 api_key=',
  'java.lang.NullPointerException at com.acme.checkout.PriceService.total(PriceService.java:88)',
];

describe('ordinary lines are left alone', () => {
  test.each(ordinary)('%s', (line) => {
    expect(redactText(line)).toEqual({ text: line, found: [] });
  });
});

test('no line or span of two lab incidents is touched (tens of thousands of realistic lines)', () => {
  const touched: string[] = [];
  let lines = 0;
  for (const fault of ['bad-deploy', 'pool-exhaustion'] as const) {
    const { logs, spans } = observe(fault).telemetry();
    lines += logs.length;
    for (const log of logs) if (redactText(log.message).found.length > 0) touched.push(log.message);
    for (const span of spans) if (redactDeep(span) !== span) touched.push(JSON.stringify(span));
  }
  expect(lines).toBeGreaterThan(10_000);
  expect(touched).toEqual([]);
}, 60_000);

test('the entropy figures behind the threshold', () => {
  expect(shannonEntropy('aaaa')).toBe(0);
  expect(shannonEntropy('abcd')).toBe(2);
  expect(shannonEntropy('order-2024-03-02-000123')).toBeLessThan(3.5);
});
