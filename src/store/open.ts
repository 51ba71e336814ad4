import { isAbsolute, join } from 'node:path';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/** Where the SQLite store lives by default, relative to the project (or working) directory. */
export const DEFAULT_SQLITE_PATH = '.nightshift/nightshift.db';

export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Opens the configured store and brings its schema up to date. A relative SQLite path is taken
 * from `baseDir` (the directory of the config file, or the working directory).
 */
export async function openStore(config: StoreConfig, baseDir: string = process.cwd()): Promise<Store> {
  const store = openUnmigrated(config, baseDir);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openUnmigrated(config: StoreConfig, baseDir: string): KyselyStore {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore(
        config.path === ':memory:' || isAbsolute(config.path) ? config.path : join(baseDir, config.path),
      );
    case 'postgres':
      return openPostgresStore(config.url);
  }
}
