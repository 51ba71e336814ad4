import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_CACHE_FOLDER } from '../../bundle/index.js';
import { hashFolder } from './hash.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nightshift-hash-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('hashFolder', () => {
  it.each([
    ['a changed byte', { 'logs.jsonl': '{"a":2}\n' }, false],
    ['a file added in a sub-folder', { 'sub/extra.txt': 'x' }, false],
    ['a read cache written beside the bundle', { [`${BUNDLE_CACHE_FOLDER}/logs-0001.json`]: '{}' }, true],
  ])('%s: same hash is %s', async (_name, change, same) => {
    const base = { 'incident.yaml': 'id: x\n', 'logs.jsonl': '{"a":1}\n' };
    const before = await hashFolder(await folder(base));
    const after = await hashFolder(await folder({ ...base, ...change }));
    expect(after === before).toBe(same);
  });
});
