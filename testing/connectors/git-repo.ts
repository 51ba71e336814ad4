/**
 * Builds throwaway git repositories for tests: each commit writes files and is dated exactly
 * (author and committer), so a test can place history at the instants it needs.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface TestCommit {
  /** Epoch ms; git keeps whole seconds. */
  ts: number;
  subject: string;
  author?: string;
  /** Path → new content (replaces the file). */
  files: Record<string, string>;
}

function git(repo: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: repo,
    env: { ...process.env, LC_ALL: 'C', ...env },
    encoding: 'utf8',
  });
}

export function initRepo(repo: string): void {
  git(repo, ['init', '-q', '-b', 'main']);
}

/** Commits the files; returns the full sha. */
export async function commit(repo: string, c: TestCommit): Promise<string> {
  for (const [path, content] of Object.entries(c.files)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), content);
  }
  git(repo, ['add', '-A']);
  const date = `@${Math.floor(c.ts / 1000)} +0000`;
  const author = c.author ?? 'test';
  git(repo, ['commit', '-q', '--allow-empty', '-m', c.subject], {
    GIT_AUTHOR_NAME: author,
    GIT_AUTHOR_EMAIL: `${author}@example.test`,
    GIT_COMMITTER_NAME: author,
    GIT_COMMITTER_EMAIL: `${author}@example.test`,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
  return git(repo, ['rev-parse', 'HEAD']).trim();
}
