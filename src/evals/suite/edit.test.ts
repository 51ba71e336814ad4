import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCase, deleteCase, replaceCase } from './edit.js';
import { loadSuite } from './load.js';
import { getCase, listCases } from './read-cases.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nightshift-suite-edit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A suite written by hand: comments everywhere, three quoting styles, blank lines, odd spacing. */
const HEAD = `# Investigator suite. Keep this header.
description: 'single-quoted description'
target:
  type: prompt   # the investigator prompt
  prompt: "investigator"

defaults:
  assert:
    - type: no-secrets

cases:
  # --- first: the database ---
  - name: slow-db
    description: "double \\"quoted\\""
    tags: [db, latency]
    input: {lab: {fault: slow-db, seed: 1}}
    assert:
      - type: contains
        value: 'database'   # single quotes, trailing comment

`;
const MIDDLE = `  # about bad-deploy: the change that broke checkout
  - name: bad-deploy
    input:
      vars:
        alert: |
          5xx on checkout
          since 14:02
    # a comment inside the case, after its last field
`;
const TAIL = `
# a section comment at column 0, not any case's

  - name: "leak-check"
    assert: [{type: no-secrets}]
# end of file
`;
const SUITE = HEAD + MIDDLE + TAIL;

async function suiteFile(text = SUITE): Promise<string> {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.eval.yaml`);
  await writeFile(file, text);
  return file;
}

const NEW = { name: 'cpu-hog', tags: ['cpu'], input: { vars: { alert: 'CPU at 100%' } } };
const NEW_TEXT = `  - name: cpu-hog
    tags:
      - cpu
    input:
      vars:
        alert: CPU at 100%
`;

describe('edits keep every byte outside the edited case', () => {
  test.each([
    {
      name: 'add before a case goes above its head comment, blank-line separated as the list is',
      edit: (f: string) => addCase(f, NEW, { before: 'bad-deploy' }),
      expected: `${HEAD + NEW_TEXT}\n${MIDDLE}${TAIL}`,
    },
    {
      name: 'add after a case goes after its inner comment',
      edit: (f: string) => addCase(f, NEW, { after: 'bad-deploy' }),
      expected: `${HEAD + MIDDLE}\n${NEW_TEXT}${TAIL}`,
    },
    {
      name: 'add at the end goes after the last case, before trailing comments',
      edit: (f: string) => addCase(f, NEW),
      expected: `${HEAD + MIDDLE + TAIL.replace('# end of file\n', '')}\n${NEW_TEXT}# end of file\n`,
    },
    {
      name: 'replace keeps the head comment and swaps the item',
      edit: (f: string) => replaceCase(f, 'bad-deploy', { ...NEW, name: 'bad-deploy' }),
      expected: `${HEAD}  # about bad-deploy: the change that broke checkout\n${NEW_TEXT.replace('cpu-hog', 'bad-deploy')}${TAIL}`,
    },
    {
      name: 'replace without a name keeps the old name',
      edit: (f: string) => replaceCase(f, 'leak-check', { assert: [{ type: 'no-secrets' }] }),
      expected: SUITE.replace(
        '  - name: "leak-check"\n    assert: [{type: no-secrets}]\n',
        '  - name: leak-check\n    assert:\n      - type: no-secrets\n',
      ),
    },
    {
      name: 'delete removes the case, its head comment and its blank separator',
      edit: (f: string) => deleteCase(f, 'slow-db'),
      expected: HEAD.slice(0, HEAD.indexOf('  # --- first')) + MIDDLE + TAIL,
    },
    {
      name: 'delete of the last case leaves the section comment and the end comment',
      edit: (f: string) => deleteCase(f, 'leak-check'),
      expected: `${HEAD + MIDDLE}\n# a section comment at column 0, not any case's\n# end of file\n`,
    },
  ])('$name', async ({ edit, expected }) => {
    const file = await suiteFile();
    await edit(file);
    const after = await readFile(file, 'utf8');
    expect(after).toBe(expected);
    await loadSuite(file); // and the result is a valid suite
  });

  test('delete of a case between separated cases removes one blank line', async () => {
    const file = await suiteFile(
      'target: {type: prompt}\ncases:\n  - name: a\n\n  - name: b\n\n  - name: c\n',
    );
    await deleteCase(file, 'b');
    expect(await readFile(file, 'utf8')).toBe('target: {type: prompt}\ncases:\n  - name: a\n\n  - name: c\n');
  });

  test('an added case keeps the blank-line separation of the list', async () => {
    const file = await suiteFile('target: {type: prompt}\ncases:\n- name: a\n\n- name: b\n');
    await addCase(file, { name: 'c' }, { after: 'a' });
    expect(await readFile(file, 'utf8')).toBe(
      'target: {type: prompt}\ncases:\n- name: a\n\n- name: c\n\n- name: b\n',
    );
  });

  test.each([
    {
      name: 'no cases key',
      text: 'target: {type: prompt}\n',
      expected: 'target: {type: prompt}\ncases:\n  - name: c\n',
    },
    {
      name: 'an empty flow list with a comment',
      text: 'target: {type: prompt}\ncases: []  # none yet\nother: 1\n',
      expected: 'target: {type: prompt}\ncases:  # none yet\n  - name: c\nother: 1\n',
    },
    {
      name: 'a key with nothing',
      text: 'target: {type: prompt}\ncases:\n',
      expected: 'target: {type: prompt}\ncases:\n  - name: c\n',
    },
  ])('add into a suite with $name', async ({ text, expected }) => {
    const file = await suiteFile(text.replace('other: 1\n', ''));
    await addCase(file, { name: 'c' });
    expect(await readFile(file, 'utf8')).toBe(expected.replace('other: 1\n', ''));
  });
});

describe('refused edits leave the file byte-identical', () => {
  test.each([
    {
      name: 'a replacement with an unknown assertion',
      edit: (f: string) =>
        replaceCase(f, 'slow-db', { name: 'slow-db', assert: [{ type: 'contans', value: 'x' }] }),
      message: 'field "assert.0.type": unknown assertion "contans"; did you mean "contains"?',
    },
    {
      name: 'a replacement that renames onto another case',
      edit: (f: string) => replaceCase(f, 'slow-db', { name: 'bad-deploy' }),
      message: 'case name "bad-deploy" is already used',
    },
    {
      name: 'an add of an existing name',
      edit: (f: string) => addCase(f, { name: 'leak-check' }),
      message: 'a case named "leak-check" exists already',
    },
    {
      name: 'a typo in the case name',
      edit: (f: string) => deleteCase(f, 'bad-deplyo'),
      message: 'no case named "bad-deplyo"; did you mean "bad-deploy"?',
    },
    {
      name: 'a typo in the anchor',
      edit: (f: string) => addCase(f, NEW, { before: 'slowdb' }),
      message: 'did you mean "slow-db"?',
    },
    {
      name: 'a case with a field of the wrong type',
      edit: (f: string) => addCase(f, { name: 'x', repeat: 'twice' }),
      message: 'field "repeat": expected number, got "twice"',
    },
  ])('$name', async ({ edit, message }) => {
    const file = await suiteFile();
    await expect(edit(file)).rejects.toThrow(message);
    expect(await readFile(file, 'utf8')).toBe(SUITE);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a suite already broken elsewhere is not written, and the message says where', async () => {
    const broken = SUITE.replace('seed: 1', 'seed: one');
    const file = await suiteFile(broken);
    await expect(replaceCase(file, 'leak-check', { name: 'leak-check' })).rejects.toThrow(
      /was not changed[\s\S]*line 16: field "cases\.0\.input\.lab\.seed"/,
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
  });
});

describe('reading single cases', () => {
  test('list shows index, name, tags and the first line of the description', async () => {
    const file = await suiteFile();
    expect(await listCases(file)).toEqual([
      { index: 1, name: 'slow-db', tags: ['db', 'latency'], description: 'double "quoted"' },
      { index: 2, name: 'bad-deploy', tags: [], description: '' },
      { index: 3, name: 'leak-check', tags: [], description: '' },
    ]);
  });

  test('get by name and by #n gives the case text as written, standing alone', async () => {
    const file = await suiteFile();
    const byName = await getCase(file, 'bad-deploy');
    expect(byName.source).toBe(
      'name: bad-deploy\ninput:\n  vars:\n    alert: |\n      5xx on checkout\n      since 14:02\n# a comment inside the case, after its last field\n',
    );
    expect(byName.value).toEqual({
      name: 'bad-deploy',
      input: { vars: { alert: '5xx on checkout\nsince 14:02\n' } },
    });
    const byIndex = await getCase(file, '#1');
    expect(byIndex.name).toBe('slow-db');
    expect(byIndex.source).toContain("value: 'database'   # single quotes, trailing comment\n");
    await expect(getCase(file, '#4')).rejects.toThrow('no case #4; the suite has 3 cases');
  });

  test('what get prints, given back to replace, leaves the file unchanged but for the item', async () => {
    const file = await suiteFile();
    const { source } = await getCase(file, 'slow-db');
    const { checkCaseText } = await import('./load.js');
    await replaceCase(file, 'slow-db', checkCaseText('stdin', source).value);
    const after = await readFile(file, 'utf8');
    expect(after.slice(after.indexOf('  # about bad-deploy'))).toBe(MIDDLE + TAIL);
    expect((await loadSuite(file)).suite.cases[0]).toEqual(
      (await loadSuite(await suiteFile())).suite.cases[0],
    );
  });
});
