/**
 * `nightshift serve` over a bundle, with the Slack stand-in: the brief once, a follow-up in its
 * thread when another alert of the group fires, and the resolve in the thread when all clear.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openBundle } from '../../src/bundle/index.js';
import { loadConfig } from '../../src/config/load.js';
import { generateBundle } from '../../src/lab/index.js';
import { startServer } from '../../src/server/serve.js';
import { generateOptions } from '../../testing/lab/support.js';
import {
  STAND_IN_CHANNEL,
  standInSlackSection,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import { until } from '../../testing/until.js';

const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

test('brief once, follow-up and resolve in its thread', { timeout: 120_000 }, async () => {
  const root = await mkdtemp(join(tmpdir(), 'ns-e2e-slack-'));
  stops.push(() => rm(root, { recursive: true, force: true }));
  await generateBundle(join(root, 'bundle'), generateOptions('bad-deploy', { seed: 5 }));
  const { alert } = (await openBundle(join(root, 'bundle'))).incident;
  const slack = await startSlackStandIn();
  stops.push(() => slack.close());
  await writeFile(
    join(root, 'nightshift.yaml'),
    ['sources:', '  bundle: bundle', ...standInSlackSection(slack)].join('\n'),
  );
  const server = await startServer(await loadConfig({ cwd: root, env: {} }), { port: 0, log: () => {} });
  stops.push(() => server.close());
  const send = (name: string, status: 'firing' | 'resolved') =>
    fetch(`${server.url}/webhooks/generic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        service: alert.service,
        severity: 'critical',
        status,
        startsAt: new Date(alert.startsAt).toISOString(),
        group: 'checkout-errors',
      }),
    });

  expect((await send(alert.name, 'firing')).status).toBe(202);
  expect((await send(alert.name, 'firing')).status).toBe(202); // a repeat
  const brief = await until('the brief', () =>
    slack.messages(STAND_IN_CHANNEL).find((m) => m.threadTs === undefined),
  );
  await send('HighLatencyP99', 'firing');
  await until('the follow-up', () =>
    slack
      .messages(STAND_IN_CHANNEL)
      .find((m) => m.threadTs === brief.ts && /Also firing: HighLatencyP99/.test(m.text ?? '')),
  );
  await send(alert.name, 'resolved');
  await send('HighLatencyP99', 'resolved');
  await until('the resolve', () =>
    slack.messages(STAND_IN_CHANNEL).find((m) => m.threadTs === brief.ts && /Resolved/.test(m.text ?? '')),
  );
  expect(slack.messages(STAND_IN_CHANNEL).filter((m) => m.threadTs === undefined)).toHaveLength(1);
  const [row] = await server.store.listInvestigations({ limit: 5 });
  expect(row).toMatchObject({ status: 'done', thread: { ts: brief.ts } });
  expect(row?.resolvedAt).toBeDefined();
});
