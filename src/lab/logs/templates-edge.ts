/**
 * Background log lines of the `edge` role: an Envoy-style API gateway. Most lines are access-log
 * entries in Envoy's default format plus the upstream cluster; the rest are xDS updates, health
 * checks, JWT and rate-limit filter lines. Weights put about 3% of lines at warn and 0.7% at error:
 * a healthy gateway still sees client resets, the odd bad token and rare upstream resets.
 */

import { bytes, clientPort, requestLine, userId } from './fields.js';
import type { LogTemplate, RenderContext } from './template.js';

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'shop-android/5.12.1 okhttp/4.12.0',
  'shop-ios/5.12.0 CFNetwork/1494.0.7 Darwin/23.4.0',
  'curl/8.5.0',
];

const REDIRECTS = ['/account', '/checkout', '/login?next=%2Fcart', '/login?next=%2Faccount'];

type Request = [method: string, path: string];

/** One Envoy access-log line; total duration is the upstream's plus a little proxy time. */
function access(
  ctx: RenderContext,
  [method, path]: Request,
  status: string,
  flags: string,
  medianBytes: number,
  extraMs = 0,
): string {
  const { rng } = ctx;
  const upstreamMs = Math.round(ctx.latencyMs()) + extraMs;
  const sent = medianBytes === 0 ? 0 : bytes(rng, medianBytes);
  const received = method === 'GET' || method === 'OPTIONS' ? 0 : rng.int(40, 2400);
  const proto = rng.chance(0.7) ? 'HTTP/2' : 'HTTP/1.1';
  return `"${method} ${path} ${proto}" ${status} ${flags} ${received} ${sent} ${upstreamMs + rng.int(0, 3)} ${upstreamMs} "${rng.ip()}" "${rng.pick(AGENTS)}" "${rng.uuid()}" "shop.example.com" "${rng.ip()}:8080" "${ctx.dependency()}"`;
}

/** A GET of one of the gateway's routes, or of the home page when the route drawn is not a GET. */
function getRequest(ctx: RenderContext): Request {
  const request = requestLine(ctx);
  return request[0] === 'GET' ? request : ['GET', '/'];
}

/** Templates of the `edge` role. */
export const edgeTemplates: LogTemplate[] = [
  {
    id: 'edge.access.ok',
    level: 'info',
    weight: 620,
    render: (ctx) => access(ctx, requestLine(ctx), '200', '-', 5200),
  },
  {
    id: 'edge.access.created',
    level: 'info',
    weight: 40,
    render: (ctx) => {
      const request = requestLine(ctx);
      return access(ctx, request, request[0] === 'GET' ? '200' : '201', '-', 380);
    },
  },
  {
    id: 'edge.access.preflight',
    level: 'info',
    weight: 30,
    render: (ctx) => access(ctx, ['OPTIONS', requestLine(ctx)[1]], '204', '-', 0),
  },
  {
    id: 'edge.access.not-modified',
    level: 'info',
    weight: 90,
    render: (ctx) => access(ctx, getRequest(ctx), '304', '-', 0),
  },
  {
    id: 'edge.access.redirect',
    level: 'info',
    weight: 25,
    render: (ctx) => access(ctx, ['GET', ctx.rng.pick(REDIRECTS)], '302', '-', 120),
  },
  {
    id: 'edge.access.not-found',
    level: 'info',
    weight: 35,
    render: (ctx) => access(ctx, ['GET', `/api/products/${ctx.rng.int(100000, 999999)}`], '404', '-', 210),
  },
  {
    id: 'edge.access.bad-request',
    level: 'info',
    weight: 12,
    render: (ctx) => access(ctx, requestLine(ctx), '400', '-', 160),
  },
  {
    id: 'edge.access.unauthorized',
    level: 'info',
    weight: 14,
    render: (ctx) => access(ctx, requestLine(ctx), '401', '-', 90),
  },
  {
    id: 'edge.xds.cds',
    level: 'info',
    weight: 4,
    render: ({ rng }) => `cds: added/updated 1 cluster(s), skipped ${rng.int(8, 24)} unmodified cluster(s)`,
  },
  {
    id: 'edge.xds.rds',
    level: 'info',
    weight: 2,
    render: ({ rng }) =>
      `rds: loading new configuration: config_name=local_route version_info=${rng.hex(8)} hash=${rng.int(1e15, 9e15)}`,
  },
  {
    id: 'edge.health-check',
    level: 'debug',
    weight: 60,
    render: (ctx) =>
      `health_check: cluster=${ctx.dependency()} host=${ctx.rng.ip()}:8080 healthy (${Math.round(ctx.latencyMs() / 3) + 1}ms)`,
  },
  {
    id: 'edge.conn-pool.new',
    level: 'debug',
    weight: 20,
    render: (ctx) =>
      `[C${ctx.rng.int(10000, 999999)}] creating a new connection to ${ctx.rng.ip()}:8080 (cluster ${ctx.dependency()})`,
  },
  {
    id: 'edge.stats.flush',
    level: 'debug',
    weight: 8,
    render: ({ rng }) =>
      `stats flushed: downstream_cx_active=${rng.int(120, 900)} downstream_rq_active=${rng.int(4, 80)} upstream_cx_total=${rng.int(1e5, 9e5)}`,
  },
  {
    id: 'edge.access.client-reset',
    level: 'warn',
    weight: 14,
    render: (ctx) =>
      `${access(ctx, requestLine(ctx), '0', 'DC', 0)} client disconnected before response was sent`,
  },
  {
    id: 'edge.ratelimit',
    level: 'warn',
    weight: 7,
    render: (ctx) =>
      `rate limited ${userId(ctx.rng)} on ${ctx.rng.chance(0.6) ? '/api/search' : '/api/login'}: ${ctx.rng.int(101, 140)} requests in 60s (limit 100)`,
  },
  {
    id: 'edge.slow-request',
    level: 'warn',
    weight: 6,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `slow request: ${method} ${path} took ${Math.round(ctx.latencyMs() * 8 + 900)} ms upstream=${ctx.dependency()}`;
    },
  },
  {
    id: 'edge.tls.handshake',
    level: 'warn',
    weight: 3,
    render: ({ rng }) =>
      `[C${rng.int(10000, 999999)}] TLS error from ${rng.ip()}:${clientPort(rng)}: 268435646:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER`,
  },
  {
    id: 'edge.jwt.invalid-signature',
    level: 'error',
    weight: 2,
    render: ({ rng }) =>
      `jwt_authn: JWT verification failed for request from ${rng.ip()}: Jwt signature verification fails (kid=${rng.hex(8)})`,
  },
  {
    id: 'edge.access.upstream-reset',
    level: 'error',
    weight: 3,
    render: (ctx) =>
      `${access(ctx, requestLine(ctx), '503', 'UC', 95)} upstream connect error or disconnect/reset before headers. reset reason: connection termination`,
  },
  {
    id: 'edge.access.upstream-timeout',
    level: 'error',
    weight: 2,
    render: (ctx) => `${access(ctx, requestLine(ctx), '504', 'UT', 24, 15000)} upstream request timeout`,
  },
];
