/**
 * Background log lines of the `web` role: a Node.js server-side rendering frontend (Next.js-like)
 * that renders pages from the business services' APIs. About 3% warn (slow or failed optional
 * fragments, client aborts) and under 1% error (socket resets, a rare render exception).
 */

import { bytes, latency, requestLine, sku, userId } from './fields.js';
import type { LogTemplate } from './template.js';

const LOCALES = ['en-GB', 'de-DE', 'fr-FR', 'nl-NL', 'en-US', 'es-ES'];
const EXPERIMENTS = ['checkout-button-copy', 'pdp-gallery-v2', 'free-shipping-banner', 'search-autocomplete'];
const FRAGMENTS = ['header', 'footer', 'mega-menu', 'promo-strip'];

/** Templates of the `web` role. */
export const webTemplates: LogTemplate[] = [
  {
    id: 'web.request',
    level: 'info',
    weight: 420,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `${method} ${path} 200 ${latency(ctx)}ms ${bytes(ctx.rng, 38000)}b`;
    },
  },
  {
    id: 'web.render',
    level: 'info',
    weight: 140,
    render: (ctx) => {
      const op = ctx.operation();
      return `rendered ${op.slice(op.indexOf(' ') + 1)} in ${latency(ctx)}ms (ssr, cache=${ctx.rng.chance(0.3) ? 'HIT' : 'MISS'})`;
    },
  },
  {
    id: 'web.fetch',
    level: 'debug',
    weight: 160,
    render: (ctx) =>
      `fetch ${ctx.dependency()} GET /internal/${ctx.rng.pick(['products', 'users', 'cart', 'orders'])}/${ctx.rng.int(1000, 999999)} -> 200 in ${Math.round(ctx.latencyMs() / 2)}ms`,
  },
  {
    id: 'web.fragment-cache.hit',
    level: 'debug',
    weight: 90,
    render: ({ rng }) => `cache hit for fragment ${rng.pick(FRAGMENTS)}:${rng.pick(LOCALES)}`,
  },
  {
    id: 'web.page-cache.miss',
    level: 'debug',
    weight: 50,
    render: ({ rng }) => `cache miss for key page:/product/${rng.int(1000, 99999)}:${rng.pick(LOCALES)}`,
  },
  {
    id: 'web.static',
    level: 'info',
    weight: 60,
    render: ({ rng }) =>
      `GET /_next/static/chunks/${rng.pick(['main', 'framework', 'pages/_app', 'webpack'])}-${rng.hex(16)}.js ${rng.chance(0.7) ? 304 : 200} ${rng.int(0, 3)}ms`,
  },
  {
    id: 'web.session.refresh',
    level: 'info',
    weight: 25,
    render: ({ rng }) => `session s-${rng.hex(20)} refreshed for user ${userId(rng)}, expires in 1800s`,
  },
  {
    id: 'web.isr.revalidate',
    level: 'info',
    weight: 12,
    render: (ctx) => `revalidated page /product/${ctx.rng.int(1000, 99999)} in ${latency(ctx) * 3}ms`,
  },
  {
    id: 'web.experiment',
    level: 'debug',
    weight: 30,
    render: ({ rng }) =>
      `experiment assignment: experiment=${rng.pick(EXPERIMENTS)} variant=${rng.pick(['A', 'B'])} user=${userId(rng)}`,
  },
  {
    id: 'web.locale',
    level: 'debug',
    weight: 15,
    render: ({ rng }) => `locale ${rng.pick(LOCALES)} negotiated from accept-language, currency EUR`,
  },
  {
    id: 'web.not-found',
    level: 'info',
    weight: 12,
    render: ({ rng }) => `404 page rendered for /product/${rng.int(100000, 999999)} (product not found)`,
  },
  {
    id: 'web.gc',
    level: 'debug',
    weight: 20,
    render: ({ rng }) => {
      const before = rng.float(60, 180);
      return `[1:0x${rng.hex(7)}] ${rng.int(1e5, 9e7)} ms: Scavenge ${before.toFixed(1)} (${(before + 12).toFixed(1)}) -> ${(before - rng.float(4, 30)).toFixed(1)} (${(before + 12).toFixed(1)}) MB, ${rng.float(0.4, 6).toFixed(1)} / 0.0 ms  (average mu = 0.99${rng.int(0, 9)}, current mu = 0.99${rng.int(0, 9)}) allocation failure;`;
    },
  },
  {
    id: 'web.event-loop',
    level: 'debug',
    weight: 15,
    render: ({ rng }) =>
      `event loop lag p99=${rng.int(2, 18)}ms heap_used=${rng.int(90, 260)}MB rss=${rng.int(300, 520)}MB`,
  },
  { id: 'web.health', level: 'debug', weight: 40, render: () => 'health check ok' },
  {
    id: 'web.client-abort',
    level: 'warn',
    weight: 12,
    render: (ctx) => {
      const [method, path] = requestLine(ctx);
      return `client disconnected before response was sent: ${method} ${path} after ${latency(ctx)}ms`;
    },
  },
  {
    id: 'web.optional-fragment.timeout',
    level: 'warn',
    weight: 10,
    render: (ctx) =>
      `failed to fetch ${ctx.dependency()} for ${userId(ctx.rng)}: timeout of 500ms exceeded, rendering without it`,
  },
  {
    id: 'web.slow-upstream',
    level: 'warn',
    weight: 6,
    render: (ctx) =>
      `slow upstream ${ctx.dependency()}: ${latency(ctx) * 6 + 300}ms for /product/${ctx.rng.int(1000, 99999)} (budget 250ms)`,
  },
  {
    id: 'web.socket-hangup',
    level: 'error',
    weight: 4,
    render: (ctx) =>
      `Error: socket hang up (ECONNRESET) fetching ${ctx.dependency()} at TLSSocket.socketOnEnd (node:_http_client:524:23) request_id=${ctx.rng.uuid()}`,
  },
  {
    id: 'web.render-error',
    level: 'error',
    weight: 2,
    render: ({ rng }) =>
      `TypeError: Cannot read properties of null (reading 'price') at ProductCard (/app/.next/server/chunks/${rng.int(100, 999)}.js:1:${rng.int(1000, 40000)}) sku=${sku(rng)}`,
  },
];
