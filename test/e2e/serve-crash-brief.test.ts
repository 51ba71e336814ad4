/**
 * Exactly one brief across crashes: `nightshift serve` runs as a child process against the Slack
 * stand-in, which holds chat.postMessage for 2 s; the server is killed with SIGKILL at each point
 * of the post, restarted on the same SQLite store, and the channel must hold one brief whose ts
 * the store recorded.
 *
 * The three points, and how each is hit without any hook in the server:
 * (a) intent recorded, post not yet taken by Slack: the stand-in holds the request before taking
 *     it, and drops it when the client is gone (the post never reached Slack). Killed once the
 *     store shows the intent and the request is held. Reliable: the hold is 2 s wide.
 * (b) Slack took the post and has not answered: the stand-in stores the message at once and
 *     answers after 2 s. Killed as soon as the message is in the channel. Reliable.
 * (c) Slack answered, the store has not recorded it: the test holds SQLite's write lock from
 *     while Slack holds the post until after it answered, so the worker's markBriefed waits on the
 *     lock (busy_timeout 5 s); killed 500 ms after the answer was written, when the worker has
 *     read it. Reliable as long as the worker reads a loopback answer within 500 ms; the test
 *     checks the store had no brief recorded at the kill.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { openBundle } from '../../src/bundle/index.js';
import { generateBundle } from '../../src/lab/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { type Daemon, freePort, startDaemon } from '../../testing/daemon.js';
import { generateOptions } from '../../testing/lab/support.js';
import {
  STAND_IN_CHANNEL,
  standInSlackSection,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import { until } from '../../testing/until.js';

const HOLD_MS = 2_000;
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Point = 'before Slack took the post' | 'while Slack holds the post' | 'after Slack answered';

test.each<{ point: Point }>([
  { point: 'before Slack took the post' },
  { point: 'while Slack holds the post' },
  { point: 'after Slack answered' },
])(
  'SIGKILL $point, restart: exactly one brief, and the store has its ts',
  { timeout: 180_000 },
  async ({ point }) => {
    const root = await mkdtemp(join(tmpdir(), 'ns-e2e-crash-'));
    stops.push(() => rm(root, { recursive: true, force: true }));
    await generateBundle(join(root, 'bundle'), generateOptions('bad-deploy', { seed: 5 }));
    const { alert } = (await openBundle(join(root, 'bundle'))).incident;
    // Slack's ts follow the clock, as the lookup (oldest = intent time) relies on.
    const slack = await startSlackStandIn({ now: Date.now });
    stops.push(() => slack.close());
    const port = await freePort();
    const config = join(root, 'nightshift.yaml');
    const dbPath = join(root, 'state', 'nightshift.db');
    await writeFile(
      config,
      [
        'server:',
        `  listen: 127.0.0.1:${port}`,
        'sources:',
        '  bundle: bundle',
        'store:',
        '  kind: sqlite',
        '  path: state/nightshift.db',
        ...standInSlackSection(slack),
      ].join('\n'),
    );
    const serve = async (): Promise<Daemon> => {
      const daemon = await startDaemon(
        'nightshift serve',
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'serve-child.ts'), 'serve', '--config', config],
        `http://127.0.0.1:${port}/healthz`,
      );
      stops.push(() => daemon.stop());
      return daemon;
    };
    const store: Store = await openStore({ kind: 'sqlite', path: dbPath });
    stops.push(() => store.close());

    let server = await serve();
    slack.delayNext(HOLD_MS, { stage: point === 'before Slack took the post' ? 'receive' : 'answer' });
    const sent = await fetch(`http://127.0.0.1:${port}/webhooks/generic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: alert.name,
        service: alert.service,
        severity: 'critical',
        status: 'firing',
        startsAt: new Date(alert.startsAt).toISOString(),
        group: 'checkout-errors',
      }),
    });
    expect(sent.status).toBe(202);
    const [row] = await until('the investigation', () =>
      store.listInvestigations({ limit: 1 }).then((r) => r[0] && r),
    );
    const id = row?.id ?? '';
    const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
    const briefs = () => slack.messages(STAND_IN_CHANNEL).filter((m) => m.threadTs === undefined);

    if (point === 'before Slack took the post') {
      await until('the post held before Slack takes it', () => posts().length === 1);
      expect((await store.getInvestigation(id))?.briefIntentAt).toBeDefined();
      await server.kill();
      await sleep(HOLD_MS + 200); // the stand-in's hold ends and finds the client gone
      expect(briefs()).toEqual([]);
    } else if (point === 'while Slack holds the post') {
      await until('Slack to take the post', () => briefs().length === 1);
      await server.kill();
      expect(posts()[0]?.answeredAt).toBeUndefined();
    } else {
      await until('Slack to take the post', () => briefs().length === 1);
      const lock = new Database(dbPath);
      lock.exec('BEGIN IMMEDIATE'); // the worker's markBriefed now waits for this lock
      try {
        await until('Slack to answer', () => posts()[0]?.answeredAt !== undefined);
        await sleep(500);
        await server.kill();
      } finally {
        lock.exec('ROLLBACK');
        lock.close();
      }
    }
    expect((await store.getInvestigation(id))?.firstBriefAt).toBeUndefined();

    server = await serve();
    const briefed = await until('the brief to be recorded after the restart', async () => {
      const r = await store.getInvestigation(id);
      return r?.firstBriefAt === undefined ? undefined : r;
    });
    await sleep(500); // a second post, if one were coming, would be on its way by now
    const [only, ...more] = briefs();
    expect(more).toEqual([]);
    expect(only?.metadata).toEqual({
      event_type: 'nightshift_brief',
      event_payload: { investigation_id: id },
    });
    expect(briefed.thread).toEqual({ channel: STAND_IN_CHANNEL, ts: only?.ts });
    // Looked before posting on the restart; posted again only when the first post never arrived.
    expect(slack.calls.some((c) => c.method === 'conversations.history')).toBe(true);
    expect(posts()).toHaveLength(point === 'before Slack took the post' ? 2 : 1);
    await server.stop();
  },
);
