/**
 * The `nightshift` command. Thin: each sub-command parses its options and calls a capability.
 * Exit codes: 0 success, 1 failure, 2 bad input (a malformed bundle, an unknown option value,
 * an output folder that exists).
 */
import { Command, CommanderError } from 'commander';
import { NightshiftError } from '../core/index.js';
import { pcErr as pc } from './colors.js';
import { commands } from './commands/index.js';
import { ExitCode } from './exit-code.js';

const BAD_INPUT_CODES = new Set(['BAD_INPUT', 'BAD_BUNDLE', 'ALREADY_EXISTS', 'NOT_FOUND', 'READ_ONLY']);

export function buildProgram(): Command {
  const program = new Command('nightshift')
    .description('Open-source AI SRE: investigates an alert and writes the brief an on-call engineer needs.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof ExitCode) return error.code;
  if (error instanceof CommanderError) {
    // Commander has printed its message already; --help and --version exit 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof NightshiftError) {
    process.stderr.write(`${pc.red('error')}: ${error.message}\n`);
    if (error.hint) process.stderr.write(`${pc.dim('hint')}: ${error.hint}\n`);
    return BAD_INPUT_CODES.has(error.code) ? 2 : 1;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${pc.red('internal error')}: ${message}\n`);
  return 1;
}

/** `nightshift … | head` closes stdout early; that is the reader's choice, not an error. */
function quietOnClosedPipe(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
