/**
 * Service-flavoured lines of browsing, identity and messaging (catalog, search, recommendations,
 * auth, users, accounts, notifications, the mailer). Same weight scale as the role catalogues:
 * a service's own lines are roughly a tenth of its output.
 */

import { latency, sku, userId } from './fields.js';
import type { LogTemplate } from './template.js';

const TERMS = ['rain jacket', 'usb-c cable', 'coffee grinder', 'running shoes', 'lego', 'desk lamp', 'tent'];
const SLUGS = ['shoes', 'outdoor', 'kitchen', 'garden', 'toys', 'books', 'audio', 'sale'];
const EMAILS = ['order_confirmation', 'shipping_update', 'password_reset', 'welcome', 'review_request'];

/** Service-specific templates of browsing, identity and messaging, keyed by service name. */
export const platformTemplates: Record<string, LogTemplate[]> = {
  catalog: [
    {
      id: 'catalog.cache-miss',
      level: 'debug',
      weight: 40,
      render: ({ rng }) => `cache miss for key product:${rng.int(1000, 99999)}`,
    },
    {
      id: 'catalog.cache-hit',
      level: 'debug',
      weight: 40,
      render: ({ rng }) => `product ${rng.int(1000, 99999)} served from cache (age ${rng.int(1, 600)}s)`,
    },
    {
      id: 'catalog.listing',
      level: 'info',
      weight: 20,
      render: (ctx) =>
        `category ${ctx.rng.pick(SLUGS)} listing: ${ctx.rng.int(12, 480)} products, page ${ctx.rng.int(1, 9)} in ${latency(ctx)}ms`,
    },
    {
      id: 'catalog.price-feed',
      level: 'info',
      weight: 2,
      render: (ctx) =>
        `price feed applied: ${ctx.rng.int(50, 3000)} products updated in ${latency(ctx) * 50}ms`,
    },
  ],
  search: [
    {
      id: 'search.query',
      level: 'info',
      weight: 50,
      render: (ctx) =>
        `query "${ctx.rng.pick(TERMS)}" returned ${ctx.rng.int(1, 900)} hits in ${latency(ctx)}ms (index products_v${ctx.rng.int(40, 44)})`,
    },
    {
      id: 'search.suggest',
      level: 'debug',
      weight: 40,
      render: (ctx) => {
        const term = ctx.rng.pick(TERMS);
        return `suggest "${term.slice(0, ctx.rng.int(2, 5))}" -> ${ctx.rng.int(0, 10)} suggestions in ${Math.round(ctx.latencyMs() / 3) + 1}ms`;
      },
    },
    {
      id: 'search.refresh',
      level: 'info',
      weight: 5,
      render: ({ rng }) =>
        `index refresh: ${rng.int(80000, 120000)} docs, ${rng.int(0, 400)} deleted, ${rng.int(8, 40)} segments`,
    },
    {
      id: 'search.zero-results',
      level: 'info',
      weight: 6,
      render: ({ rng }) => `zero results for query "${rng.pick(TERMS)} ${rng.hex(3)}", falling back to fuzzy`,
    },
  ],
  recommendations: [
    {
      id: 'recommendations.user',
      level: 'info',
      weight: 40,
      render: (ctx) =>
        `recommendations for ${userId(ctx.rng)}: ${ctx.rng.int(8, 24)} items from model als-2026-${ctx.rng.int(10, 12)} in ${latency(ctx)}ms`,
    },
    {
      id: 'recommendations.similar',
      level: 'info',
      weight: 25,
      render: ({ rng }) =>
        `similar items for ${sku(rng)}: ${rng.int(50, 200)} candidates, ${rng.int(8, 24)} after filtering`,
    },
    {
      id: 'recommendations.model-loaded',
      level: 'info',
      weight: 1,
      render: ({ rng }) =>
        `model als-2026-${rng.int(10, 12)} loaded: ${rng.int(80000, 120000)} item embeddings, ${rng.int(300, 600)}MB`,
    },
    {
      id: 'recommendations.fallback',
      level: 'info',
      weight: 10,
      render: ({ rng }) => `no features for ${userId(rng)}, using popular-items fallback`,
    },
  ],
  auth: [
    {
      id: 'auth.login',
      level: 'info',
      weight: 40,
      render: ({ rng }) => `login succeeded for ${userId(rng)} (method=password, mfa=${rng.chance(0.2)})`,
    },
    {
      id: 'auth.refresh',
      level: 'info',
      weight: 40,
      render: ({ rng }) => `token refreshed for ${userId(rng)}, new expiry in 900s`,
    },
    {
      id: 'auth.login-failed',
      level: 'warn',
      weight: 6,
      render: ({ rng }) => `login failed for ${userId(rng)}: invalid password (attempt ${rng.int(1, 5)}/5)`,
    },
    {
      id: 'auth.bad-signature',
      level: 'warn',
      weight: 2,
      render: ({ rng }) => `invalid JWT signature from ${rng.ip()} (kid=${rng.hex(8)}), rejecting`,
    },
    {
      id: 'auth.logout',
      level: 'info',
      weight: 10,
      render: ({ rng }) => `session ${rng.hex(20)} revoked on logout`,
    },
  ],
  users: [
    {
      id: 'users.profile',
      level: 'debug',
      weight: 40,
      render: (ctx) => `profile ${userId(ctx.rng)} loaded in ${latency(ctx)}ms`,
    },
    {
      id: 'users.address',
      level: 'info',
      weight: 10,
      render: ({ rng }) =>
        `address ${rng.int(1e5, 9e5)} added for ${userId(rng)} (country=${rng.pick(['DE', 'NL', 'FR', 'GB'])})`,
    },
    {
      id: 'users.updated',
      level: 'info',
      weight: 10,
      render: ({ rng }) =>
        `user ${userId(rng)} updated fields: ${rng.pick(['email_opt_in', 'locale', 'phone', 'display_name'])}`,
    },
    {
      id: 'users.export',
      level: 'info',
      weight: 1,
      render: ({ rng }) => `GDPR export requested by ${userId(rng)}, job ${rng.uuid()}`,
    },
  ],
  accounts: [
    {
      id: 'accounts.login',
      level: 'info',
      weight: 40,
      render: ({ rng }) => `login ok for ${userId(rng)}, session ${rng.hex(16)} issued`,
    },
    {
      id: 'accounts.session-cache',
      level: 'debug',
      weight: 30,
      render: (ctx) =>
        `session ${ctx.rng.hex(16)} found in ${ctx.dependency()} (ttl ${ctx.rng.int(60, 1800)}s)`,
    },
    {
      id: 'accounts.login-failed',
      level: 'warn',
      weight: 4,
      render: ({ rng }) => `login failed for ${userId(rng)}: invalid password (attempt ${rng.int(1, 5)}/5)`,
    },
    {
      id: 'accounts.password-reset',
      level: 'info',
      weight: 3,
      render: ({ rng }) => `password reset requested for ${userId(rng)}, token expires in 3600s`,
    },
  ],
  notifications: [
    {
      id: 'notifications.email',
      level: 'info',
      weight: 40,
      render: ({ rng }) =>
        `email ${rng.pick(EMAILS)} queued for ${userId(rng)} via smtp relay (message-id <${rng.hex(16)}@mail.shop.example.com>)`,
    },
    {
      id: 'notifications.sms',
      level: 'info',
      weight: 10,
      render: ({ rng }) => `sms sent to +49******${rng.int(1000, 9999)} (provider id SM${rng.hex(32)})`,
    },
    {
      id: 'notifications.bounce',
      level: 'warn',
      weight: 3,
      render: ({ rng }) => `email bounced for ${userId(rng)}: 550 5.1.1 user unknown`,
    },
    {
      id: 'notifications.render',
      level: 'debug',
      weight: 20,
      render: (ctx) =>
        `rendered template ${ctx.rng.pick(EMAILS)}.${ctx.rng.pick(['de', 'en', 'fr'])} in ${latency(ctx)}ms`,
    },
  ],
  mailer: [
    {
      id: 'mailer.queued',
      level: 'info',
      weight: 40,
      render: ({ rng }) => `smtp relay: 250 2.0.0 Ok: queued as ${rng.hex(10).toUpperCase()}`,
    },
    {
      id: 'mailer.sending',
      level: 'info',
      weight: 40,
      render: ({ rng }) => `sending email ${rng.pick(EMAILS)} to ${userId(rng)}`,
    },
    {
      id: 'mailer.connect',
      level: 'debug',
      weight: 5,
      render: ({ rng }) => `SMTP connection to relay ${rng.ip()}:587 opened (STARTTLS, TLSv1.3)`,
    },
    {
      id: 'mailer.bounce',
      level: 'warn',
      weight: 3,
      render: ({ rng }) => `bounce for ${userId(rng)}: 550 5.1.1 mailbox unavailable`,
    },
  ],
};
