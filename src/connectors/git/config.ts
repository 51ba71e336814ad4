/**
 * Settings of the git change source: which repository and ref, which paths belong to which
 * service, and the rules that tell a config change or a rollback from a deploy.
 */
import { z } from 'zod';
import { CHANGE_KINDS, HOUR_MS } from '../../core/index.js';
import { parseSettings } from '../settings.js';

/**
 * Path patterns follow .gitignore rules: `*` stays within a path segment, `**` crosses segments, a
 * pattern with no inner `/` matches at any depth (`*.yaml`), one with an inner `/` is anchored at
 * the repository root (`services/cart/`), and a pattern matches a directory's files too.
 */
const patterns = z.array(z.string().min(1)).min(1);

export const kindRuleSchema = z
  .object({
    kind: z.enum(CHANGE_KINDS),
    /** The rule holds when every file the commit changed for the service matches one of these. */
    paths: patterns.optional(),
    /** The rule holds when the subject matches this regular expression. */
    subject: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => r.paths !== undefined || r.subject !== undefined, {
    message: 'give paths, subject or both',
  });
export type KindRule = z.infer<typeof kindRuleSchema>;

/** Reverts are rollbacks; commits that only touch configuration are config changes; the rest deploys. */
export const DEFAULT_KIND_RULES: KindRule[] = [
  { kind: 'rollback', subject: '^Revert\\b' },
  {
    kind: 'config',
    paths: ['config/', 'conf/', '*.yaml', '*.yml', '*.toml', '*.ini', '*.properties', '*.env', '.env'],
  },
];

export const gitConfigSchema = z
  .object({
    /** Path of the repository (its work tree or a bare repository). */
    repo: z.string().min(1),
    /** Branch, tag or commit whose history is read. */
    ref: z.string().min(1).default('HEAD'),
    services: z.array(z.object({ service: z.string().min(1), paths: patterns }).strict()).min(1),
    /** First matching rule wins; a commit no rule matches is a `deploy`. */
    kinds: z.array(kindRuleSchema).default(DEFAULT_KIND_RULES),
    /**
     * The service of commits that touch no mapped path. Without it such commits are skipped: a
     * change nobody can tie to a service is noise in a correlation.
     */
    defaultService: z.string().min(1).optional(),
    /** Diff text kept per change; longer diffs are cut and say so. */
    maxDiffBytes: z.number().int().nonnegative().default(20_000),
    /** How far before the read range commits are still returned (a slow leak, a nightly job). */
    leadUpMs: z
      .number()
      .int()
      .nonnegative()
      .default(24 * HOUR_MS),
    /** Link to a commit, with `{sha}` replaced, e.g. `https://github.com/org/repo/commit/{sha}`. */
    commitUrl: z.string().includes('{sha}').optional(),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();
export type GitConfigInput = z.input<typeof gitConfigSchema>;
export type GitConfig = z.infer<typeof gitConfigSchema>;

/** Parses settings given in code; a config file goes through core's readYamlSection instead. */
export function parseGitConfig(input: GitConfig | GitConfigInput): GitConfig {
  return parseSettings(
    gitConfigSchema,
    input,
    'git',
    'git needs repo (a path) and services ([{service, paths}]); optional: ref, kinds, defaultService, maxDiffBytes, leadUpMs, commitUrl, timeoutMs',
  );
}
