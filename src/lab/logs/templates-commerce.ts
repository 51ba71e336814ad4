/**
 * Service-flavoured lines of the buying path (checkout, payments, cart, orders, inventory, shipping,
 * the order worker), so that services of the same role do not all read alike. Weights are on the
 * scale of the role catalogues (about 1,000 a role), so a service's own lines are roughly a tenth
 * of its output. Card declines are warn, as payment services log them: expected, but counted.
 */
import type { Random } from '../random.js';
import { latency, orderId, sku, userId } from './fields.js';
import type { LogTemplate } from './template.js';

const DECLINES = ['insufficient_funds', 'card_declined', 'expired_card', 'incorrect_cvc', 'do_not_honor'];
const CARRIERS = ['DHL', 'UPS', 'DPD', 'PostNL', 'GLS'];
const COUNTRIES = ['DE', 'NL', 'FR', 'BE', 'AT', 'GB', 'ES'];

function euros(rng: Random, min = 5, max = 400): string {
  return rng.float(min, max).toFixed(2);
}

function orderPlaced(id: string): LogTemplate {
  return {
    id,
    level: 'info',
    weight: 40,
    render: ({ rng }) =>
      `order ${orderId(rng)} placed: ${rng.int(1, 6)} items total=${euros(rng)} EUR user=${userId(rng)}`,
  };
}

function paymentDeclined(id: string): LogTemplate {
  return {
    id,
    level: 'warn',
    weight: 4,
    render: ({ rng }) =>
      `payment declined: ${rng.pick(DECLINES)} order=${orderId(rng)} user=${userId(rng)} amount=${euros(rng)} EUR`,
  };
}

/** Service-specific templates of the buying path, keyed by service name. */
export const commerceTemplates: Record<string, LogTemplate[]> = {
  checkout: [
    orderPlaced('checkout.order-placed'),
    {
      id: 'checkout.quote',
      level: 'info',
      weight: 30,
      render: (ctx) => {
        const { rng } = ctx;
        return `quote for cart ${rng.uuid()}: subtotal=${euros(rng)} shipping=${rng.pick(['0.00', '4.99', '6.90'])} tax=${euros(rng, 1, 60)} EUR in ${latency(ctx)}ms`;
      },
    },
    {
      id: 'checkout.reserved',
      level: 'info',
      weight: 20,
      render: ({ rng }) =>
        `reserved ${rng.int(1, 6)} items for order ${orderId(rng)} (reservation r-${rng.hex(10)})`,
    },
    {
      id: 'checkout.published',
      level: 'debug',
      weight: 25,
      render: (ctx) =>
        `published order.created ${ctx.rng.uuid()} to exchange orders (confirm in ${Math.round(ctx.latencyMs() / 4) + 1}ms)`,
    },
    paymentDeclined('checkout.payment-declined'),
  ],
  payments: [
    {
      id: 'payments.charge',
      level: 'info',
      weight: 40,
      render: (ctx) =>
        `charge ch_${ctx.rng.hex(24)} succeeded: amount=${euros(ctx.rng)} EUR order=${orderId(ctx.rng)} provider_latency=${latency(ctx) * 8}ms`,
    },
    paymentDeclined('payments.declined'),
    {
      id: 'payments.3ds',
      level: 'info',
      weight: 10,
      render: ({ rng }) => `3-D Secure challenge required for order ${orderId(rng)} (pi_${rng.hex(24)})`,
    },
    {
      id: 'payments.refund',
      level: 'info',
      weight: 6,
      render: ({ rng }) => `refund re_${rng.hex(24)} issued: amount=${euros(rng)} EUR order=${orderId(rng)}`,
    },
    {
      id: 'payments.webhook',
      level: 'info',
      weight: 15,
      render: ({ rng }) =>
        `webhook ${rng.pick(['payment_intent.succeeded', 'charge.refunded', 'charge.dispute.created'])} evt_${rng.hex(24)} verified and recorded`,
    },
  ],
  cart: [
    {
      id: 'cart.updated',
      level: 'info',
      weight: 40,
      render: ({ rng }) =>
        `cart ${rng.uuid()} updated: +${sku(rng)} x${rng.int(1, 3)} (${rng.int(1, 12)} items)`,
    },
    {
      id: 'cart.loaded',
      level: 'debug',
      weight: 40,
      render: (ctx) =>
        `cart ${ctx.rng.uuid()} loaded from ${ctx.dependency()} in ${Math.round(ctx.latencyMs() / 2) + 1}ms (${ctx.rng.int(0, 12)} items)`,
    },
    {
      id: 'cart.expired',
      level: 'info',
      weight: 5,
      render: ({ rng }) => `cart ${rng.uuid()} expired after 30d, removed ${rng.int(1, 9)} items`,
    },
    {
      id: 'cart.price-changed',
      level: 'info',
      weight: 5,
      render: ({ rng }) =>
        `price changed for ${sku(rng)} in cart ${rng.uuid()}: ${euros(rng, 20, 90)} -> ${euros(rng, 10, 19)} EUR`,
    },
  ],
  orders: [
    orderPlaced('orders.placed'),
    {
      id: 'orders.status',
      level: 'info',
      weight: 20,
      render: ({ rng }) =>
        `order ${orderId(rng)} status ${rng.pick(['paid -> packed', 'packed -> shipped', 'shipped -> delivered'])}`,
    },
    {
      id: 'orders.charge',
      level: 'info',
      weight: 20,
      render: (ctx) =>
        `charge for order ${orderId(ctx.rng)} succeeded in ${latency(ctx) * 8}ms (ch_${ctx.rng.hex(24)})`,
    },
    {
      id: 'orders.enqueued',
      level: 'debug',
      weight: 20,
      render: ({ rng }) => `enqueued email.send for order ${orderId(rng)} (job ${rng.uuid()})`,
    },
    paymentDeclined('orders.payment-declined'),
  ],
  inventory: [
    {
      id: 'inventory.reserved',
      level: 'info',
      weight: 40,
      render: ({ rng }) =>
        `reserved ${rng.int(1, 4)} x ${sku(rng)} for order ${orderId(rng)} (available ${rng.int(11, 900)})`,
    },
    {
      id: 'inventory.released',
      level: 'info',
      weight: 8,
      render: ({ rng }) => `reservation r-${rng.hex(10)} released after 15m timeout (${rng.int(1, 4)} units)`,
    },
    {
      id: 'inventory.low-stock',
      level: 'warn',
      weight: 3,
      render: ({ rng }) => `stock level low for ${sku(rng)}: ${rng.int(1, 9)} left (threshold 10)`,
    },
    {
      id: 'inventory.sync',
      level: 'info',
      weight: 3,
      render: (ctx) =>
        `warehouse sync WH-${ctx.rng.int(1, 4)}: ${ctx.rng.int(200, 4000)} SKUs updated in ${latency(ctx) * 40}ms`,
    },
  ],
  shipping: [
    {
      id: 'shipping.quote',
      level: 'info',
      weight: 40,
      render: ({ rng }) =>
        `quote ${rng.pick(COUNTRIES)} ${rng.float(0.2, 20).toFixed(1)}kg: ${rng.pick(CARRIERS)} ${euros(rng, 3, 30)} EUR (${rng.int(1, 5)} days)`,
    },
    {
      id: 'shipping.label',
      level: 'info',
      weight: 20,
      render: ({ rng }) =>
        `label created for order ${orderId(rng)}: ${rng.pick(CARRIERS)} tracking ${rng.hex(14).toUpperCase()}`,
    },
    {
      id: 'shipping.carrier-call',
      level: 'debug',
      weight: 20,
      render: (ctx) => `carrier API ${ctx.rng.pick(CARRIERS)} responded 200 in ${latency(ctx) * 6}ms`,
    },
    {
      id: 'shipping.address-invalid',
      level: 'warn',
      weight: 3,
      render: ({ rng }) =>
        `address validation failed for order ${orderId(rng)}: postcode ${rng.int(1000, 99999)} not found in ${rng.pick(COUNTRIES)}`,
    },
  ],
  'order-worker': [
    {
      id: 'order-worker.confirmation',
      level: 'info',
      weight: 30,
      render: ({ rng }) => `order ${orderId(rng)} confirmation requested for ${userId(rng)}`,
    },
    {
      id: 'order-worker.fulfilment',
      level: 'info',
      weight: 20,
      render: ({ rng }) =>
        `order ${orderId(rng)} marked fulfilment_pending, shipment requested from WH-${rng.int(1, 4)}`,
    },
    {
      id: 'order-worker.loyalty',
      level: 'info',
      weight: 10,
      render: ({ rng }) => `loyalty +${rng.int(5, 400)} points for ${userId(rng)} (order ${orderId(rng)})`,
    },
    {
      id: 'order-worker.outbox',
      level: 'debug',
      weight: 10,
      render: ({ rng }) => `outbox row ${rng.int(1e6, 9e6)} published order.confirmed`,
    },
  ],
};
