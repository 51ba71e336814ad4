/**
 * `nightshift serve`: takes alerts over webhooks, investigates them with the configured sources,
 * posts each brief once, and serves the JSON API. `nightshift config check` validates the file
 * it would use, with line numbers, without starting anything.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { describeConfig } from '../../config/describe.js';
import { loadConfig } from '../../config/load.js';
import { formatDuration } from '../../core/index.js';
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
      const grace = loaded.config.server.shutdownGrace;
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) {
            process.stderr.write(
              `${signal} again: stopping now; running investigations resume on the next start\n`,
            );
            process.exit(1);
          }
          stopping = true;
          process.stderr.write(
            `${signal}: no new alerts or jobs; running investigations have ${formatDuration(grace)} to finish\n`,
          );
          // close() abandons what is still running after the grace period; this bounds the rest
          // (a store that does not answer, a thread that will not terminate).
          const deadline = setTimeout(() => {
            process.stderr.write(
              'could not stop cleanly in time; exiting, unfinished jobs resume on the next start\n',
            );
            process.exit(1);
          }, grace + 5_000);
          deadline.unref();
          server.close().then(resolve, (error: Error) => {
            process.stderr.write(`error while stopping: ${error.message}\n`);
            resolve();
          });
        };
        process.on('SIGINT', () => stop('SIGINT'));
        process.on('SIGTERM', () => stop('SIGTERM'));
      });
      process.stderr.write('stopped\n');
      // A read stuck in the kernel (a hung mount) keeps Node's event loop alive after the server
      // has stopped; nothing of ours is left to finish.
      process.exit(0);
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
