/**
 * Background log lines of the `queue` role: a RabbitMQ 3.13 node. Connection lifecycle lines
 * dominate, as on a real broker whose clients reconnect on deploys and pod churn; a periodic queue
 * summary gives depth and rates. Warnings are client-side TCP closes and the odd consumer ack
 * timeout; errors, under 1%, are missed heartbeats and channel exceptions from buggy acks.
 */
import type { Random } from '../random.js';
import { clientPort, queueName } from './fields.js';
import type { LogTemplate, RenderContext } from './template.js';

function pid(rng: Random): string {
  return `<0.${rng.int(1000, 99999)}.0>`;
}

/** `<0.1234.0> (10.2.3.4:43210 -> 10.2.0.5:5672)`, as RabbitMQ names a connection. */
function connection(rng: Random): string {
  return `${pid(rng)} (${rng.ip()}:${clientPort(rng)} -> ${rng.ip()}:5672)`;
}

function queue(ctx: RenderContext): string {
  const name = queueName(ctx.service);
  return ctx.rng.chance(0.9) ? name : `${name}.retry`;
}

/** Templates of the `queue` role. */
export const queueTemplates: LogTemplate[] = [
  {
    id: 'queue.accepting',
    level: 'info',
    weight: 200,
    render: ({ rng }) => `accepting AMQP connection ${connection(rng)}`,
  },
  {
    id: 'queue.authenticated',
    level: 'info',
    weight: 200,
    render: ({ rng }) =>
      `connection ${connection(rng)}: user 'app' authenticated and granted access to vhost '/'`,
  },
  {
    id: 'queue.client-name',
    level: 'info',
    weight: 120,
    render: ({ rng }) =>
      `connection ${connection(rng)} has a client-provided name: ${rng.pick(['publisher', 'consumer'])}-${rng.hex(10)}`,
  },
  {
    id: 'queue.closing',
    level: 'info',
    weight: 190,
    render: ({ rng }) =>
      `closing AMQP connection ${pid(rng)} (${rng.ip()}:${clientPort(rng)} -> ${rng.ip()}:5672, vhost: '/', user: 'app')`,
  },
  {
    id: 'queue.channel-closed',
    level: 'debug',
    weight: 90,
    render: ({ rng }) => `closing channel ${rng.int(1, 8)} of connection ${pid(rng)}: normal shutdown`,
  },
  {
    id: 'queue.summary',
    level: 'info',
    weight: 60,
    render: (ctx) => {
      const { rng } = ctx;
      const rate = rng.float(5, 80);
      return `queue '${queue(ctx)}' in vhost '/': ${rng.int(0, 40)} ready, ${rng.int(0, 60)} unacked, ${rng.int(1, 6)} consumers, publish ${rate.toFixed(1)}/s, deliver ${(rate * rng.float(0.95, 1.05)).toFixed(1)}/s`;
    },
  },
  {
    id: 'queue.consumer-added',
    level: 'debug',
    weight: 40,
    render: (ctx) =>
      `consumer amq.ctag-${ctx.rng.hex(22)} on channel ${ctx.rng.int(1, 4)} attached to queue '${queue(ctx)}' (prefetch ${ctx.rng.pick([10, 25, 50])})`,
  },
  {
    id: 'queue.disk-free',
    level: 'debug',
    weight: 20,
    render: ({ rng }) => `Free disk space: ${rng.int(30e9, 60e9)} bytes, limit 50000000 bytes`,
  },
  {
    id: 'queue.memory',
    level: 'debug',
    weight: 20,
    render: ({ rng }) =>
      `Memory usage: ${rng.int(240, 700)} MiB of 819 MiB high watermark, ${rng.int(40, 160)} MiB binaries`,
  },
  {
    id: 'queue.msg-store-gc',
    level: 'debug',
    weight: 10,
    render: ({ rng }) =>
      `Message store "${rng.hex(25).toUpperCase()}/msg_store_persistent": garbage collected file ${rng.int(1, 400)}.rdq, ${rng.int(1, 16)} MiB reclaimed`,
  },
  {
    id: 'queue.peer-up',
    level: 'info',
    weight: 2,
    render: ({ rng }) => `rabbit on node rabbit@rabbitmq-${rng.int(0, 2)} up`,
  },
  {
    id: 'queue.dead-lettered',
    level: 'info',
    weight: 4,
    render: (ctx) =>
      `${ctx.rng.int(1, 5)} message(s) dead-lettered from queue '${queueName(ctx.service)}' to '${queueName(ctx.service)}.dlq' (reason: rejected)`,
  },
  {
    id: 'queue.client-closed-tcp',
    level: 'warn',
    weight: 22,
    render: ({ rng }) =>
      `closing AMQP connection ${connection(rng)}: client unexpectedly closed TCP connection`,
  },
  {
    id: 'queue.consumer-timeout',
    level: 'warn',
    weight: 3,
    render: ({ rng }) =>
      `Consumer amq.ctag-${rng.hex(22)} on channel 1 has timed out waiting for a consumer acknowledgement of a delivery with delivery tag = ${rng.int(100, 99999)}. Timeout used: 1800000 ms. This timeout value can be configured, see consumers doc guide to learn more`,
  },
  {
    id: 'queue.mnesia-overloaded',
    level: 'warn',
    weight: 1,
    render: () => 'Mnesia(rabbit@rabbitmq-0): ** WARNING ** Mnesia is overloaded: {dump_log,write_threshold}',
  },
  {
    id: 'queue.missed-heartbeats',
    level: 'error',
    weight: 5,
    render: ({ rng }) =>
      `closing AMQP connection ${connection(rng)}: missed heartbeats from client, timeout: 60s`,
  },
  {
    id: 'queue.channel-exception',
    level: 'error',
    weight: 2,
    render: ({ rng }) =>
      `Channel error on connection ${connection(rng)}, channel 1: operation basic.ack caused a channel exception precondition_failed: unknown delivery tag ${rng.int(100, 99999)}`,
  },
];
