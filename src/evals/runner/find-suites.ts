/**
 * Which suite files `nightshift eval run` runs: the files, folders and globs given, or every
 * `*.eval.yaml` under the working directory. Folders that hold no suites of ours (dependencies,
 * builds, git, Nightshift's own state) are never walked.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { NightshiftError } from '../../core/index.js';

const SKIPPED = new Set(['node_modules', 'dist', '.git', '.nightshift']);
const SUITE_FILE = /\.eval\.ya?ml$/;
const GLOB_CHARS = /[*?[]/;

/** A glob (`*` within a path segment, `**` across segments, `?` one character) as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** Every file under `dir` (relative to `root`, with `/`), skipping the folders above. */
async function walk(root: string, dir: string, found: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) await walk(root, join(dir, entry.name), found);
    } else if (entry.isFile()) {
      found.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
    }
  }
}

/**
 * The suite files for the arguments, relative to `cwd`, sorted and without repeats. A file must
 * exist; a folder means its suites; a glob must match at least one file.
 */
export async function findSuites(args: readonly string[], cwd: string): Promise<string[]> {
  let all: string[] | undefined;
  const everything = async () => {
    if (all === undefined) {
      all = [];
      await walk(cwd, cwd, all);
    }
    return all;
  };
  const chosen = new Set<string>();
  if (args.length === 0) for (const file of await everything()) if (SUITE_FILE.test(file)) chosen.add(file);
  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      const pattern = globToRegExp(arg.replace(/^\.\//, ''));
      const matched = (await everything()).filter((file) => pattern.test(file));
      if (matched.length === 0)
        throw new NightshiftError('NOT_FOUND', `no file matches ${arg} under ${cwd}`, {
          hint: 'quote the glob so the shell does not expand it, e.g. "evals/**/*.eval.yaml"',
        });
      for (const file of matched) chosen.add(file);
      continue;
    }
    const path = join(cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined)
      throw new NightshiftError('NOT_FOUND', `no suite file or folder ${arg}`, {
        hint: 'pass a *.eval.yaml file, a folder of them, or a quoted glob',
      });
    if (info.isDirectory()) {
      const inside: string[] = [];
      await walk(cwd, path, inside);
      for (const file of inside) if (SUITE_FILE.test(file)) chosen.add(file);
    } else chosen.add(relative(cwd, path).split(sep).join('/'));
  }
  return [...chosen].sort();
}
