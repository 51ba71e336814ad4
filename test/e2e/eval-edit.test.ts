/**
 * `nightshift eval list|get|replace|delete` as a coding agent runs them: the real CLI in a child
 * process (so stdin, stdout, exit codes and the absence of colour are the real ones).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const TSX = createRequire(import.meta.url).resolve('tsx');
const ENTRY = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

const SUITE = `# kept as is
target: {type: prompt}
cases:
  # the database case
  - name: slow-db
    description: 'the database is slow'
    tags: [db]
    assert:
      - type: contains
        value: "database"   # quoted

  - name: bad-deploy
    description: a deploy broke checkout
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nightshift-e2e-eval-edit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function nightshift(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
      env: { ...process.env, FORCE_COLOR: undefined },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('list, then get | edit | replace through stdin, keeps the rest of the file', async () => {
  const file = join(dir, 'x.eval.yaml');
  await writeFile(file, SUITE);
  const list = await nightshift(['eval', 'list', file]);
  expect(list).toEqual({
    code: 0,
    stdout: '#1  slow-db     [db]  the database is slow\n#2  bad-deploy  a deploy broke checkout\n',
    stderr: '',
  });

  const get = await nightshift(['eval', 'get', file, '#1']);
  expect(get.stdout).toBe(
    'name: slow-db\ndescription: \'the database is slow\'\ntags: [db]\nassert:\n  - type: contains\n    value: "database"   # quoted\n',
  );
  const edited = get.stdout.replace('"database"', '"db"');
  const replace = await nightshift(['eval', 'replace', file, 'slow-db', '--from', '-'], edited);
  expect(replace).toMatchObject({ code: 0, stdout: `replaced slow-db in ${file}\n` });
  const after = await readFile(file, 'utf8');
  expect(after).toBe(
    SUITE.replace(
      / {2}- name: slow-db[\s\S]*# quoted\n/,
      '  - name: slow-db\n    description: the database is slow\n    tags:\n      - db\n    assert:\n      - type: contains\n        value: db\n',
    ),
  );
}, 30_000);

test('a typo exits 2 with one line naming the closest case, and the file is untouched', async () => {
  const file = join(dir, 'y.eval.yaml');
  await writeFile(file, SUITE);
  const result = await nightshift(['eval', 'delete', file, 'slow-bd']);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')[0]).toBe(
    `error: ${file}: no case named "slow-bd"; did you mean "slow-db"?`,
  );
  expect(await readFile(file, 'utf8')).toBe(SUITE);
}, 30_000);
