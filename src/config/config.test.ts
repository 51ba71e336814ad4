import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadConfig } from './load.js';

async function load(yaml: string, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'ns-config-'));
  await writeFile(join(dir, 'nightshift.yaml'), yaml);
  return loadConfig({ cwd: dir, env });
}

const SECRET = 'xoxb-very-secret-token-1234';

test('no file: the defaults (loopback, SQLite, nothing live)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ns-config-'));
  const loaded = await loadConfig({ cwd: dir, env: {} });
  expect(loaded.file).toBeUndefined();
  expect(loaded.config.server.listen).toBe('127.0.0.1:8787');
  expect(loaded.config.store).toEqual({ kind: 'sqlite', path: '.nightshift/nightshift.db' });
  expect(loaded.config.intake).toMatchObject({ groupWindow: 300_000, concurrency: 2 });
});

test('an explicit file that is missing is an error', async () => {
  await expect(loadConfig({ cwd: tmpdir(), env: {}, file: 'nope.yaml' })).rejects.toThrow(
    /nope\.yaml: cannot be read/,
  );
});

test('${VAR} is interpolated; durations become milliseconds', async () => {
  const loaded = await load(
    [
      'slack:',
      '  token: ${SLACK_TOKEN}',
      '  channel: C0123',
      'intake:',
      '  groupWindow: 2m',
      '  lease: ${LEASE:-90s}',
    ].join('\n'),
    { SLACK_TOKEN: SECRET },
  );
  expect(loaded.config.slack?.token).toBe(SECRET);
  expect(loaded.config.intake.groupWindow).toBe(120_000);
  expect(loaded.config.intake.lease).toBe(90_000);
});

test.each<{ name: string; yaml: string; env: Record<string, string>; message: string }>([
  {
    name: 'an unset variable',
    yaml: 'slack:\n  channel: C1\n  token: ${SLACK_TOKEN}\n',
    env: {},
    message: 'nightshift.yaml line 3: field "slack.token": environment variable SLACK_TOKEN is not set',
  },
  {
    name: 'a misspelt key',
    yaml: 'server:\n  listen: 127.0.0.1:9000\n  lisen: 1\n',
    env: {},
    message: 'nightshift.yaml line 3: field "server.lisen": not a setting of server: (see the hint)',
  },
  {
    name: 'a bad duration',
    yaml: 'intake:\n  groupWindow: soon\n',
    env: {},
    message: 'nightshift.yaml line 2: field "intake.groupWindow": expected a duration such as 30s, 5m or 2h',
  },
  {
    name: 'an unknown store kind',
    yaml: 'store:\n  kind: mysql\n',
    env: {},
    message: 'nightshift.yaml line 2: field "store.kind"',
  },
  {
    name: 'a short secret from the environment',
    yaml: 'auth:\n  alertmanager:\n    bearer: ${AM_TOKEN}\n',
    env: { AM_TOKEN: 'short-Zq' },
    message: 'nightshift.yaml line 3: field "auth.alertmanager.bearer": must be at least 16 characters',
  },
])('$name: the problem names file, line and field', async ({ yaml, env, message }) => {
  const error = await load(yaml, env).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error?.message).toContain(message);
  for (const value of Object.values(env)) expect(error?.message).not.toContain(value);
});

test('a secret written in the file is never echoed in an error', async () => {
  const error = await load(`slack:\n  token: ${SECRET}\n`).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error?.message).toContain('slack.channel');
  expect(error?.message).not.toContain(SECRET);
  const bad = await load('auth:\n  api:\n    bearer: 12345\n').then(
    () => undefined,
    (e: Error) => e,
  );
  expect(bad?.message).toContain('not shown: it is a secret');
  expect(bad?.message).not.toContain('12345');
});

test('an unset variable and a schema problem are reported together', async () => {
  const error = await load('auth:\n  api:\n    bearer: ${API_TOKEN}\nintake:\n  groupWindow: soon\n').then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error?.message.split('\n')).toEqual([
    expect.stringContaining('line 3: field "auth.api.bearer": environment variable API_TOKEN is not set'),
    expect.stringContaining('line 5: field "intake.groupWindow": expected a duration'),
  ]);
});
