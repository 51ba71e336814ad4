/**
 * Command-line arguments every benchmark shares: `--data <dir>` (the shared benchmark data, by
 * default ../shared/data beside the repository) and `--json <file>` (write the figures as JSON),
 * plus the benchmark's own flags as `--name value`.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface BenchArgs {
  data: string;
  json: string | undefined;
  flags: Map<string, string>;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"; flags look like --name value`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) flags.set(arg.slice(2), 'true');
    else {
      flags.set(arg.slice(2), next);
      i++;
    }
  }
  return { data: resolve(flags.get('data') ?? '../shared/data'), json: flags.get('json'), flags };
}

export function numberFlag(args: BenchArgs, name: string, fallback: number): number {
  const text = args.flags.get(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got "${text}"`);
  return n;
}

/** Says plainly which data set is missing and where it was looked for; returns whether it is there. */
export function requireData(path: string, what: string): boolean {
  if (existsSync(path)) return true;
  process.stderr.write(
    `${what} not found at ${path}; pass --data <dir> pointing at the shared benchmark data.\n`,
  );
  return false;
}

export async function writeJson(file: string | undefined, value: unknown): Promise<void> {
  if (file) await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
