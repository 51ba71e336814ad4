import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileDigests, generateOptions, makeTempRoot, removeDir } from '../../../testing/lab/support.js';
import { NightshiftError } from '../../core/index.js';
import type { GenerateOptions } from '../generate.js';
import { generateBundle } from '../generate.js';
import { type Dialect, parseDialect } from './dialect.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('lab-dialect');
});
afterAll(async () => {
  await removeDir(root);
});

let made = 0;
async function bundle(overrides: Partial<GenerateOptions>) {
  const dir = join(root, `b${made++}`);
  await generateBundle(dir, generateOptions('dependency-outage', { hours: 1, gzip: false, ...overrides }));
  const lines = async (file: string) => (await readFile(join(dir, file), 'utf8')).trim().split('\n');
  return {
    dir,
    logs: (await lines('logs.jsonl')).map(
      (l) => JSON.parse(l) as { ts: string; service: string; level: string; message: string },
    ),
    metrics: (await lines('metrics.csv')).slice(1).map((l) => l.split(',')),
  };
}

describe('dialects', () => {
  test('an all-native dialect writes the same files, byte for byte, as no dialect', async () => {
    const plain = await bundle({});
    const native = await bundle({ dialect: { logs: 'native', stacks: 'none', metrics: 'native' } });
    expect(await fileDigests(native.dir, { gunzip: false })).toEqual(
      await fileDigests(plain.dir, { gunzip: false }),
    );
  });

  test.each<[Dialect, (message: string, native: string) => boolean]>([
    [{ logs: 'json' }, (m, n) => (JSON.parse(m) as { message: string }).message === n],
    [
      { logs: 'logfmt' },
      (m, n) => m.includes(` msg=${JSON.stringify(n)}`) && /^ts=\S+ level=\w+ logger=\S+ /.test(m),
    ],
    [
      { logs: 'plain' },
      (m, n) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [A-Z]+ +\[[^\]]+\] \S+ - /.test(m) && m.endsWith(n),
    ],
  ])('%o rewrites every message around the native text, and nothing else', async (dialect, wraps) => {
    const native = await bundle({});
    const styled = await bundle({ dialect });
    expect(styled.logs.map(({ ts, service, level }) => ({ ts, service, level }))).toEqual(
      native.logs.map(({ ts, service, level }) => ({ ts, service, level })),
    );
    const wrong = styled.logs.filter((l, k) => !wraps(l.message, native.logs[k]?.message ?? ''));
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(styled.metrics).toEqual(native.metrics);
  });

  test.each([
    ['java', /^java\.[\w.]+(Exception|Error)|^javax\./m, /^\tat [\w$./]+\(/m],
    ['python', /^Traceback \(most recent call last\):$/m, /^ {2}File "[^"]+", line \d+, in \w+$/m],
  ] as const)('%s stacks go under application error lines only', async (stacks, head, frame) => {
    const styled = await bundle({ dialect: { stacks } });
    const withStack = styled.logs.filter((l) => head.test(l.message));
    expect(withStack.length).toBeGreaterThan(5);
    for (const l of withStack) {
      expect(['error', 'fatal']).toContain(l.level);
      expect(l.message).toMatch(frame);
    }
  });

  test.each([
    ['prometheus', 'job:http_server_requests_seconds:p99', 'container_memory_working_set_bytes'],
    ['otel', 'http.server.request.duration.p99', 'process.memory.usage'],
  ] as const)(
    '%s metrics are the native values under exporter names, durations in seconds',
    async (metrics, p99, memory) => {
      const native = await bundle({});
      const styled = await bundle({ dialect: { metrics } });
      const value = (rows: string[][], metric: string) =>
        new Map(rows.filter((r) => r[2] === metric).map((r) => [`${r[0]} ${r[1]}`, Number(r[3])]));
      const nativeP99 = value(native.metrics, 'latency_p99_ms');
      const styledP99 = value(styled.metrics, p99);
      expect(styledP99.size).toBe(nativeP99.size);
      for (const [key, ms] of nativeP99) expect(styledP99.get(key)).toBeCloseTo(ms / 1000, 5);
      expect(value(styled.metrics, memory)).toEqual(value(native.metrics, 'memory_bytes'));
      expect(styled.metrics.filter((r) => r[2] === 'latency_p99_ms' || r[2] === 'error_ratio')).toEqual([]);
    },
  );
});

describe('parseDialect', () => {
  test('reads any subset in any order', () => {
    expect(parseDialect('logs=logfmt,metrics=otel,stacks=java')).toEqual({
      logs: 'logfmt',
      metrics: 'otel',
      stacks: 'java',
    });
    expect(parseDialect(' metrics=prometheus ')).toEqual({ metrics: 'prometheus' });
  });

  test.each(['logs', 'logs=xml', 'colour=red', 'logs=json=1'])('refuses %s, naming the part', (text) => {
    expect(() => parseDialect(text)).toThrow(NightshiftError);
    expect(() => parseDialect(text)).toThrow(text.split(',')[0]?.split('=')[0] ?? text);
  });
});
