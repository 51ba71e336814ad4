/**
 * Small eval targets with real behaviour, and a temp folder of suite files, for the runner's tests.
 * The `echo` target answers with a case's vars: `answers[repeatIndex]` (or `answer`), throws when
 * `throws` names a message, and waits `delayMs`; it counts its runs and the runs in flight.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { defineTarget, type EvalTarget, type InputKind } from '../../src/evals/targets/target.js';

export interface EchoStats {
  runs: number;
  inFlight: number;
  maxInFlight: number;
  /** The bundle folders the target was given, in order. */
  dirs: string[];
}

export function echoTarget(
  stats: EchoStats,
  options: { version?: string; accepts?: readonly InputKind[] } = {},
): EvalTarget {
  return defineTarget({
    description: 'Answers with the case vars (test target).',
    config: z.object({ prefix: z.string().default('') }).strict(),
    accepts: options.accepts ?? ['none', 'bundle', 'recording'],
    identity: () => ({ version: options.version ?? '1' }),
    async run(config, testCase, env) {
      stats.runs++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        const vars = testCase.vars as {
          answer?: string;
          answers?: string[];
          throws?: string;
          delayMs?: number;
        };
        if (testCase.source.kind === 'bundle') stats.dirs.push(testCase.source.dir);
        if (vars.delayMs) await new Promise((resolve) => setTimeout(resolve, vars.delayMs));
        env.signal.throwIfAborted();
        if (vars.throws) throw new Error(vars.throws);
        const answer = vars.answers?.[testCase.repeatIndex] ?? vars.answer ?? '';
        return { text: `${config.prefix}${answer}` };
      } finally {
        stats.inFlight--;
      }
    },
  });
}

export function newStats(): EchoStats {
  return { runs: 0, inFlight: 0, maxInFlight: 0, dirs: [] };
}

/** A temporary folder; `write` puts a file in it (creating folders), `remove` deletes it all. */
export function tempFolder(prefix = 'nightshift-evals-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    async write(path: string, text: string): Promise<string> {
      const file = join(root, path);
      await mkdir(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
