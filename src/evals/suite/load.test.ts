import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import { checkSuiteText, loadSuite, MAX_PROBLEMS } from './load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nightshift-suite-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const GOOD = `# A suite
description: two cases
target:
  type: prompt
  prompt: investigator
defaults:
  repeat: 2
  assert:
    - type: no-secrets
cases:
  - name: slow-db
    description: the database is slow
    tags: [db]
    input:
      lab: { fault: slow-db, seed: 3 }
    assert:
      - type: contains
        value: database
  - name: bad-deploy
    input:
      vars: { alert: "5xx on checkout" }
`;

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function problemsOf(text: string): Promise<string[]> {
  const file = await write('x.eval.yaml', text);
  const error = await loadSuite(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NightshiftError);
  expect((error as NightshiftError).code).toBe('BAD_INPUT');
  return (error as NightshiftError).message.split('\n').map((l) => l.replace(`${file} `, 'F '));
}

describe('loadSuite', () => {
  test('reads a good suite with defaults applied and lines of fields', async () => {
    const file = await write('good.eval.yaml', GOOD);
    const loaded = await loadSuite(file);
    expect(loaded.text).toBe(GOOD);
    expect(loaded.suite.defaults.repeat).toBe(2);
    expect(loaded.suite.cases.map((c) => c.name)).toEqual(['slow-db', 'bad-deploy']);
    expect(loaded.suite.cases[0]?.input.lab).toEqual({ fault: 'slow-db', seed: 3, hours: 3, knobs: {} });
    expect(loaded.lineOf(['cases', 1])).toBe(19);
    expect(loaded.lineOf(['cases', 0, 'assert', 0])).toBe(17);
    expect(loaded.lineOf(['defaults', 'assert', 0])).toBe(9);
  });

  test('a missing file is NOT_FOUND naming it', async () => {
    await expect(loadSuite(join(dir, 'nope.eval.yaml'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('nope.eval.yaml'),
    });
  });

  test.each([
    {
      name: 'wrong type deep in a case',
      edit: (t: string) => t.replace('seed: 3', 'seed: three'),
      expected: ['F line 15: field "cases.0.input.lab.seed": expected number, got "three"'],
    },
    {
      name: 'unknown field, with the known ones',
      edit: (t: string) => t.replace('    description: the', '    descripton: the'),
      expected: [
        'F line 12: field "cases.0.descripton": unknown field (known fields: name, description, tags, input, assert, repeat, pass, threshold, xfail)',
      ],
    },
    {
      name: 'missing name',
      edit: (t: string) => t.replace('  - name: bad-deploy\n    input:', '  - input:'),
      expected: ['F line 19: field "cases.1.name": is required (string)'],
    },
    {
      name: 'unknown assertion type, with a suggestion',
      edit: (t: string) => t.replace('type: contains', 'type: contans'),
      expected: [
        'F line 17: field "cases.0.assert.0.type": unknown assertion "contans"; did you mean "contains"?',
      ],
    },
    {
      name: 'assertion value the assertion refuses, in defaults',
      edit: (t: string) => t.replace('- type: no-secrets', '- type: regex\n      value: "("'),
      expected: [
        expect.stringMatching(/^F line 10: field "defaults\.assert\.0\.value": regex expects .*regular/),
      ],
    },
    {
      name: 'assertion entry of the wrong shape: reported once, by the schema',
      edit: (t: string) => t.replace('value: database', 'value: database\n        wieght: 2'),
      expected: [expect.stringMatching(/^F line 19: field "cases\.0\.assert\.0\.wieght": unknown field/)],
    },
    {
      name: 'duplicate case names, naming both lines',
      edit: (t: string) => t.replace('name: bad-deploy', 'name: slow-db'),
      expected: [
        'F line 19: field "cases.1.name": case name "slow-db" is already used at line 11; give each case its own name',
      ],
    },
    {
      name: 'YAML syntax error names its line',
      edit: (t: string) => t.replace('tags: [db]', 'tags: [db'),
      expected: [expect.stringMatching(/^F line 1[34]: not valid YAML/)],
    },
    {
      name: 'several problems at once',
      edit: (t: string) => t.replace('seed: 3', 'seed: -1').replace('repeat: 2', 'repeat: 0'),
      expected: [
        'F line 7: field "defaults.repeat": must be at least 1, got 0',
        'F line 15: field "cases.0.input.lab.seed": must be at least 0, got -1',
      ],
    },
    {
      name: 'a gate that is not k/N',
      edit: (t: string) => t.replace('    tags: [db]', '    tags: [db]\n    pass: half'),
      expected: ['F line 14: field "cases.0.pass": write the gate as k/N, e.g. "2/3", got "half"'],
    },
  ])('$name', async ({ edit, expected }) => {
    const problems = await problemsOf(edit(GOOD));
    expect(problems).toEqual(expected);
  });

  test('problems are bounded', () => {
    const cases = Array.from({ length: 100 }, (_, i) => `  - name: c${i}\n    repeat: zero\n`).join('');
    const checked = checkSuiteText('big.eval.yaml', `target: {type: prompt}\ncases:\n${cases}`);
    expect(checked.problems).toHaveLength(100);
    const file = join(dir, 'big.eval.yaml');
    return writeFile(file, `target: {type: prompt}\ncases:\n${cases}`).then(async () => {
      const error = (await loadSuite(file).catch((e: unknown) => e)) as NightshiftError;
      const lines = error.message.split('\n');
      expect(lines).toHaveLength(MAX_PROBLEMS + 1);
      expect(lines.at(-1)).toBe(`… and ${100 - MAX_PROBLEMS} more problems`);
    });
  });
});
