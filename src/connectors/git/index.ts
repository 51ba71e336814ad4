/**
 * The `git` connector: commits of a repository as changes. Each commit in the range (plus the
 * lead-up before it) that touches a mapped service becomes one change per service it touches,
 * with its kind from the rules, its subject as summary and its diff (limited to that service's
 * files and to maxDiffBytes). Merge commits are left out: the commits they bring in are read
 * themselves. Commits touching no mapped path are skipped unless `defaultService` names one.
 * Dates are committer dates, which git keeps in whole seconds; the range is narrowed by
 * `git log --since/--until`, which stops at the first commits older than the range, so history
 * whose committer dates go backwards (rare; some rewritten histories) can hide older commits.
 */
import type { Change, TimeRange } from '../../core/index.js';
import type { ChangeSource } from '../sources.js';
import { type GitConfig, type GitConfigInput, parseGitConfig } from './config.js';
import { cancelled, runGit } from './git-cli.js';
import { type Commit, kindOf, LOG_FORMAT, parseLog, servicesOf } from './map.js';

export type { GitConfig, GitConfigInput, KindRule } from './config.js';
export { DEFAULT_KIND_RULES, gitConfigSchema, kindRuleSchema, parseGitConfig } from './config.js';
export { compilePattern, kindOf, servicesOf } from './map.js';

/** Above this many files, a service's diff is the whole commit's rather than a pathspec list. */
const MAX_PATHSPECS = 100;

/** Takes parsed settings or raw input (parsed here; BAD_INPUT on bad settings). */
export function createGitSource(config: GitConfig | GitConfigInput): ChangeSource {
  const settings = parseGitConfig(config);
  return {
    async changes(range, signal): Promise<Change[]> {
      if (signal?.aborted) throw cancelled(settings.repo);
      const commits = await readCommits(settings, range, signal);
      const changes: Change[] = [];
      for (const commit of commits) {
        const byService = servicesOf(commit.paths, settings.services);
        if (byService.size === 0 && settings.defaultService !== undefined)
          byService.set(settings.defaultService, commit.paths);
        for (const [service, paths] of byService) {
          const diff = await diffOf(settings, commit, byService.size > 1 ? paths : undefined, signal);
          changes.push({
            id: byService.size > 1 ? `${commit.shortSha}:${service}` : commit.shortSha,
            ts: commit.ts,
            service,
            kind: kindOf(commit.subject, paths, settings.kinds),
            summary: commit.subject,
            version: commit.sha,
            author: commit.author,
            ...(diff !== undefined && { diff }),
            ...(settings.commitUrl !== undefined && {
              url: settings.commitUrl.replaceAll('{sha}', commit.sha),
            }),
          });
        }
      }
      return changes.sort((a, b) => a.ts - b.ts);
    },
  };
}

/** Names the source for messages, e.g. `git /srv/deploys (HEAD)`. */
export function describeGit(config: GitConfig | GitConfigInput): string {
  return `git ${config.repo} (${config.ref ?? 'HEAD'})`;
}

async function readCommits(settings: GitConfig, range: TimeRange, signal?: AbortSignal): Promise<Commit[]> {
  const from = range.start - settings.leadUpMs;
  if (range.end <= from) return [];
  const run = { repo: settings.repo, timeoutMs: settings.timeoutMs, signal };
  const args = [
    'log',
    '--no-merges',
    '--no-color',
    '--name-only',
    `--format=${LOG_FORMAT}`,
    `--since=@${Math.floor(from / 1000)}`,
    `--until=@${Math.ceil(range.end / 1000)}`,
    '--end-of-options',
    settings.ref,
    '--',
  ];
  let stdout: string;
  try {
    ({ stdout } = await runGit(args, run));
  } catch (error) {
    // An empty repository has no ref to read yet: no changes, not a misconfiguration.
    if (await isEmptyRepository(run)) return [];
    throw error;
  }
  return parseLog(stdout).filter((c) => c.ts >= from && c.ts < range.end);
}

async function isEmptyRepository(run: { repo: string; timeoutMs: number }): Promise<boolean> {
  try {
    const { stdout } = await runGit(['rev-list', '--all', '--max-count=1'], run);
    return stdout.trim() === '';
  } catch {
    return false;
  }
}

/** `git show --stat --patch` of the commit, limited to `paths` when given and to maxDiffBytes. */
async function diffOf(
  settings: GitConfig,
  commit: Commit,
  paths: readonly string[] | undefined,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  if (settings.maxDiffBytes === 0) return undefined;
  const pathspecs =
    paths !== undefined && paths.length <= MAX_PATHSPECS ? paths.map((p) => `:(literal)${p}`) : [];
  const { stdout, truncated } = await runGit(
    ['show', '--no-color', '--no-ext-diff', '--stat', '--patch', '--format=', commit.sha, '--', ...pathspecs],
    { repo: settings.repo, timeoutMs: settings.timeoutMs, signal, maxBytes: settings.maxDiffBytes },
  );
  const text = stdout.replace(/^\n+/, '');
  return truncated
    ? `${text}\n… diff truncated at ${settings.maxDiffBytes} bytes (see git show ${commit.shortSha})`
    : text;
}
