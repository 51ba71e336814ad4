import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import type { Incident, LogRecord } from '../core/index.js';
import { incidentSchema, NightshiftError } from '../core/index.js';
import { toIncidentYaml } from './documents.js';
import { openBundle } from './reader.js';
import { formatLogLine } from './serialize.js';
import { writeBundle } from './write-bundle.js';
import { createBundleWriter } from './writer.js';

const roots: string[] = [];
async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-writer-'));
  roots.push(root);
  return root;
}
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

const incident: Incident = incidentSchema.parse({
  version: 1,
  id: 'writer-test',
  title: 'Writer test',
  alert: { name: 'A', service: 'api', severity: 'warning', startsAt: 1772460300000 },
  window: { start: 1772460000000, end: 1772463600000 },
});

const logs: LogRecord[] = Array.from({ length: 3000 }, (_, i) => ({
  ts: 1772460000000 + i * 250,
  service: i % 2 ? 'api' : 'db',
  level: i % 7 ? 'info' : 'error',
  message: `request ${i} took ${i % 300} ms`,
}));

describe('createBundleWriter', () => {
  test('commit moves the finished bundle into place and leaves nothing beside it', async () => {
    const root = await tempRoot();
    const out = join(root, 'bundle');
    const writer = await createBundleWriter(out);
    expect(writer.tempDir.startsWith(join(root, '.bundle.tmp-'))).toBe(true);
    await writer.writeYaml('incident.yaml', toIncidentYaml(incident), 'written by a test');
    const sink = writer.lines('logs.jsonl');
    for (const record of logs) await sink.write(formatLogLine(record));
    await writer.commit();
    expect(await readdir(root)).toEqual(['bundle']);
    expect((await readdir(out)).sort()).toEqual(['incident.yaml', 'logs.jsonl']);
    expect(await readFile(join(out, 'incident.yaml'), 'utf8')).toMatch(/^# written by a test\n/);
    expect(await (await openBundle(out)).readAll('logs')).toEqual(logs);
  });

  test('abort mid-write leaves neither the output folder nor the temporary one', async () => {
    const root = await tempRoot();
    const writer = await createBundleWriter(join(root, 'bundle'));
    const sink = writer.lines('logs.jsonl', { gzip: true });
    for (const record of logs.slice(0, 100)) await sink.write(formatLogLine(record));
    await writer.abort();
    expect(await readdir(root)).toEqual([]);
  });

  test('writeBundle that fails mid-write removes its temporary folder and rethrows', async () => {
    const root = await tempRoot();
    const bad = { ts: 0, service: 'line\nbreak', metric: 'm', value: 1, labels: {} };
    await expect(writeBundle(join(root, 'bundle'), { incident, logs, metrics: [bad] })).rejects.toThrow(
      /newline/,
    );
    expect(await readdir(root)).toEqual([]);
  });

  test('refuses an existing folder before any work, naming it and hinting at --force', async () => {
    const root = await tempRoot();
    const out = join(root, 'bundle');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'mine');
    const error = await createBundleWriter(out).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NightshiftError);
    expect(error).toMatchObject({ code: 'ALREADY_EXISTS', message: `${out} already exists` });
    expect((error as NightshiftError).hint).toContain('--force');
    expect(await readdir(root)).toEqual(['bundle']);
    expect(await readdir(out)).toEqual(['keep.txt']);
  });

  test('with force, replaces the existing folder only on commit', async () => {
    const root = await tempRoot();
    const out = join(root, 'bundle');
    await mkdir(out);
    await writeFile(join(out, 'old.txt'), 'old');

    const aborted = await createBundleWriter(out, { force: true });
    await aborted.writeYaml('incident.yaml', toIncidentYaml(incident));
    await aborted.abort();
    expect(await readdir(out)).toEqual(['old.txt']);

    await writeBundle(out, { incident, logs }, { force: true });
    expect(await readdir(root)).toEqual(['bundle']);
    expect((await readdir(out)).sort()).toEqual(['incident.yaml', 'logs.jsonl']);
  });

  test('gzip sinks write .gz files that read back', async () => {
    const root = await tempRoot();
    const out = join(root, 'bundle');
    const writer = await createBundleWriter(out);
    await writer.writeYaml('incident.yaml', toIncidentYaml(incident));
    const sink = writer.lines('logs.jsonl', { gzip: true, gzipLevel: 1 });
    for (const record of logs) await sink.write(formatLogLine(record));
    await writer.commit();
    const bytes = await readFile(join(out, 'logs.jsonl.gz'));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString('utf8')).toBe(logs.map(formatLogLine).join(''));
    expect(await (await openBundle(out)).readAll('logs')).toEqual(logs);
  });

  test('write returns a promise only when the buffer is full, and the file gets every line', async () => {
    const root = await tempRoot();
    const writer = await createBundleWriter(join(root, 'bundle'));
    const sink = writer.lines('logs.jsonl');
    const line = `${'x'.repeat(99)}\n`;
    expect(sink.write(line)).toBeUndefined();
    let written = 1;
    let full: Promise<void> | undefined;
    while (full === undefined && written < 1_000_000) {
      full = sink.write(line);
      written++;
    }
    expect(full).toBeInstanceOf(Promise);
    await full;
    await sink.close();
    expect((await readFile(join(writer.tempDir, 'logs.jsonl'))).length).toBe(written * line.length);
    await writer.abort();
  });

  test('one file per source: a second metrics file or the same file twice is a bug', async () => {
    const root = await tempRoot();
    const writer = await createBundleWriter(join(root, 'bundle'));
    writer.lines('metrics.csv');
    expect(() => writer.lines('metrics.jsonl', { gzip: true })).toThrow('would both hold metrics');
    writer.lines('logs.jsonl');
    expect(() => writer.lines('logs.jsonl')).toThrow('would both hold logs');
    await writer.abort();
  });

  test('a writer cannot be used after commit', async () => {
    const root = await tempRoot();
    const writer = await createBundleWriter(join(root, 'bundle'));
    await writer.writeYaml('incident.yaml', toIncidentYaml(incident));
    await writer.commit();
    expect(() => writer.lines('logs.jsonl')).toThrow('already committed');
  });
});
