import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../../testing/evals/runner-fixtures.js';
import { findSuites, globToRegExp } from './find-suites.js';

let dir: ReturnType<typeof tempFolder>;
beforeEach(async () => {
  dir = tempFolder();
  for (const file of [
    'evals/a.eval.yaml',
    'evals/deep/b.eval.yaml',
    'src/x/c.eval.yaml',
    'src/x/notes.yaml',
    'node_modules/pkg/d.eval.yaml',
    'dist/e.eval.yaml',
    '.nightshift/f.eval.yaml',
  ])
    await dir.write(file, 'cases: []\n');
});
afterEach(() => dir.remove());

describe('findSuites', () => {
  it('finds every suite under the folder by default, skipping dependencies, builds and state', async () => {
    expect(await findSuites([], dir.root)).toEqual([
      'evals/a.eval.yaml',
      'evals/deep/b.eval.yaml',
      'src/x/c.eval.yaml',
    ]);
  });

  it('takes files, folders and globs, without repeats', async () => {
    expect(await findSuites(['evals/**/*.eval.yaml', 'evals/a.eval.yaml', 'src'], dir.root)).toEqual([
      'evals/a.eval.yaml',
      'evals/deep/b.eval.yaml',
      'src/x/c.eval.yaml',
    ]);
    expect(await findSuites(['evals/*.eval.yaml'], dir.root)).toEqual(['evals/a.eval.yaml']);
  });

  it('says so when a file is missing or a glob matches nothing', async () => {
    await expect(findSuites(['evals/zz.eval.yaml'], dir.root)).rejects.toThrow(
      'no suite file or folder evals/zz.eval.yaml',
    );
    await expect(findSuites(['nope/**/*.eval.yaml'], dir.root)).rejects.toThrow(
      'no file matches nope/**/*.eval.yaml',
    );
  });
});

describe('globToRegExp', () => {
  it.each([
    { glob: '**/*.eval.yaml', path: 'a.eval.yaml', match: true },
    { glob: '**/*.eval.yaml', path: 'x/y/a.eval.yaml', match: true },
    { glob: 'x/*.eval.yaml', path: 'x/y/a.eval.yaml', match: false },
    { glob: 'x/?.eval.yaml', path: 'x/a.eval.yaml', match: true },
    { glob: '*.eval.yaml', path: 'aXeval.yaml', match: false },
  ])('$glob ~ $path: $match', ({ glob, path, match }) => {
    expect(globToRegExp(glob).test(path)).toBe(match);
  });
});
