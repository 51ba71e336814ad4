import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { commit, initRepo } from '../../../testing/connectors/git-repo.js';
import { sourceContract } from '../../../testing/connectors/sources-contract.js';
import { rejection } from '../../../testing/errors.js';
import { generateOptions } from '../../../testing/lab/support.js';
import { openBundle } from '../../bundle/index.js';
import type { Change } from '../../core/index.js';
import { DAY_MS, HOUR_MS, NightshiftError } from '../../core/index.js';
import { generateBundle } from '../../lab/index.js';
import { bundleSources } from '../files/index.js';
import {
  compilePattern,
  createGitSource,
  DEFAULT_KIND_RULES,
  type KindRule,
  kindOf,
  servicesOf,
} from './index.js';

const LAB_KINDS: KindRule[] = [{ kind: 'feature_flag', paths: ['flags/'] }, ...DEFAULT_KIND_RULES];

/** Where a lab change of each kind lands in the test repository. */
function fileFor(change: Change): string {
  const base = `services/${change.service}`;
  if (change.kind === 'config') return `${base}/config/settings.yaml`;
  if (change.kind === 'feature_flag') return `${base}/flags/flags.yaml`;
  return `${base}/src/main.ts`;
}

sourceContract(
  'git',
  ['changes'],
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'ns-git-'));
    const dir = join(root, 'bundle');
    const repo = join(root, 'repo');
    await generateBundle(dir, generateOptions('bad-deploy', { seed: 3 }));
    const bundle = await openBundle(dir);
    const expected = bundleSources(bundle, dir);
    const { start, end } = bundle.incident.window;
    const changes = (await expected.changes?.changes({ start: start - 2 * DAY_MS, end: end + DAY_MS })) ?? [];
    expect(changes.length).toBeGreaterThan(0);
    await mkdir(repo);
    initRepo(repo);
    await commit(repo, { ts: start - 10 * DAY_MS, subject: 'initial', files: { 'README.md': 'shop\n' } });
    for (const c of [...changes].sort((a, b) => a.ts - b.ts)) {
      const file = fileFor(c);
      await commit(repo, {
        ts: c.ts,
        subject: c.summary,
        ...(c.author !== undefined && { author: c.author }),
        files: { [file]: `${c.id}\n${c.diff ?? ''}\n` },
      });
    }
    const services = [
      ...new Set([...(bundle.topology?.services.map((s) => s.name) ?? []), ...changes.map((c) => c.service)]),
    ];
    return {
      actual: {
        changes: createGitSource({
          repo,
          services: services.map((service) => ({ service, paths: [`services/${service}/`] })),
          kinds: LAB_KINDS,
        }),
      },
      expected,
      range: bundle.incident.window,
      close: () => rm(root, { recursive: true, force: true }),
    };
  },
  // git keeps whole seconds of committer time.
  { changes: (c) => `${Math.floor(c.ts / 1000)}|${c.service}|${c.kind}|${c.summary}` },
);

test.each([
  { pattern: 'services/cart/', path: 'services/cart/src/a.ts', expected: true },
  { pattern: 'services/cart/', path: 'services/cart', expected: false },
  { pattern: 'services/cart/', path: 'services/cartography/a.ts', expected: false },
  { pattern: 'services/cart/', path: 'old/services/cart/a.ts', expected: false },
  { pattern: 'services/cart', path: 'services/cart', expected: true },
  { pattern: 'services/cart', path: 'services/cart/a.ts', expected: true },
  { pattern: '/services/cart', path: 'services/cart/a.ts', expected: true },
  { pattern: '*.yaml', path: 'a.yaml', expected: true },
  { pattern: '*.yaml', path: 'deploy/prod/a.yaml', expected: true },
  { pattern: '*.yaml', path: 'a.yaml.bak', expected: false },
  { pattern: 'config/', path: 'config/app.properties', expected: true },
  { pattern: 'config/', path: 'services/cart/config/app.yaml', expected: true },
  { pattern: 'config/', path: 'configs/app.yaml', expected: false },
  { pattern: 'deploy/**/cart.yaml', path: 'deploy/cart.yaml', expected: true },
  { pattern: 'deploy/**/cart.yaml', path: 'deploy/prod/eu/cart.yaml', expected: true },
  { pattern: 'charts/*/values.yaml', path: 'charts/cart/values.yaml', expected: true },
  { pattern: 'charts/*/values.yaml', path: 'charts/a/b/values.yaml', expected: false },
  { pattern: 'src/?.ts', path: 'src/a.ts', expected: true },
  { pattern: 'a+b.txt', path: 'a+b.txt', expected: true },
  { pattern: 'a+b.txt', path: 'aab.txt', expected: false },
])('compilePattern($pattern) on $path → $expected', ({ pattern, path, expected }) => {
  expect(compilePattern(pattern).test(path)).toBe(expected);
});

const SERVICES = [
  { service: 'cart', paths: ['services/cart/', 'charts/cart/'] },
  { service: 'users', paths: ['services/users/'] },
  { service: 'platform', paths: ['libs/http/'] },
];

test.each([
  { name: 'one service', paths: ['services/cart/a.ts'], expected: { cart: ['services/cart/a.ts'] } },
  {
    name: 'two patterns of one service',
    paths: ['services/cart/a.ts', 'charts/cart/values.yaml'],
    expected: { cart: ['services/cart/a.ts', 'charts/cart/values.yaml'] },
  },
  {
    name: 'two services',
    paths: ['services/cart/a.ts', 'services/users/b.ts'],
    expected: { cart: ['services/cart/a.ts'], users: ['services/users/b.ts'] },
  },
  { name: 'unmapped paths', paths: ['README.md', 'services/cartx/a.ts'], expected: {} },
])('servicesOf: $name', ({ paths, expected }) => {
  expect(Object.fromEntries(servicesOf(paths, SERVICES))).toEqual(expected);
});

test.each([
  { name: 'code', subject: 'add retries', paths: ['services/cart/src/a.ts'], expected: 'deploy' },
  { name: 'only yaml', subject: 'raise pool', paths: ['services/cart/deploy.yaml'], expected: 'config' },
  { name: 'config dir', subject: 'x', paths: ['services/cart/config/app.properties'], expected: 'config' },
  {
    name: 'code and config',
    subject: 'x',
    paths: ['services/cart/a.ts', 'services/cart/a.yaml'],
    expected: 'deploy',
  },
  { name: 'revert', subject: 'Revert "add retries"', paths: ['services/cart/a.ts'], expected: 'rollback' },
  { name: 'revert of config', subject: 'Revert "raise pool"', paths: ['x.yaml'], expected: 'rollback' },
  { name: 'word starting with Revert', subject: 'Reverting is hard', paths: ['a.ts'], expected: 'deploy' },
  { name: 'no files', subject: 'empty', paths: [], expected: 'deploy' },
])('kindOf with the default rules: $name → $expected', ({ subject, paths, expected }) => {
  expect(kindOf(subject, paths, DEFAULT_KIND_RULES)).toBe(expected);
});

test('kindOf: the first matching rule wins, so a flag file is a feature flag before it is yaml', () => {
  expect(kindOf('enable x', ['services/cart/flags/flags.yaml'], LAB_KINDS)).toBe('feature_flag');
  expect(kindOf('enable x', ['services/cart/flags/flags.yaml'], DEFAULT_KIND_RULES)).toBe('config');
  expect(
    kindOf(
      'bump',
      ['db/migrations/001.sql'],
      [{ kind: 'migration', paths: ['migrations/'], subject: '^bump' }],
    ),
  ).toBe('migration');
  expect(
    kindOf(
      'other',
      ['db/migrations/001.sql'],
      [{ kind: 'migration', paths: ['migrations/'], subject: '^bump' }],
    ),
  ).toBe('deploy');
});

describe('git: commits to changes', () => {
  const T0 = Date.UTC(2026, 2, 1, 12);
  let root: string;
  let repo: string;
  const shas: Record<string, string> = {};
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ns-git-unit-'));
    repo = join(root, 'repo');
    await mkdir(repo);
    initRepo(repo);
    shas.docs = await commit(repo, { ts: T0, subject: 'docs', files: { 'README.md': 'hello\n' } });
    shas.both = await commit(repo, {
      ts: T0 + 60_000,
      subject: 'share the http client',
      author: 'alice',
      files: { 'services/cart/src/http.ts': 'cart side\n', 'services/users/src/http.ts': 'users side\n' },
    });
    shas.big = await commit(repo, {
      ts: T0 + 120_000,
      subject: 'vendor a table',
      files: { 'services/cart/data/table.txt': `${'row of data\n'.repeat(5000)}` },
    });
    shas.revert = await commit(repo, {
      ts: T0 + 180_000,
      subject: 'Revert "vendor a table"',
      files: { 'services/cart/data/table.txt': 'row\n' },
    });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const range = () => ({ start: T0, end: T0 + HOUR_MS });

  it('one change per service a commit touches, each with its own diff; unmapped commits are skipped', async () => {
    const source = createGitSource({ repo, services: SERVICES, leadUpMs: 0 });
    const changes = await source.changes(range());
    const short = (shas.both as string).slice(0, 7);
    const both = changes.filter((c) => c.version === shas.both);
    expect(both.map((c) => ({ id: c.id.replace(/^[0-9a-f]+/, 'sha'), service: c.service }))).toEqual([
      { id: 'sha:cart', service: 'cart' },
      { id: 'sha:users', service: 'users' },
    ]);
    expect(both[0]?.id.startsWith(short)).toBe(true);
    expect(both[0]).toMatchObject({
      ts: T0 + 60_000,
      kind: 'deploy',
      summary: 'share the http client',
      author: 'alice',
    });
    expect(both[0]?.diff).toContain('+cart side');
    expect(both[0]?.diff).toContain('services/cart/src/http.ts | 1 +');
    expect(both[0]?.diff).not.toContain('users side');
    expect(both[1]?.diff).toContain('+users side');
    expect(changes.some((c) => c.version === shas.docs)).toBe(false);
    expect(changes.find((c) => c.version === shas.revert)).toMatchObject({
      kind: 'rollback',
      service: 'cart',
    });
    expect(changes.map((c) => c.ts)).toEqual([...changes.map((c) => c.ts)].sort((a, b) => a - b));
  });

  it('maps unmapped commits to defaultService when set, and links commits', async () => {
    const source = createGitSource({
      repo,
      services: SERVICES,
      defaultService: 'shop',
      leadUpMs: 0,
      commitUrl: 'https://git.example.test/shop/commit/{sha}',
    });
    const docs = (await source.changes(range())).find((c) => c.version === shas.docs);
    expect(docs).toMatchObject({
      service: 'shop',
      summary: 'docs',
      id: (shas.docs as string).slice(0, 7),
      url: `https://git.example.test/shop/commit/${shas.docs}`,
    });
  });

  it('cuts a diff at maxDiffBytes and says so', async () => {
    const source = createGitSource({ repo, services: SERVICES, maxDiffBytes: 1000, leadUpMs: 0 });
    const big = (await source.changes(range())).find((c) => c.version === shas.big);
    expect(big?.diff).toMatch(/\n… diff truncated at 1000 bytes \(see git show [0-9a-f]{7,}\)$/);
    expect(big?.diff?.length).toBeLessThan(1100);
    const whole = createGitSource({ repo, services: SERVICES, maxDiffBytes: 200_000, leadUpMs: 0 });
    const full = (await whole.changes(range())).find((c) => c.version === shas.big);
    expect(full?.diff).not.toContain('truncated');
    expect(full?.diff?.split('\n+row of data')).toHaveLength(5001);
  });

  it('keeps only commits in the range, reaching back leadUpMs', async () => {
    const source = createGitSource({ repo, services: SERVICES, defaultService: 'shop', leadUpMs: 0 });
    const later = await source.changes({ start: T0 + 60_000, end: T0 + 120_000 });
    expect(later.map((c) => c.summary)).toEqual(['share the http client', 'share the http client']);
    const withLeadUp = createGitSource({
      repo,
      services: SERVICES,
      defaultService: 'shop',
      leadUpMs: 60_000,
    });
    const reaching = await withLeadUp.changes({ start: T0 + 60_000, end: T0 + 120_000 });
    expect(reaching.map((c) => c.summary)).toContain('docs');
  });

  it('an empty repository has no changes', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    initRepo(empty);
    expect(await createGitSource({ repo: empty, services: SERVICES }).changes(range())).toEqual([]);
  });

  it('a folder that is not a repository is BAD_INPUT naming it', async () => {
    const plain = join(root, 'plain');
    await mkdir(plain);
    const error = await rejection(createGitSource({ repo: plain, services: SERVICES }).changes(range()));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(`${plain} is not a git repository`);
    expect(error.hint).toContain('git.repo');
  });

  it('a missing folder is BAD_INPUT naming it', async () => {
    const missing = join(root, 'missing');
    const error = await rejection(createGitSource({ repo: missing, services: SERVICES }).changes(range()));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain(missing);
  });

  it('an unknown ref is BAD_INPUT pointing at git.ref', async () => {
    const error = await rejection(
      createGitSource({ repo, ref: 'no-such-branch', services: SERVICES }).changes(range()),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain('no-such-branch');
    expect(error.message).toContain('git.ref');
  });

  it('git missing from PATH is BAD_INPUT saying so', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(root, 'no-bin');
    try {
      const error = await rejection(createGitSource({ repo, services: SERVICES }).changes(range()));
      expect(error.code).toBe('BAD_INPUT');
      expect(error.message).toContain('git is not installed');
    } finally {
      process.env.PATH = path;
    }
  });

  it('bad settings are BAD_INPUT naming the field', () => {
    expect(() => createGitSource({ repo, services: [] })).toThrow(/services/);
    expect(() => createGitSource({ repo, services: SERVICES, kinds: [{ kind: 'config' }] })).toThrow(
      NightshiftError,
    );
  });
});
