/**
 * Background log lines of the `db-proxy` role: PgBouncer in transaction pooling mode. Client (`C-`)
 * and server (`S-`) lines carry the connection's address as PgBouncer prints it, `db/user@ip:port`.
 * Warn about 3% (client EOFs, idle-transaction timeouts); error under 1%, mostly clients sending a
 * startup parameter PgBouncer does not forward, a classic of JDBC and some ORMs.
 */
import type { Random } from '../random.js';
import { clientPort } from './fields.js';
import type { LogTemplate } from './template.js';

const TLS = 'TLSv1.3/TLS_AES_256_GCM_SHA384/ECDH=X25519';

function client(rng: Random, user = 'app'): string {
  return `C-0x${rng.hex(12)}: shop/${user}@${rng.ip()}:${clientPort(rng)}`;
}

function server(rng: Random): string {
  return `S-0x${rng.hex(12)}: shop/app@${rng.ip()}:5432`;
}

/** Templates of the `db-proxy` role. */
export const dbProxyTemplates: LogTemplate[] = [
  {
    id: 'db-proxy.login',
    level: 'info',
    weight: 300,
    render: ({ rng }) => `${client(rng)} login attempt: db=shop user=app tls=no`,
  },
  {
    id: 'db-proxy.login-tls',
    level: 'info',
    weight: 60,
    render: ({ rng }) => `${client(rng, 'reporting')} login attempt: db=shop user=reporting tls=${TLS}`,
  },
  {
    id: 'db-proxy.client-close',
    level: 'info',
    weight: 300,
    render: ({ rng }) => `${client(rng)} closing because: client close request (age=${rng.int(1, 900)}s)`,
  },
  {
    id: 'db-proxy.server-new',
    level: 'info',
    weight: 50,
    render: ({ rng }) => `${server(rng)} new connection to server (from ${rng.ip()}:${clientPort(rng)})`,
  },
  {
    id: 'db-proxy.server-tls',
    level: 'info',
    weight: 20,
    render: ({ rng }) => `${server(rng)} SSL established: ${TLS}`,
  },
  {
    id: 'db-proxy.server-idle',
    level: 'info',
    weight: 35,
    render: ({ rng }) => `${server(rng)} closing because: server idle timeout (age=${rng.int(600, 3000)}s)`,
  },
  {
    id: 'db-proxy.server-lifetime',
    level: 'info',
    weight: 15,
    render: ({ rng }) => `${server(rng)} closing because: server lifetime over (age=${rng.int(3600, 3700)}s)`,
  },
  {
    id: 'db-proxy.stats',
    level: 'info',
    weight: 40,
    render: (ctx) => {
      const { rng } = ctx;
      const xacts = rng.int(120, 480);
      const queryUs = Math.round(ctx.latencyMs() * 350) + 40;
      return `stats: ${xacts} xacts/s, ${xacts * rng.int(3, 5)} queries/s, in ${rng.int(20000, 90000)} B/s, out ${rng.int(200000, 900000)} B/s, xact ${queryUs * 4} us, query ${queryUs} us, wait ${rng.int(0, 12)} us`;
    },
  },
  {
    id: 'db-proxy.client-not-ready',
    level: 'info',
    weight: 10,
    render: ({ rng }) =>
      `${client(rng)} closing because: client disconnect while server was not ready (age=${rng.int(0, 30)}s)`,
  },
  {
    id: 'db-proxy.sighup',
    level: 'info',
    weight: 1,
    render: () => 'got SIGHUP, re-reading config',
  },
  {
    id: 'db-proxy.link',
    level: 'debug',
    weight: 80,
    render: ({ rng }) =>
      `${client(rng)} linked to S-0x${rng.hex(12)} (pool shop/app, ${rng.int(1, 12)} idle)`,
  },
  {
    id: 'db-proxy.dns',
    level: 'debug',
    weight: 10,
    render: (ctx) => `dns: new result for ${ctx.dependency()}: ${ctx.rng.ip()} (ttl=30s)`,
  },
  {
    id: 'db-proxy.client-eof',
    level: 'warn',
    weight: 18,
    render: ({ rng }) => `${client(rng)} closing because: client unexpected eof (age=${rng.int(0, 600)}s)`,
  },
  {
    id: 'db-proxy.idle-tx',
    level: 'warn',
    weight: 6,
    render: ({ rng }) =>
      `${client(rng)} closing because: idle transaction timeout (age=${rng.int(60, 900)}s)`,
  },
  {
    id: 'db-proxy.server-crashed',
    level: 'warn',
    weight: 2,
    render: ({ rng }) => `${server(rng)} closing because: server conn crashed? (age=${rng.int(1, 4000)}s)`,
  },
  {
    id: 'db-proxy.startup-param',
    level: 'error',
    weight: 5,
    render: ({ rng }) =>
      `C-0x${rng.hex(12)}: (nodb)/(nouser)@${rng.ip()}:${clientPort(rng)} pooler error: unsupported startup parameter: extra_float_digits`,
  },
  {
    id: 'db-proxy.auth-failed',
    level: 'error',
    weight: 2,
    render: ({ rng }) => `${client(rng, 'reporting')} pooler error: password authentication failed`,
  },
];
