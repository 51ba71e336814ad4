/**
 * A real Alertmanager for end-to-end tests (Debian's prometheus-alertmanager, which `.ci/run`
 * installs): one route to a webhook, with short group and repeat intervals so a test sees the
 * first notification within seconds and repeats soon after (to prove they are deduplicated).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDaemon } from '../daemon.js';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

export function hasAlertmanager(): boolean {
  return existsSync(ALERTMANAGER_BIN);
}

export interface StartAlertmanagerOptions {
  webhookUrl: string;
  /** Sent as `Authorization: Bearer …` (Alertmanager's http_config.authorization). */
  bearer?: string;
  repeatInterval?: string;
  /** A port chosen beforehand (Prometheus is told where Alertmanager will be). */
  port?: number;
}

export async function startAlertmanager(
  options: StartAlertmanagerOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'nightshift-alertmanager-'));
  const config = [
    'route:',
    '  receiver: nightshift',
    "  group_by: ['alertname', 'service']",
    '  group_wait: 1s',
    '  group_interval: 1s',
    `  repeat_interval: ${options.repeatInterval ?? '3s'}`,
    'receivers:',
    '  - name: nightshift',
    '    webhook_configs:',
    `      - url: ${JSON.stringify(options.webhookUrl)}`,
    '        send_resolved: true',
    ...(options.bearer
      ? [
          '        http_config:',
          '          authorization:',
          `            credentials: ${JSON.stringify(options.bearer)}`,
        ]
      : []),
  ].join('\n');
  await writeFile(join(dir, 'alertmanager.yml'), `${config}\n`);
  const url = `http://127.0.0.1:${port}`;
  try {
    const daemon = await startDaemon(
      'alertmanager',
      ALERTMANAGER_BIN,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      `${url}/-/ready`,
    );
    return {
      url,
      stop: async () => {
        await daemon.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
