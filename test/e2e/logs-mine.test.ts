import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  type MockInstance,
  test,
  vi,
} from 'vitest';
import { csvField } from '../../src/cli/commands/logs.js';
import { main } from '../../src/cli/main.js';

const MESSAGES = [
  'Received block blk_-1608 of size 67108864 from /10.250.19.102',
  'Deleting block blk_1 file /data/1',
  'Received block blk_5923 of size 3542 from /10.251.39.179',
  'cache miss for key "a,b", retrying',
  'Deleting block blk_2 file /data/2',
  'Received block blk_7 of size 91 from /10.251.11.1',
];

let dir: string;
let stdout: MockInstance<typeof process.stdout.write>;
let stderr: MockInstance<typeof process.stderr.write>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nightshift-e2e-logs-'));
  await writeFile(join(dir, 'app.log'), `${MESSAGES.join('\n')}\n`);
  await writeFile(join(dir, 'app.log.gz'), gzipSync(`${MESSAGES.join('\r\n')}\r\n`));
  await writeFile(join(dir, 'broken.gz'), 'not gzip at all');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const written = (spy: MockInstance<typeof process.stdout.write>): string =>
  spy.mock.calls.map(([chunk]) => String(chunk)).join('');

async function logs(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const code = await main(['node', 'nightshift', 'logs', ...args]);
  return { code, out: written(stdout), err: written(stderr) };
}

const ASSIGNMENTS = [
  'LineId,EventId,EventTemplate',
  '1,E1,Received block <*> of size <*> from <*>',
  '2,E2,Deleting block <*> file <*>',
  '3,E1,Received block <*> of size <*> from <*>',
  '4,E3,"cache miss for key ""a,b"", retrying"',
  '5,E2,Deleting block <*> file <*>',
  '6,E1,Received block <*> of size <*> from <*>',
];

describe('nightshift logs mine', () => {
  test('writes one row per line, in input order, to stdout', async () => {
    const { code, out } = await logs('mine', join(dir, 'app.log'));
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toEqual(ASSIGNMENTS);
  });

  test('reads a gzipped file with CRLF line ends the same way', async () => {
    const { code, out } = await logs('mine', join(dir, 'app.log.gz'));
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toEqual(ASSIGNMENTS);
  });

  test('--out writes the file, leaves no temporary file, and prints a summary', async () => {
    const out = join(dir, 'assignments.csv');
    const result = await logs('mine', join(dir, 'app.log'), '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toEqual(ASSIGNMENTS);
    expect(result.err).toMatch(/^6 lines, 3 templates in \d+\.\d s → .*assignments\.csv\n$/);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('--templates writes the template table, most frequent first', async () => {
    const { code, out } = await logs('mine', join(dir, 'app.log'), '--templates');
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toEqual([
      'EventId,Occurrences,EventTemplate',
      'E1,3,Received block <*> of size <*> from <*>',
      'E2,2,Deleting block <*> file <*>',
      'E3,1,"cache miss for key ""a,b"", retrying"',
    ]);
  });

  test('a missing file is bad input (exit 2) that names the file', async () => {
    const { code, err } = await logs('mine', join(dir, 'nope.log'));
    expect(code).toBe(2);
    expect(err).toContain('nope.log: no such file');
  });

  test('a file that is not gzip is bad input and writes nothing', async () => {
    const out = join(dir, 'never.csv');
    const { code, err } = await logs('mine', join(dir, 'broken.gz'), '--out', out);
    expect(code).toBe(2);
    expect(err).toContain('broken.gz: not a valid gzip file');
    expect((await readdir(dir)).filter((f) => f.startsWith('never') || f.includes('never.csv'))).toEqual([]);
  });
});

describe('csvField', () => {
  test.each([
    { text: 'plain <*> text', field: 'plain <*> text' },
    { text: 'a,b', field: '"a,b"' },
    { text: 'say "hi"', field: '"say ""hi"""' },
    { text: '"', field: '""""' },
    { text: 'line\rbreak', field: '"line\rbreak"' },
    { text: '', field: '' },
  ])('$text → $field', ({ text, field }) => {
    expect(csvField(text)).toBe(field);
  });
});
