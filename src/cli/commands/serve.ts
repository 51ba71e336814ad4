/**
 * `nightshift serve`: takes alerts over webhooks, investigates them with the configured sources,
 * posts each brief once, and serves the JSON API. `nightshift config check` validates the file
 * it would use, with line numbers, without starting anything.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { describeConfig } from '../../config/describe.js';
import { loadConfig } from '../../config/load.js';
import { startServer } from '../../server/serve.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Receive alerts (Alertmanager, Grafana, PagerDuty, generic webhooks), investigate them and post the brief.',
    )
    .option('--config <file>', 'the configuration file (default: ./nightshift.yaml when present)')
    .option('--port <n>', "override server.listen's port", (v) => Number.parseInt(v, 10))
    .action(async (flags: { config?: string; port?: number }) => {
      const loaded = await loadConfig({
        cwd: process.cwd(),
        env: process.env,
        ...(flags.config && { file: flags.config }),
      });
      const server = await startServer(loaded, flags.port === undefined ? {} : { port: flags.port });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stderr.write(`${signal}: finishing running investigations, then stopping\n`);
          server.close().then(resolve, resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}

export function registerConfig(program: Command): void {
  const config = program.command('config').description('Check nightshift.yaml.');
  config
    .command('check')
    .description('Validate the configuration file and show what it sets up (secrets are never shown).')
    .argument('[file]', 'the file to check (default: ./nightshift.yaml)')
    .action(async (file: string | undefined) => {
      const loaded = await loadConfig({ cwd: process.cwd(), env: process.env, ...(file && { file }) });
      const title = loaded.file ? `${loaded.file}: OK` : 'no nightshift.yaml here: the defaults apply';
      process.stdout.write(`${pc.green(title)}\n${describeConfig(loaded.config)}\n`);
    });
}
