/**
 * Background log lines of the `worker` role: a queue consumer that takes one message type off the
 * broker (the operation, e.g. `process order.created`), calls its dependencies and acks. About 3%
 * warn (redeliveries, retries of a flaky dependency) and under 1% error (poison messages sent to
 * the dead-letter queue, a rare dependency timeout).
 */

import { latency, messageType, orderId, userId } from './fields.js';
import type { LogTemplate } from './template.js';

/** Templates of the `worker` role. */
export const workerTemplates: LogTemplate[] = [
  {
    id: 'worker.received',
    level: 'info',
    weight: 260,
    render: (ctx) =>
      `processing ${messageType(ctx)} message ${ctx.rng.uuid()} (delivery_tag=${ctx.rng.int(1, 99999)}, redelivered=false)`,
  },
  {
    id: 'worker.done',
    level: 'info',
    weight: 260,
    render: (ctx) => `${messageType(ctx)} ${ctx.rng.uuid()} processed in ${latency(ctx)}ms`,
  },
  {
    id: 'worker.ack',
    level: 'debug',
    weight: 120,
    render: ({ rng }) => `acked delivery_tag=${rng.int(1, 99999)} multiple=false`,
  },
  {
    id: 'worker.call',
    level: 'debug',
    weight: 110,
    render: (ctx) => `call to ${ctx.dependency()} succeeded in ${Math.round(ctx.latencyMs() / 3) + 1}ms`,
  },
  {
    id: 'worker.load-order',
    level: 'debug',
    weight: 60,
    render: (ctx) =>
      `loaded order ${orderId(ctx.rng)} for ${userId(ctx.rng)} in ${Math.round(ctx.latencyMs() / 5) + 1}ms`,
  },
  {
    id: 'worker.prefetch',
    level: 'debug',
    weight: 25,
    render: ({ rng }) => `prefetch window: ${rng.int(0, 20)}/50 unacked on channel 1`,
  },
  {
    id: 'worker.lag',
    level: 'info',
    weight: 12,
    render: ({ rng }) =>
      `consumer lag: ${rng.float(0.05, 1.5).toFixed(2)}s behind head, ${rng.int(0, 12)} ready, ${rng.int(1, 4)} in flight`,
  },
  {
    id: 'worker.batch',
    level: 'info',
    weight: 20,
    render: (ctx) => `flushed batch of ${ctx.rng.int(5, 50)} outbox rows in ${latency(ctx) * 2}ms`,
  },
  {
    id: 'worker.duplicate',
    level: 'info',
    weight: 8,
    render: (ctx) =>
      `duplicate ${messageType(ctx)} ${ctx.rng.uuid()} ignored (idempotency key already processed)`,
  },
  {
    id: 'worker.heartbeat',
    level: 'debug',
    weight: 30,
    render: (ctx) => `AMQP heartbeat ok: 1 connection, ${ctx.rng.int(1, 4)} channels, pod ${ctx.pod()}`,
  },
  {
    id: 'worker.gc',
    level: 'debug',
    weight: 15,
    render: ({ rng }) =>
      `GC pause ${rng.int(2, 60)}ms (young), heap ${rng.int(120, 380)}MB -> ${rng.int(60, 140)}MB`,
  },
  { id: 'worker.health', level: 'debug', weight: 40, render: () => 'health check ok' },
  {
    id: 'worker.redelivered',
    level: 'warn',
    weight: 10,
    render: (ctx) =>
      `${messageType(ctx)} ${ctx.rng.uuid()} redelivered (attempt ${ctx.rng.int(2, 3)}), skipping side effects already done`,
  },
  {
    id: 'worker.retry',
    level: 'warn',
    weight: 12,
    render: (ctx) =>
      `retrying ${messageType(ctx)} ${ctx.rng.uuid()} (attempt 2/5) in ${ctx.rng.pick([1000, 2000, 5000])}ms: ${ctx.dependency()} returned 503`,
  },
  {
    id: 'worker.slow',
    level: 'warn',
    weight: 6,
    render: (ctx) => `slow message: ${messageType(ctx)} took ${latency(ctx) * 20 + 2000}ms (budget 2000ms)`,
  },
  {
    id: 'worker.reconnect',
    level: 'warn',
    weight: 2,
    render: ({ rng }) => `reconnected to broker after ${rng.float(0.2, 3).toFixed(1)}s: connection reset`,
  },
  {
    id: 'worker.dead-letter',
    level: 'error',
    weight: 4,
    render: (ctx) =>
      `${messageType(ctx)} ${ctx.rng.uuid()} moved to dead-letter queue after 5 attempts: invalid payload: missing field "${ctx.rng.pick(['customer_id', 'items', 'currency'])}"`,
  },
  {
    id: 'worker.dependency-timeout',
    level: 'error',
    weight: 3,
    render: (ctx) =>
      `failed to process ${messageType(ctx)}: timeout after 5000ms calling ${ctx.dependency()}, message nacked (requeue=true)`,
  },
];
