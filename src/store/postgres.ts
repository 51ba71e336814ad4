import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db } from './db.js';
import { KyselyStore } from './kysely-store.js';

export interface PostgresOptions {
  /** Schema to work in (it must exist); the default is the server's search_path. */
  schema?: string;
  /** Pool size; several connections let intakes and claims of one process run side by side. */
  maxConnections?: number;
}

/**
 * Times are bigint epoch milliseconds, which pg returns as strings by default (int8 can exceed
 * 2^53). Ours never do, so int8 (and COUNT) come back as numbers. Set per pool, not globally.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPostgresDb(url: string, options: PostgresOptions = {}): Kysely<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  return new Kysely<Db>({ dialect: new PostgresDialect({ pool }) });
}

export function openPostgresStore(url: string, options: PostgresOptions = {}): KyselyStore {
  return new KyselyStore(openPostgresDb(url, options), 'postgres', options.schema);
}
