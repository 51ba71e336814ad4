import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { ValidationError } from '../core/index.js';
import * as bundleApi from './index.js';
import { openBundle } from './reader.js';
import { readTruth } from './scoring.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/spec-bundle');
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function copyFixture(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-truth-'));
  roots.push(root);
  await cp(FIXTURE, join(root, 'bundle'), { recursive: true });
  return join(root, 'bundle');
}

describe('readTruth', () => {
  test('reads the fixture truth', async () => {
    expect(await readTruth(FIXTURE)).toEqual({
      rootCause: {
        service: 'db-proxy',
        category: 'connection_pool_exhaustion',
        change: 'chg-0042',
        startedAt: Date.parse('2026-03-02T13:58:00Z'),
        summary: 'Pool max lowered from 100 to 10 in release 2.14.3',
      },
      alsoAcceptable: [{ service: 'postgres' }],
    });
  });

  test('is undefined for a bundle without truth.yaml', async () => {
    const dir = await copyFixture();
    await rm(join(dir, 'truth.yaml'));
    expect(await readTruth(dir)).toBeUndefined();
  });

  test('throws a ValidationError naming the line of a bad category', async () => {
    const dir = await copyFixture();
    const text = await readFile(join(dir, 'truth.yaml'), 'utf8');
    await writeFile(join(dir, 'truth.yaml'), text.replace('connection_pool_exhaustion', 'gremlins'));
    const error = await readTruth(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /^truth\.yaml line 3: field "rootCause\.category": expected one of bad_deploy, .*, other, got "gremlins"$/,
    );
  });
});

describe('an investigation cannot reach truth.yaml', () => {
  test('bundle/index.ts does not export readTruth', () => {
    expect(Object.keys(bundleApi)).not.toContain('readTruth');
    expect(Object.keys(bundleApi).filter((name) => /truth/i.test(name))).toEqual(['toTruthYaml']);
  });

  test('an opened Bundle has no member about truth', async () => {
    const bundle = await openBundle(FIXTURE);
    expect(Object.keys(bundle).filter((name) => /truth/i.test(name))).toEqual([]);
    expect(Object.keys(bundle.files)).not.toContain('truth');
  });

  test('truthImports finds static, re-export and dynamic imports of truth and scoring', () => {
    const file = join(ROOT, 'src/investigate/tools/x.ts');
    const source = [
      "import { readTruth } from '../../bundle/scoring.js';",
      "export { readTruth } from '../../bundle/truth.js';",
      "const t = await import('../../bundle/truth');",
      "import { openBundle } from '../../bundle/index.js';",
      "import type { Truth } from '../../core/index.js';",
    ].join('\n');
    expect(truthImports(file, source)).toEqual([
      '../../bundle/scoring.js',
      '../../bundle/truth.js',
      '../../bundle/truth',
    ]);
  });

  test('no file of src/ outside the scoring folders imports bundle/truth or bundle/scoring', async () => {
    const offenders: string[] = [];
    const files = await sourceFiles(join(ROOT, 'src'));
    expect(files).toContain(fileURLToPath(import.meta.url));
    for (const file of files) {
      const rel = relative(ROOT, file).split('\\').join('/');
      if (ALLOWED.some((folder) => rel.startsWith(`${folder}/`))) continue;
      for (const specifier of truthImports(file, await readFile(file, 'utf8'))) {
        offenders.push(`${rel} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

/** Folders whose code scores investigations and so may read the truth. */
const ALLOWED = ['src/bundle', 'src/backtest', 'src/evals', 'src/cli', 'src/lab', 'bench'];
const TRUTH_MODULES = ['src/bundle/truth', 'src/bundle/scoring'].map((m) => join(ROOT, m));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** The import specifiers of `source` (a file at `file`) that resolve to the truth modules. */
function truthImports(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1]!;
    if (!specifier.startsWith('.')) continue;
    const target = resolve(dirname(file), specifier).replace(/\.(js|ts|mjs|mts)$/, '');
    if (TRUTH_MODULES.includes(target)) found.push(specifier);
  }
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
