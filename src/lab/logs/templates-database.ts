/**
 * Background log lines of the `database` role: a PostgreSQL primary with `log_checkpoints`,
 * `log_autovacuum_min_duration`, `log_connections`, `log_lock_waits` and
 * `log_min_duration_statement = 250ms` on, as most managed offerings ship. LOG lines map to info,
 * WARNING and lock waits to warn, ERROR to error and FATAL to fatal. Errors stay under 1% of lines:
 * serialization failures, unique violations and the rare statement timeout happen on any busy
 * primary without an incident.
 */
import type { Random } from '../random.js';
import { clientPort } from './fields.js';
import type { LogTemplate } from './template.js';

const TABLES = [
  'orders',
  'order_items',
  'payments',
  'users',
  'addresses',
  'inventory',
  'shipments',
  'outbox',
];
const STATEMENTS = [
  'SELECT o.id, o.status, o.total_cents FROM orders o WHERE o.user_id = $1 ORDER BY o.created_at DESC LIMIT 20',
  'UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2 AND available - reserved >= $1',
  'INSERT INTO order_items (order_id, sku, quantity, price_cents) VALUES ($1, $2, $3, $4)',
  'SELECT p.* FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.created_at > $1',
  'SELECT count(*) FROM shipments WHERE status = $1 AND carrier = $2',
  "DELETE FROM outbox WHERE published_at < now() - interval '7 days'",
  'SELECT id, email, locale FROM users WHERE lower(email) = lower($1)',
];
const USERS = ['app', 'app', 'app', 'reporting', 'migrator'];

function table(rng: Random): string {
  return rng.pick(TABLES);
}

function seconds(rng: Random, min: number, max: number): string {
  return rng.float(min, max).toFixed(3);
}

/** Templates of the `database` role. */
export const databaseTemplates: LogTemplate[] = [
  {
    id: 'database.slow-statement',
    level: 'info',
    weight: 260,
    render: (ctx) =>
      `duration: ${(ctx.latencyMs() * 40 + 250).toFixed(3)} ms  statement: ${ctx.rng.pick(STATEMENTS)}`,
  },
  {
    id: 'database.slow-execute',
    level: 'info',
    weight: 140,
    render: (ctx) =>
      `duration: ${(ctx.latencyMs() * 30 + 250).toFixed(3)} ms  execute S_${ctx.rng.int(1, 40)}: ${ctx.rng.pick(STATEMENTS)}`,
  },
  {
    id: 'database.connection-received',
    level: 'info',
    weight: 120,
    render: ({ rng }) => `connection received: host=${rng.ip()} port=${clientPort(rng)}`,
  },
  {
    id: 'database.connection-authorized',
    level: 'info',
    weight: 120,
    render: ({ rng }) =>
      `connection authorized: user=${rng.pick(USERS)} database=shop application_name=${rng.pick(['pgbouncer', 'psql', 'metabase'])}`,
  },
  {
    id: 'database.disconnection',
    level: 'info',
    weight: 115,
    render: ({ rng }) =>
      `disconnection: session time: 0:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.${rng.int(100, 999)} user=app database=shop host=${rng.ip()} port=${clientPort(rng)}`,
  },
  {
    id: 'database.checkpoint-start',
    level: 'info',
    weight: 20,
    render: ({ rng }) => `checkpoint starting: ${rng.chance(0.9) ? 'time' : 'wal'}`,
  },
  {
    id: 'database.checkpoint-complete',
    level: 'info',
    weight: 20,
    render: ({ rng }) => {
      const buffers = rng.int(400, 9000);
      const write = rng.float(20, 29);
      const distance = rng.int(12000, 90000);
      return `checkpoint complete: wrote ${buffers} buffers (${((buffers / 262144) * 100).toFixed(1)}%); 0 WAL file(s) added, ${rng.int(0, 2)} removed, ${rng.int(1, 6)} recycled; write=${write.toFixed(3)} s, sync=${seconds(rng, 0.001, 0.09)} s, total=${(write + 0.05).toFixed(3)} s; sync files=${rng.int(20, 90)}, longest=${seconds(rng, 0.001, 0.02)} s, average=0.001 s; distance=${distance} kB, estimate=${distance + rng.int(0, 8000)} kB`;
    },
  },
  {
    id: 'database.autovacuum',
    level: 'info',
    weight: 30,
    render: ({ rng }) => {
      const remain = rng.int(2000, 90000);
      return `automatic vacuum of table "shop.public.${table(rng)}": index scans: ${rng.int(0, 1)}; pages: 0 removed, ${remain} remain, 0 skipped due to pins, ${rng.int(0, remain)} skipped frozen; tuples: ${rng.int(100, 9000)} removed, ${remain * 40} remain, ${rng.int(0, 40)} are dead but not yet removable; avg read rate: ${rng.float(0.1, 30).toFixed(3)} MB/s, avg write rate: ${rng.float(0.1, 10).toFixed(3)} MB/s; system usage: CPU: user: ${rng.float(0, 2).toFixed(2)} s, system: 0.01 s, elapsed: ${rng.float(0.1, 9).toFixed(2)} s`;
    },
  },
  {
    id: 'database.autoanalyze',
    level: 'info',
    weight: 25,
    render: ({ rng }) =>
      `automatic analyze of table "shop.public.${table(rng)}" avg read rate: ${rng.float(1, 60).toFixed(3)} MB/s, avg write rate: 0.000 MB/s; system usage: CPU: user: ${rng.float(0, 1).toFixed(2)} s, system: 0.00 s, elapsed: ${rng.float(0.1, 2).toFixed(2)} s`,
  },
  {
    id: 'database.autovacuum-toast',
    level: 'info',
    weight: 8,
    render: ({ rng }) =>
      `automatic vacuum of table "shop.pg_toast.pg_toast_${rng.int(16384, 24999)}": index scans: 0; pages: 0 removed, ${rng.int(10, 900)} remain; tuples: ${rng.int(0, 400)} removed`,
  },
  {
    id: 'database.temp-file',
    level: 'info',
    weight: 18,
    render: ({ rng }) =>
      `temporary file: path "base/pgsql_tmp/pgsql_tmp${rng.int(1000, 99999)}.${rng.int(0, 9)}", size ${rng.int(8, 200) * 1048576}`,
  },
  {
    id: 'database.lock-acquired',
    level: 'info',
    weight: 6,
    render: ({ rng }) =>
      `process ${rng.int(1000, 99999)} acquired ShareLock on transaction ${rng.int(8e6, 9e6)} after ${rng.float(1000, 1900).toFixed(3)} ms`,
  },
  {
    id: 'database.lock-wait',
    level: 'warn',
    weight: 8,
    render: ({ rng }) =>
      `process ${rng.int(1000, 99999)} still waiting for ShareLock on transaction ${rng.int(8e6, 9e6)} after ${rng.float(1000, 1100).toFixed(3)} ms`,
  },
  {
    id: 'database.client-reset',
    level: 'warn',
    weight: 10,
    render: () => 'could not receive data from client: Connection reset by peer',
  },
  {
    id: 'database.eof-open-tx',
    level: 'warn',
    weight: 4,
    render: () => 'unexpected EOF on client connection with an open transaction',
  },
  {
    id: 'database.checkpoints-frequent',
    level: 'warn',
    weight: 2,
    render: ({ rng }) =>
      `checkpoints are occurring too frequently (${rng.int(18, 29)} seconds apart); HINT: Consider increasing the configuration parameter "max_wal_size".`,
  },
  {
    id: 'database.serialization-failure',
    level: 'error',
    weight: 3,
    render: ({ rng }) =>
      `could not serialize access due to concurrent update; STATEMENT: UPDATE ${table(rng)} SET status = $1, updated_at = now() WHERE id = $2`,
  },
  {
    id: 'database.unique-violation',
    level: 'error',
    weight: 3,
    render: ({ rng }) =>
      `duplicate key value violates unique constraint "orders_idempotency_key_key"; DETAIL: Key (idempotency_key)=(${rng.uuid()}) already exists.`,
  },
  {
    id: 'database.statement-timeout',
    level: 'error',
    weight: 1,
    render: ({ rng }) => `canceling statement due to statement timeout; STATEMENT: ${rng.pick(STATEMENTS)}`,
  },
  {
    id: 'database.idle-in-tx-timeout',
    level: 'fatal',
    weight: 1,
    render: () => 'terminating connection due to idle-in-transaction timeout',
  },
];
