import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NightshiftError } from '../core/index.js';
import { describeConfig } from './describe.js';
import { loadConfig, loadLlmSection } from './load.js';
import { CONFIG_HINT } from './schema.js';

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

/**
 * What `nightshift config check <file>` prints (cli/commands/serve.ts): the description on success,
 * else the error's message and hint (cli/main.ts), with its exit code.
 */
async function configCheck(yaml: string): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ns-config-check-'));
  await writeFile(join(dir, 'nightshift.yaml'), yaml);
  try {
    const loaded = await loadConfig({ cwd: dir, env: {}, file: 'nightshift.yaml' });
    return { code: 0, output: `${loaded.file}: OK\n${describeConfig(loaded.config)}\n` };
  } catch (error) {
    if (!(error instanceof NightshiftError)) throw error;
    return { code: 2, output: `error: ${error.message}\nhint: ${error.hint ?? ''}\n` };
  }
}

/** Every secret field of nightshift.yaml, filled by `v(i)`: the i-th distinct secret value. */
const everySecretField = (v: (i: number) => string | number) =>
  [
    'server:',
    `  publicUrl: https://ops:${v(1)}@nightshift.example.com`,
    'auth:',
    `  alertmanager: { bearer: ${v(2)} }`,
    `  grafana: { bearer: ${v(3)} }`,
    `  pagerduty: { secrets: [${v(4)}, ${v(5)}] }`,
    `  generic: { hmacSecret: ${v(6)}, header: X-Signature }`,
    `  api: { bearer: ${v(7)} }`,
    'store:',
    '  kind: postgres',
    `  url: postgres://nightshift:${v(8)}@db.internal:5432/nightshift`,
    'sources:',
    '  prometheus:',
    `    url: https://metrics:${v(9)}@prometheus.internal`,
    `    auth: { bearer: ${v(10)} }`,
    `    headers: { X-Scope-OrgID: ${v(11)}, X-Api-Key: ${v(12)} }`,
    '  loki:',
    '    url: http://loki:3100',
    `    auth: { username: loki-reader, password: ${v(13)} }`,
    '  jaeger:',
    '    url: http://jaeger:16686',
    `    auth: { bearer: ${v(14)} }`,
    'slack:',
    `  token: ${v(15)}`,
    '  channel: C0123',
    `  webhookUrl: https://hooks.slack.com/services/${v(16)}`,
    'llm:',
    '  provider: openai-compatible',
    `  baseUrl: https://gateway:${v(17)}@llm.internal/v1`,
    `  apiKey: ${v(18)}`,
  ].join('\n');

const SECRET_FIELDS = 18;
const numbers = (i: number) => 73_000_000 + i * 1_013;
const strings = (i: number) => `Zq${i}x-${'k'.repeat(4)}-w3Tt${i * 7919}-pv`;

describe('config check never prints a secret', () => {
  test.each([
    { name: 'numbers in every secret field (invalid types)', values: numbers, code: 2 },
    { name: 'strings in every secret field (valid)', values: strings, code: 0 },
    {
      name: 'short strings in every secret field (too short)',
      values: (i: number) => `sh${i}rt-${i * 37}`,
      code: 2,
    },
  ])('$name', async ({ values, code }) => {
    const run = await configCheck(everySecretField(values));
    expect(run.code).toBe(code);
    expect(run.output).not.toBe('');
    const shownValues = Array.from({ length: SECRET_FIELDS }, (_, i) => String(values(i + 1))).filter((v) =>
      run.output.includes(v),
    );
    expect(shownValues).toEqual([]);
  });

  test('a header value of the wrong type is named by field, not shown', async () => {
    const run = await configCheck(
      'sources:\n  prometheus:\n    url: http://prometheus:9090\n    headers: { X-Api-Key: 31313131 }\n',
    );
    expect(run.output).toContain(
      'field "sources.prometheus.headers.X-Api-Key": expected string, got a value (not shown',
    );
    expect(run.output).not.toContain('31313131');
  });
});

test('the hint names every section the schema has, the notifier registry’s included', () => {
  expect(CONFIG_HINT).toMatch(
    /^nightshift\.yaml has server, auth, store, intake, investigation, sources, slack and llm sections;/,
  );
});

test('config check: the webhooks and notifier lines come from the registries', async () => {
  const run = await configCheck(
    'auth:\n  pagerduty: { secrets: [a-shared-secret-of-some-length] }\nslack:\n  token: xoxb-0123456789abcdef\n  channel: C0123\n',
  );
  expect(run.output).toContain(
    '  webhooks    alertmanager: open (no credential); grafana: open (no credential); pagerduty: PagerDuty signature (1 secret); generic: open (no credential)',
  );
  expect(run.output).toContain('  notifier    slack: bot to C0123');
});

describe('loadLlmSection: only the llm: section, for `nightshift investigate`', () => {
  const dirWith = async (yaml: string | undefined) => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-llm-'));
    if (yaml !== undefined) await writeFile(join(dir, 'nightshift.yaml'), yaml);
    return dir;
  };

  test('a valid section, beside a section whose variables are not set here', async () => {
    const cwd = await dirWith('slack:\n  token: ${SLACK_TOKEN}\n  channel: C1\nllm:\n  provider: openai\n');
    await expect(loadLlmSection({ cwd, env: {} })).resolves.toEqual({ provider: 'openai' });
  });

  test('a bad section: the error names its full path, line and field', async () => {
    const cwd = await dirWith('# team config\nllm:\n  provider: anthropic\n  maxSteps: many\n');
    await expect(loadLlmSection({ cwd, env: {} })).rejects.toThrow(
      `${join(cwd, 'nightshift.yaml')} line 4: field "llm.maxSteps": expected number, got "many"`,
    );
  });

  test('no file, or no section: undefined', async () => {
    await expect(loadLlmSection({ cwd: await dirWith(undefined), env: {} })).resolves.toBeUndefined();
    await expect(
      loadLlmSection({ cwd: await dirWith('store:\n  kind: sqlite\n'), env: {} }),
    ).resolves.toEqual({});
  });

  test('a nightshift.yaml that cannot be read is an error, not silently ignored', async () => {
    const cwd = await dirWith(undefined);
    await mkdir(join(cwd, 'nightshift.yaml'));
    await expect(loadLlmSection({ cwd, env: {} })).rejects.toThrow(
      `${join(cwd, 'nightshift.yaml')}: cannot be read`,
    );
  });
});
