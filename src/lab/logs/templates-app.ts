/**
 * Background log lines of the `app` role: business microservices (checkout, payments, catalog,
 * orders, …). Written generic enough for any of them: the service, its routes and its dependencies
 * come from the render context, and service-specific lines live in the service catalogues. About
 * 3.5% warn (retries, slow requests, expired tokens, serialization retries) and 0.8% error (rare
 * upstream timeouts, deadline exceeded, connection resets).
 */

import { latency, requestLine, userId } from './fields.js';
import type { LogTemplate } from './template.js';

const FLAGS = ['new-pricing-engine', 'async-inventory-reserve', 'address-autocomplete', 'grpc-transport'];
const BAD_FIELDS = [
  'quantity must be >= 1',
  'currency must be ISO 4217',
  'email is not valid',
  'sku is required',
];

/** Templates of the `app` role. */
export const appTemplates: LogTemplate[] = [
  {
    id: 'app.request',
    level: 'info',
    weight: 480,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `${method} ${path} 200 ${latency(ctx)}ms`;
    },
  },
  {
    id: 'app.request.logfmt',
    level: 'info',
    weight: 120,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `request completed method=${method} path=${path} status=${method === 'POST' ? 201 : 200} duration_ms=${latency(ctx)} request_id=${ctx.rng.uuid()}`;
    },
  },
  {
    id: 'app.call.ok',
    level: 'debug',
    weight: 150,
    render: (ctx) => `call to ${ctx.dependency()} succeeded in ${Math.round(ctx.latencyMs() / 2) + 1}ms`,
  },
  {
    id: 'app.cache.miss',
    level: 'debug',
    weight: 60,
    render: (ctx) => `cache miss for key ${ctx.service}:${ctx.rng.int(1000, 999999)}, loading from source`,
  },
  {
    id: 'app.cache.ratio',
    level: 'info',
    weight: 6,
    render: ({ rng }) =>
      `local cache stats last 60s: hits=${rng.int(2000, 9000)} misses=${rng.int(80, 600)} evictions=${rng.int(0, 40)}`,
  },
  {
    id: 'app.pool.stats',
    level: 'info',
    weight: 8,
    render: ({ rng }) => {
      const open = rng.int(6, 18);
      const inUse = rng.int(1, 5);
      return `db pool stats: open=${open} in_use=${inUse} idle=${open - inUse} wait_count=0 wait_duration=0s`;
    },
  },
  {
    id: 'app.gc',
    level: 'debug',
    weight: 20,
    render: ({ rng }) =>
      `GC pause ${rng.int(2, 40)}ms (young), heap ${rng.int(180, 420)}MB -> ${rng.int(90, 170)}MB`,
  },
  { id: 'app.health', level: 'debug', weight: 50, render: () => 'health check ok' },
  {
    id: 'app.flag.eval',
    level: 'debug',
    weight: 25,
    render: ({ rng }) =>
      `feature flag ${rng.pick(FLAGS)} evaluated to ${rng.chance(0.3)} for user ${userId(rng)}`,
  },
  {
    id: 'app.config.reload',
    level: 'info',
    weight: 1,
    render: ({ rng }) =>
      `config reloaded: ${rng.int(30, 80)} keys, feature flags revision ${rng.int(800, 1400)}`,
  },
  {
    id: 'app.idempotent-replay',
    level: 'info',
    weight: 6,
    render: ({ rng }) => `idempotency key ${rng.uuid()} seen before, returning stored response`,
  },
  {
    id: 'app.validation',
    level: 'info',
    weight: 12,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `${method} ${path} 400: validation failed: ${ctx.rng.pick(BAD_FIELDS)}`;
    },
  },
  {
    id: 'app.retry',
    level: 'warn',
    weight: 10,
    render: (ctx) =>
      `retrying call to ${ctx.dependency()} (attempt 2/3) after ${ctx.rng.pick([50, 100, 200])}ms: connection reset by peer`,
  },
  {
    id: 'app.slow-request',
    level: 'warn',
    weight: 7,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `slow request: ${method} ${path} took ${latency(ctx) * 10 + 800} ms`;
    },
  },
  {
    id: 'app.jwt-expired',
    level: 'warn',
    weight: 8,
    render: ({ rng }) => `JWT expired for user ${userId(rng)} (exp ${rng.int(5, 3600)}s ago), returning 401`,
  },
  {
    id: 'app.client-gone',
    level: 'warn',
    weight: 6,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `client disconnected before response was sent: ${method} ${path}`;
    },
  },
  {
    id: 'app.serialization-retry',
    level: 'warn',
    weight: 3,
    render: ({ rng }) =>
      `could not serialize access due to concurrent update (SQLSTATE 40001); retrying transaction ${rng.hex(8)} (attempt 2/3)`,
  },
  {
    id: 'app.upstream-5xx',
    level: 'warn',
    weight: 4,
    render: (ctx) =>
      `${ctx.dependency()} responded 503 Service Unavailable; circuit breaker state=closed failures=1/5`,
  },
  {
    id: 'app.upstream-timeout',
    level: 'error',
    weight: 4,
    render: (ctx) =>
      `upstream timeout after 2000 ms calling ${ctx.dependency()} request_id=${ctx.rng.uuid()}`,
  },
  {
    id: 'app.deadline',
    level: 'error',
    weight: 2,
    render: (ctx) =>
      `rpc error: code = DeadlineExceeded desc = context deadline exceeded calling ${ctx.dependency()} after ${ctx.rng.pick([1000, 1500, 3000])}ms`,
  },
  {
    id: 'app.econnreset',
    level: 'error',
    weight: 2,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `unhandled error in ${method} ${path}: read ECONNRESET from ${ctx.dependency()}, returned 500`;
    },
  },
];
