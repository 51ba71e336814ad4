/**
 * The package as a user gets it: `npm pack` (which runs `prepare`, the build), `npm install
 * --omit=dev` of the tarball into an empty folder, then the installed `nightshift --help` and
 * `nightshift demo`. It proves that dist/ is in the tarball, that nothing shipped needs a dev
 * dependency (vitest, tsx) or the repository's testing/ folder, and that the bin entry runs.
 *
 * It is slow (the install fetches every dependency and may compile better-sqlite3: about five
 * minutes in all on two cores) and it talks to the npm registry, so it runs only when
 * NIGHTSHIFT_PACK_TEST=1, which `.ci/run` sets. Locally: `NIGHTSHIFT_PACK_TEST=1 npx vitest run
 * test/e2e/pack.test.ts`. Note that `npm pack` rebuilds this checkout's dist/.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const ENABLED = process.env.NIGHTSHIFT_PACK_TEST === '1';
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Pack, install and demo measured about 5 minutes on two shared cores; three times that is slack. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const RUN_TIMEOUT_MS = 3 * 60_000;

/**
 * A specifier that names a dev dependency or a file outside the package's own dist/: what an
 * installed package could not load. `ai/test` is where the scripted model's mock lives.
 */
const FORBIDDEN_IMPORT =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"](vitest(?:\/[^'"]*)?|tsx(?:\/[^'"]*)?|ai\/test|[^'"]*\/testing\/[^'"]*|[^'"]*\/src\/[^'"]*)['"]/;

interface Run {
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell: without the npm_* variables an enclosing `npm test` sets (an
 * inherited npm_config_local_prefix or npm_package_* would make the inner npm act on this
 * repository) and without vitest's own.
 */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || key.startsWith('VITEST') || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a program; a non-zero exit fails with the command and everything it printed. */
function run(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const command = [file, ...args].join(' ');
          reject(new Error(`${command} (in ${options.cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
        } else resolve({ stdout, stderr });
      },
    );
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!ENABLED)(
  'the packed package, installed without dev dependencies (slow: set NIGHTSHIFT_PACK_TEST=1 to run; .ci/run does)',
  () => {
    let root = '';
    let app = '';
    let env: NodeJS.ProcessEnv = {};

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'nightshift-pack-'));
      app = join(root, 'app');
      env = userEnv({ NIGHTSHIFT_HOME: join(root, 'home') });
      await run('npm', ['pack', '--pack-destination', root], {
        cwd: REPO,
        env,
        timeoutMs: INSTALL_TIMEOUT_MS,
      });
      const tarballs = (await readdir(root)).filter((name) => name.endsWith('.tgz'));
      expect(tarballs, `npm pack wrote one tarball into ${root}`).toHaveLength(1);
      await mkdir(app);
      // An empty project to install into, as a user's would be.
      await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'app', private: true })}\n`);
      await run(
        'npm',
        ['install', '--omit=dev', '--no-audit', '--no-fund', join(root, tarballs[0] as string)],
        { cwd: app, env, timeoutMs: INSTALL_TIMEOUT_MS },
      );
    }, INSTALL_TIMEOUT_MS);

    afterAll(async () => {
      if (root) await rm(root, { recursive: true, force: true });
    });

    test('ships bin/, dist/ and the playbooks only, and no shipped file imports a dev dependency, src/ or testing/', async () => {
      const pkg = join(app, 'node_modules', 'nightshift');
      const files = (await filesUnder(pkg)).map((f) => relative(pkg, f));
      expect(files).toContain('dist/cli/main.js');
      // `analyze --brain llm` reads them from the package (src/analyze/playbooks.ts).
      for (const stage of ['setup', 'per-case', 'cluster', 'synthesise'])
        expect(files).toContain(`docs/playbooks/${stage}.md`);
      const outside = files.filter(
        (f) =>
          !/^(bin|dist)\//.test(f) &&
          !/^docs\/playbooks\/[^/]+\.md$/.test(f) &&
          !/^(package\.json|README\.md|LICENSE)$/.test(f),
      );
      expect(outside).toEqual([]);
      expect(files.filter((f) => /\.test\.js$|(^|\/)testing\//.test(f))).toEqual([]);
      const offending: string[] = [];
      for (const file of files.filter((f) => f.endsWith('.js'))) {
        const match = FORBIDDEN_IMPORT.exec(await readFile(join(pkg, file), 'utf8'));
        if (match) offending.push(`${file} imports ${match[1]}`);
      }
      expect(offending).toEqual([]);
      // The dev dependencies were really left out, so loading the CLI below proves it needs none.
      await expect(readdir(join(app, 'node_modules', 'vitest'))).rejects.toThrow(/ENOENT/);
    });

    test('nightshift --help lists the commands', async () => {
      const { stdout } = await run(join(app, 'node_modules', '.bin', 'nightshift'), ['--help'], {
        cwd: app,
        env,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      expect(stdout).toMatch(/^Usage: nightshift/);
      for (const command of ['demo', 'investigate', 'serve', 'validate']) {
        expect(stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
      }
    });

    test("nightshift demo exits 0 and names the lab's root cause", async () => {
      const bundle = join(root, 'demo-bundle');
      const args = ['demo', '--fault', 'bad-deploy', '--seed', '7', '--out', bundle];
      const { stdout } = await run(join(app, 'node_modules', '.bin', 'nightshift'), args, {
        cwd: app,
        env,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      // The demo's verdict is by service (the category is the brief's own reading of the evidence).
      const truth = parse(await readFile(join(bundle, 'truth.yaml'), 'utf8')) as {
        rootCause: { service: string };
      };
      const { service } = truth.rootCause;
      expect(stdout).toMatch(new RegExp(`^Root cause {2}${service}: `, 'm'));
      expect(stdout).toMatch(new RegExp(`^Against the lab's truth {2}right: ${service},`, 'm'));
    });
  },
);
