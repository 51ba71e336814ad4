/**
 * Pure rules of the git source: .gitignore-style path patterns, changed paths to services, a
 * commit's kind, and `git log` output to commits.
 */
import type { ChangeKind } from '../../core/index.js';
import type { KindRule } from './config.js';

/** A .gitignore-style pattern as a regular expression over repository-relative paths. */
export function compilePattern(pattern: string): RegExp {
  let p = pattern.replace(/^\.\//, '');
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\//, '');
  let body = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] as string;
    if (p.startsWith('**/', i)) {
      body += '(?:.*/)?';
      i += 2;
    } else if (p.startsWith('**', i)) {
      body += '.*';
      i += 1;
    } else if (ch === '*') body += '[^/]*';
    else if (ch === '?') body += '[^/]';
    else body += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  // A directory pattern matches the files under it; any other pattern the path itself or, when it
  // names a directory, the files under it.
  const suffix = dirOnly ? '/.+$' : '(?:/.+)?$';
  return new RegExp(`${prefix}${body}${suffix}`);
}

export interface ServicePaths {
  service: string;
  paths: readonly string[];
}

/** Each service with the changed paths that belong to it, in config order; a path may serve several. */
export function servicesOf(
  paths: readonly string[],
  services: readonly ServicePaths[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of services) {
    const res = s.paths.map(compilePattern);
    const mine = paths.filter((p) => res.some((re) => re.test(p)));
    if (mine.length > 0) out.set(s.service, [...(out.get(s.service) ?? []), ...mine]);
  }
  return out;
}

/** The first rule that holds for a commit's subject and the paths it changed for one service. */
export function kindOf(subject: string, paths: readonly string[], rules: readonly KindRule[]): ChangeKind {
  for (const rule of rules) {
    if (rule.subject !== undefined && !new RegExp(rule.subject).test(subject)) continue;
    if (rule.paths !== undefined) {
      const res = rule.paths.map(compilePattern);
      if (paths.length === 0 || !paths.every((p) => res.some((re) => re.test(p)))) continue;
    }
    return rule.kind;
  }
  return 'deploy';
}

export interface Commit {
  sha: string;
  shortSha: string;
  /** Committer time, epoch ms (git keeps seconds). */
  ts: number;
  author: string;
  subject: string;
  paths: string[];
}

export const RECORD = '\u001e';
export const FIELD = '\u001f';
/** `git log --format`: a record separator, then sha, short sha, committer seconds, author, subject. */
export const LOG_FORMAT = `${RECORD}%H${FIELD}%h${FIELD}%ct${FIELD}%an${FIELD}%s`;

/** Parses `git log --name-only --format=LOG_FORMAT` output. */
export function parseLog(text: string): Commit[] {
  const commits: Commit[] = [];
  for (const record of text.split(RECORD)) {
    if (record.trim() === '') continue;
    const [header = '', ...rest] = record.split('\n');
    const [sha = '', shortSha = '', seconds = '', author = '', subject = ''] = header.split(FIELD);
    commits.push({
      sha,
      shortSha,
      ts: Number(seconds) * 1000,
      author,
      subject,
      paths: rest.filter((line) => line !== ''),
    });
  }
  return commits;
}
