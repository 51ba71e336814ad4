/**
 * Runs the git CLI: no shell, a fixed environment (C locale for parseable messages, no prompts,
 * no pager), a timeout, the caller's signal, and a cap on how much output is kept. Failures become
 * NightshiftErrors that name the repository and say what to do.
 */
import { spawn } from 'node:child_process';
import { NightshiftError } from '../../core/index.js';

export interface GitRun {
  repo: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Keep at most this many bytes of stdout, then stop git; undefined keeps everything. */
  maxBytes?: number;
}

export interface GitOutput {
  stdout: string;
  /** Output was cut at maxBytes. */
  truncated: boolean;
}

const ENV = {
  LC_ALL: 'C',
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_OPTIONAL_LOCKS: '0',
};

export function cancelled(repo: string): NightshiftError {
  return new NightshiftError(
    'QUERY_TIMEOUT',
    `stopped reading git history of ${repo}: the read was cancelled`,
    {
      hint: 'the investigation stopped waiting for this source (its time budget ran out)',
    },
  );
}

export function runGit(args: readonly string[], run: GitRun): Promise<GitOutput> {
  if (run.signal?.aborted) return Promise.reject(cancelled(run.repo));
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', run.repo, '-c', 'core.quotePath=false', ...args], {
      env: { ...process.env, ...ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let stderr = '';
    let stopped: 'timeout' | 'aborted' | undefined;
    const stop = (why: 'timeout' | 'aborted') => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), run.timeoutMs);
    const onAbort = () => stop('aborted');
    run.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (run.maxBytes !== undefined && bytes + chunk.length > run.maxBytes) {
        chunks.push(chunk.subarray(0, run.maxBytes - bytes));
        bytes = run.maxBytes;
        truncated = true;
        // Enough read: stop git rather than let it write a huge diff nobody reads.
        child.stdout.destroy();
        child.kill('SIGTERM');
        return;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'ENOENT'
          ? new NightshiftError('BAD_INPUT', 'git is not installed or not on PATH', {
              hint: `install git (the git source runs \`git log\` in ${run.repo}) or remove the git source`,
            })
          : new NightshiftError(
              'QUERY_FAILED',
              `could not run git in ${run.repo} (${error.code ?? error.message})`,
            ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      if (stopped === 'aborted') return reject(cancelled(run.repo));
      if (stopped === 'timeout')
        return reject(
          new NightshiftError(
            'QUERY_TIMEOUT',
            `git did not finish within ${run.timeoutMs} ms in ${run.repo}`,
            {
              hint: 'the history may be very large: raise git.timeoutMs or read a shorter range',
            },
          ),
        );
      const stdout = Buffer.concat(chunks).toString('utf8');
      if (code === 0 || truncated) return resolve({ stdout, truncated });
      reject(gitError(stderr, run.repo));
    });
  });
}

/** git's own message (first `fatal:` line) with what to do about it. */
export function gitError(stderr: string, repo: string): NightshiftError {
  const line =
    stderr
      .split('\n')
      .find((l) => l.startsWith('fatal:'))
      ?.replace(/^fatal:\s*/, '') ?? stderr.trim().split('\n')[0];
  const said = line ? ` (git: ${line})` : '';
  if (/not a git repository/i.test(stderr))
    return new NightshiftError('BAD_INPUT', `${repo} is not a git repository${said}`, {
      hint: 'set git.repo to the path of a clone (the folder that holds .git) or of a bare repository',
    });
  if (/cannot change to|No such file or directory/i.test(stderr))
    return new NightshiftError('BAD_INPUT', `the git repository ${repo} does not exist${said}`, {
      hint: 'set git.repo to the path of a clone of the repository that deploys the services',
    });
  if (/dubious ownership/i.test(stderr))
    return new NightshiftError(
      'BAD_INPUT',
      `git refuses to read ${repo}: it belongs to another user${said}`,
      {
        hint: `run \`git config --global --add safe.directory ${repo}\` as the user that runs Nightshift`,
      },
    );
  if (/unknown revision|bad revision|ambiguous argument/i.test(stderr))
    return new NightshiftError('BAD_INPUT', `git.ref names no commit in ${repo}${said}`, {
      hint: 'set git.ref to a branch, tag or commit of the repository (default HEAD); fetch it first if it is remote',
    });
  return new NightshiftError('QUERY_FAILED', `git failed in ${repo}${said}`, {
    hint: 'run the same git log by hand in that folder to see what git needs',
  });
}

/** An empty repository has no history to read: not an error. */
export function isEmptyHistory(error: unknown): boolean {
  return error instanceof NightshiftError && /does not have any commits yet/.test(error.message);
}
