/**
 * `startServer`'s wiring, in-process: the notifier nightshift.yaml names is the one that gets the
 * brief, a configured live source is the one read, and every alert source in the registry without
 * a credential stops the server from starting on an address other machines can reach.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLokiStandIn } from '../../testing/connectors/loki-stand-in.js';
import { generateOptions } from '../../testing/lab/support.js';
import { STAND_IN_CHANNEL, STAND_IN_TOKEN, startSlackStandIn } from '../../testing/notify/slack-stand-in.js';
import { until } from '../../testing/until.js';
import { openBundle } from '../bundle/index.js';
import { loadConfig } from '../config/load.js';
import { ALERT_SOURCES, type AlertSourceKind, alertSources } from '../intake/index.js';
import { generateBundle } from '../lab/index.js';
import type { NotifierKind } from '../notify/index.js';
import { type RunningServer, startServer } from './serve.js';

const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

let root: string;
let alert: { name: string; service: string; startsAt: number };
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ns-serve-wiring-'));
  stops.push(() => rm(root, { recursive: true, force: true }));
  await generateBundle(join(root, 'bundle'), generateOptions('bad-deploy', { seed: 5 }));
  ({ alert } = (await openBundle(join(root, 'bundle'))).incident);
}, 120_000);

/** A folder with this nightshift.yaml (JSON is YAML), loaded as `nightshift serve` loads it. */
async function configDir(name: string, config: Record<string, unknown>) {
  const dir = join(root, name);
  await mkdir(dir);
  await writeFile(join(dir, 'nightshift.yaml'), JSON.stringify(config, null, 2));
  return loadConfig({ cwd: dir, env: {} });
}

async function sendAlert(server: RunningServer): Promise<void> {
  const res = await fetch(`${server.url}/webhooks/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: alert.name,
      service: alert.service,
      severity: 'critical',
      startsAt: new Date(alert.startsAt).toISOString(),
    }),
  });
  expect(res.status).toBe(202);
}

describe('the notifier nightshift.yaml names gets the brief', () => {
  /** How each notifier kind is configured and where its brief shows up; a new kind must be added. */
  const cases: Record<NotifierKind, (slack: string, webhook: string) => Record<string, unknown> | undefined> =
    {
      slack: (apiUrl) => ({ token: STAND_IN_TOKEN, channel: STAND_IN_CHANNEL, apiUrl }),
      'slack-webhook': (_apiUrl, webhookUrl) => ({ webhookUrl }),
      stdout: () => undefined,
    };

  test.each(Object.keys(cases) as NotifierKind[])('%s', { timeout: 120_000 }, async (kind) => {
    const slack = await startSlackStandIn();
    stops.push(() => slack.close());
    const section = cases[kind](slack.url, slack.webhookUrl);
    const loaded = await configDir(`notify-${kind}`, {
      sources: { bundle: '../bundle' },
      ...(section && { slack: section }),
    });
    let stdout = '';
    const server = await startServer(loaded, {
      port: 0,
      log: () => {},
      stdout: { write: (text: string) => (stdout += text) },
    });
    stops.push(() => server.close());
    await sendAlert(server);

    const [row] = await until(
      'the brief recorded',
      async () => {
        const rows = await server.store.listInvestigations({ limit: 1 });
        return rows[0]?.firstBriefAt === undefined ? undefined : rows;
      },
      100_000,
    );
    const posted = slack.messages(STAND_IN_CHANNEL).filter((m) => m.threadTs === undefined);
    if (kind === 'stdout') {
      expect(posted).toEqual([]);
      expect(stdout).toContain(`── Investigation ${row?.id}`);
    } else {
      expect(posted).toHaveLength(1);
      expect(stdout).toBe('');
      // Only the bot has threads: a brief by webhook has no thread to record.
      expect(row?.thread !== undefined).toBe(kind === 'slack');
      expect(slack.calls.some((c) => c.method === (kind === 'slack' ? 'chat.postMessage' : 'webhook'))).toBe(
        true,
      );
    }
  });
});

test('a configured live source is the one read: logs come from Loki, the rest from the bundle', {
  timeout: 120_000,
}, async () => {
  const loki = await startLokiStandIn([]);
  stops.push(() => loki.close());
  const loaded = await configDir('loki', { sources: { bundle: '../bundle', loki: { url: loki.url } } });
  const server = await startServer(loaded, { port: 0, log: () => {}, stdout: { write: () => true } });
  stops.push(() => server.close());
  await sendAlert(server);
  const [row] = await until(
    'the investigation done',
    async () => {
      const rows = await server.store.listInvestigations({ limit: 1, status: 'done' });
      return rows.length > 0 ? rows : undefined;
    },
    100_000,
  );
  expect(loki.requests.length).toBeGreaterThan(0);
  const trace = (await server.store.getTrace(row?.id ?? '')) as {
    spans: { name: string; attributes: Record<string, unknown> }[];
  };
  const from = (name: string) =>
    trace.spans.find((s) => s.name === name)?.attributes['nightshift.source.from'];
  expect(from('read logs')).toBe(`loki ${loki.url.replace(/\/$/, '')}`);
  expect(from('read metrics')).toBe(`bundle ${join(root, 'bundle')}`);
});

describe('on an address other machines can reach, every alert source needs a credential', () => {
  /**
   * Not bound to any interface here: reaching the bind step proves the auth check let the server
   * through, without listening anywhere but loopback (TEST-NET-1, RFC 5737).
   */
  const REACHABLE = '192.0.2.1:8787';
  const SECRET = 'a-shared-secret-of-some-length';
  /** Credential shapes sources accept today; a source needing a new one fails below, loudly. */
  const CANDIDATES = [{ bearer: SECRET }, { secrets: [SECRET] }, { hmacSecret: SECRET }];

  function credentialFor(kind: AlertSourceKind): unknown {
    const found = CANDIDATES.find((c) => alertSources[kind].authSchema.safeParse(c).success);
    if (!found) throw new Error(`no test credential fits auth.${kind}: add its shape to CANDIDATES`);
    return found;
  }
  const allCredentials = () =>
    Object.fromEntries([...ALERT_SOURCES.map((k) => [k, credentialFor(k)]), ['api', { bearer: SECRET }]]);

  test.each(ALERT_SOURCES)('%s without a credential: refused', async (kind) => {
    const auth = allCredentials();
    delete auth[kind];
    const loaded = await configDir(`open-${kind}`, { server: { listen: REACHABLE }, auth });
    await expect(startServer(loaded, { log: () => {} })).rejects.toThrow(
      `reachable from other machines, but auth has nothing for ${kind}`,
    );
  });

  test('every source with a credential: the server goes on to bind', async () => {
    const loaded = await configDir('all-closed', { server: { listen: REACHABLE }, auth: allCredentials() });
    await expect(startServer(loaded, { log: () => {} })).rejects.toThrow(
      'cannot listen on 192.0.2.1:8787: this machine has no such address',
    );
  });
});
