/** Starts bench/backtest-child.ts steps for bench/backtest.ts, each in a fresh process. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs one step of bench/backtest-child.ts in a fresh process; its stderr (progress) shows here.
 * Resolves with its last stdout line; `onLine` sees each line as it comes.
 */
export function child<T>(argv: string[], onLine?: (line: string) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'backtest-child.ts'), ...argv],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    let seen = 0;
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      for (const line of lines.slice(seen, -1)) onLine?.(line);
      seen = lines.length - 1;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) {
        reject(
          new Error(`bench/backtest-child.ts ${argv.join(' ')} exited with ${code}; its error is above`),
        );
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T);
    });
  });
}
