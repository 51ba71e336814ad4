/**
 * Background log lines of the `cache` role: a Redis 7 server at `loglevel verbose`, with RDB
 * snapshots (`save 300 10`) and AOF rewrites. Redis is quiet: most lines are client connects and
 * closes at verbose level (debug here), snapshots and rewrites at notice (info), and warnings for
 * slow fsyncs and clients that outgrow their buffers. Connection-accept errors stand in for the
 * under-1% error share: port scanners and clients that reset during accept.
 */

import { clientPort } from './fields.js';
import type { LogTemplate } from './template.js';

/** Templates of the `cache` role. */
export const cacheTemplates: LogTemplate[] = [
  {
    id: 'cache.accepted',
    level: 'debug',
    weight: 330,
    render: ({ rng }) => `Accepted ${rng.ip()}:${clientPort(rng)}`,
  },
  {
    id: 'cache.client-closed',
    level: 'debug',
    weight: 320,
    render: ({ rng }) =>
      `Client closed connection id=${rng.int(10000, 9999999)} addr=${rng.ip()}:${clientPort(rng)} laddr=10.0.0.12:6379 fd=${rng.int(8, 900)} name= age=${rng.int(0, 86400)} idle=0 flags=N db=0 cmd=quit`,
  },
  {
    id: 'cache.keyspace',
    level: 'debug',
    weight: 60,
    render: ({ rng }) => {
      const keys = rng.int(80000, 400000);
      return `DB 0: ${keys} keys (${Math.round(keys * rng.float(0.3, 0.9))} volatile) in 524288 slots HT.`;
    },
  },
  {
    id: 'cache.save-trigger',
    level: 'info',
    weight: 30,
    render: ({ rng }) => `${rng.int(10, 9000)} changes in 300 seconds. Saving...`,
  },
  {
    id: 'cache.bgsave-started',
    level: 'info',
    weight: 30,
    render: ({ rng }) => `Background saving started by pid ${rng.int(1000, 99999)}`,
  },
  { id: 'cache.db-saved', level: 'info', weight: 30, render: () => 'DB saved on disk' },
  {
    id: 'cache.cow-rdb',
    level: 'info',
    weight: 30,
    render: ({ rng }) => {
      const peak = rng.int(2, 40);
      return `Fork CoW for RDB: current ${rng.int(1, peak)} MB, peak ${peak} MB, average ${Math.ceil(peak / 2)} MB`;
    },
  },
  {
    id: 'cache.bgsave-done',
    level: 'info',
    weight: 30,
    render: () => 'Background saving terminated with success',
  },
  {
    id: 'cache.aof-auto',
    level: 'info',
    weight: 6,
    render: ({ rng }) => `Starting automatic rewriting of AOF on ${rng.int(100, 140)}% growth`,
  },
  {
    id: 'cache.aof-started',
    level: 'info',
    weight: 6,
    render: ({ rng }) => `Background append only file rewriting started by pid ${rng.int(1000, 99999)}`,
  },
  {
    id: 'cache.aof-manifest',
    level: 'info',
    weight: 6,
    render: ({ rng }) =>
      `Successfully created the temporary AOF base file temp-rewriteaof-bg-${rng.int(1000, 99999)}.aof`,
  },
  {
    id: 'cache.aof-cow',
    level: 'info',
    weight: 6,
    render: ({ rng }) => `Fork CoW for AOF rewrite: current ${rng.int(1, 8)} MB, peak ${rng.int(8, 30)} MB`,
  },
  {
    id: 'cache.aof-done',
    level: 'info',
    weight: 6,
    render: () => 'Background AOF rewrite terminated with success',
  },
  {
    id: 'cache.aof-finished',
    level: 'info',
    weight: 6,
    render: ({ rng }) =>
      `Background AOF rewrite finished successfully, base file appendonly.aof.${rng.int(2, 900)}.base.rdb`,
  },
  {
    id: 'cache.aof-fsync-slow',
    level: 'warn',
    weight: 14,
    render: () =>
      'Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync to complete, this may slow down Redis.',
  },
  {
    id: 'cache.output-buffer',
    level: 'warn',
    weight: 6,
    render: ({ rng }) =>
      `Client id=${rng.int(10000, 9999999)} addr=${rng.ip()}:${clientPort(rng)} laddr=10.0.0.12:6379 fd=${rng.int(8, 900)} name= age=${rng.int(1, 900)} idle=0 flags=N db=0 omem=${rng.int(64, 300) * 1048576} cmd=keys scheduled to be closed ASAP for overcoming of output buffer limits.`,
  },
  {
    id: 'cache.security-attack',
    level: 'warn',
    weight: 2,
    render: () =>
      'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
  },
  {
    id: 'cache.accept-error',
    level: 'error',
    weight: 5,
    render: ({ rng }) =>
      `Error accepting a client connection: Connection reset by peer (addr=${rng.ip()}:${clientPort(rng)} laddr=10.0.0.12:6379)`,
  },
  {
    id: 'cache.max-query-buffer',
    level: 'error',
    weight: 2,
    render: ({ rng }) =>
      `Closing client that reached max query buffer length: id=${rng.int(10000, 9999999)} addr=${rng.ip()}:${clientPort(rng)} qbuf=1073741824 (qbuf initial bytes: "*3\\r\\n$3\\r\\nSET\\r\\n$${rng.int(10, 40)}\\r\\n")`,
  },
];
