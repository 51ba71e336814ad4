import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../testing/store/contract.js';
import { schemaContract } from '../../testing/store/contract-schema.js';
import { DEFAULT_SQLITE_PATH, openStore } from './open.js';
import { openSqliteStore } from './sqlite.js';

const root = mkdtempSync(join(tmpdir(), 'nightshift-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
/** A fresh database file in a directory that does not exist yet (open must create it). */
const freshFile = () => join(root, `run-${++files}`, 'nested', 'nightshift.db');

storeContract('sqlite file', async () => openSqliteStore(freshFile()));
storeContract('sqlite :memory:', async () => openSqliteStore(':memory:'));
schemaContract('sqlite', async () => openSqliteStore(':memory:'));

describe('sqlite store', () => {
  it('uses WAL, a busy timeout and foreign keys', async () => {
    const store = openSqliteStore(freshFile());
    const pragmas = [];
    for (const name of ['journal_mode', 'busy_timeout', 'foreign_keys']) {
      const { rows } = await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(store.db);
      pragmas.push(Object.values(rows[0] ?? {}));
    }
    await store.close();
    expect(pragmas).toEqual([['wal'], [5000], [1]]);
  });

  it('keeps its data in the file across reopening', async () => {
    const path = freshFile();
    const first = await openStore({ kind: 'sqlite', path });
    await first.intake(
      {
        fingerprint: 'fp',
        source: 'generic',
        status: 'firing',
        groupKey: 'g',
        name: 'DiskFull',
        service: 'db',
        severity: 'warning',
        labels: {},
        annotations: {},
        startsAt: 1,
        receivedAt: 2,
      },
      { groupWindowMs: 1_000, maxAttempts: 1 },
    );
    await first.close();
    const second = await openStore({ kind: 'sqlite', path });
    expect((await second.listInvestigations({ limit: 5 })).map((i) => i.title)).toEqual(['DiskFull on db']);
    await second.close();
  });

  it('resolves a relative path against the base directory', async () => {
    const base = join(root, 'project');
    const store = await openStore({ kind: 'sqlite', path: DEFAULT_SQLITE_PATH }, base);
    await store.close();
    expect(existsSync(join(base, '.nightshift', 'nightshift.db'))).toBe(true);
  });
});

describe('sqlite file permissions', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  it('creates the database, its -wal and -shm files 0600 and the .nightshift folder 0700', async () => {
    const base = join(root, 'private');
    const db = join(base, '.nightshift', 'nightshift.db');
    const store = openSqliteStore(db);
    await sql`create table t (x integer)`.execute(store.db);
    await sql`insert into t values (1)`.execute(store.db);
    const modes = [db, `${db}-wal`, `${db}-shm`].map((f) => [f, modeOf(f)]);
    const dirMode = modeOf(join(base, '.nightshift'));
    await store.close();
    expect(modes).toEqual([db, `${db}-wal`, `${db}-shm`].map((f) => [f, 0o600]));
    expect(dirMode).toBe(0o700);
  });

  it('narrows files and the .nightshift folder left world-readable by an older version', async () => {
    const dir = join(root, 'older', '.nightshift');
    const db = join(dir, 'nightshift.db');
    await openSqliteStore(db).close();
    for (const f of [db, `${db}-wal`, `${db}-shm`]) writeFileSync(f, '', { flag: 'a' });
    for (const f of [db, `${db}-wal`, `${db}-shm`]) chmodSync(f, 0o644);
    chmodSync(dir, 0o755);
    const store = openSqliteStore(db);
    const modes = [db, `${db}-wal`, `${db}-shm`].map(modeOf);
    const dirMode = modeOf(dir);
    await store.close();
    expect(modes).toEqual([0o600, 0o600, 0o600]);
    expect(dirMode).toBe(0o700);
  });

  it('leaves a folder the user chose as it is', async () => {
    const dir = join(root, 'shared-data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const store = openSqliteStore(join(dir, 'nightshift.db'));
    await store.close();
    expect(modeOf(dir)).toBe(0o755);
    expect(modeOf(join(dir, 'nightshift.db'))).toBe(0o600);
  });
});
