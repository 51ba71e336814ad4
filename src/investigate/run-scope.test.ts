/**
 * The coordinator owns each investigation's state: tools cache and count per investigation, and
 * whatever a tool opened is released when the investigation ends, also when the brain throws.
 * Probe brains look at the tool context from inside a real investigation of the spec bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { builtinBrain } from './brains/builtin/brain.js';
import type { Brain, BrainInput } from './brains/index.js';
import { investigateBundle } from './run.js';
import { metricShiftsOf } from './tools/derived.js';
import { callTool, defineTool, type ToolContext, tools } from './tools/index.js';

const BUNDLE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));

/** What a probe brain saw of its investigation's context. */
interface Seen {
  ctx: ToolContext;
  callIds: string[];
  shifts: [unknown, unknown];
}

/** A promise each side awaits until both have arrived: the two investigations overlap for sure. */
function meeting(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

test('two investigations in parallel share no cache and number their tool calls apart', async () => {
  const meet = meeting(2);
  const seen: Seen[] = [];
  const probe: Brain = {
    name: 'probe',
    async investigate(input: BrainInput) {
      const { ctx, tracer } = input;
      await meet();
      const first = await callTool(tools.query_metrics, { limit: 1 }, ctx, tracer);
      await meet();
      const second = await callTool(tools.query_metrics, { limit: 1 }, ctx, tracer);
      seen.push({
        ctx,
        callIds: [first.callId, second.callId],
        shifts: [metricShiftsOf(ctx), metricShiftsOf(ctx)],
      });
      return builtinBrain.investigate(input);
    },
  };
  const [a, b] = await Promise.all([
    investigateBundle(BUNDLE, { brain: probe }),
    investigateBundle(BUNDLE, { brain: probe }),
  ]);
  const [one, two] = seen;
  if (!one || !two) throw new Error('both probe brains should have run');
  expect(one.callIds).toEqual(['call-1', 'call-2']);
  expect(two.callIds).toEqual(['call-1', 'call-2']);
  expect(one.shifts[0]).toBe(one.shifts[1]);
  expect(one.shifts[0]).not.toBe(two.shifts[0]);
  // The built-in brain carries on numbering after the probe's two calls, in each investigation alike.
  const cited = (r: typeof a) => [...new Set(r.report.evidence.flatMap((e) => e.source.callId ?? []))].sort();
  expect(cited(a)).toEqual(cited(b));
  expect(cited(a).every((id) => Number(id.slice('call-'.length)) >= 3)).toBe(true);
});

test("a tool's resource is released when the brain throws, and the brain's error is what surfaces", async () => {
  const released: string[] = [];
  const opener = defineTool({
    name: 'open_index',
    description: 'opens a per-investigation index (test only)',
    input: z.object({}),
    run: (_input, ctx) => {
      ctx.defer(() => {
        released.push('index');
      });
      return 'opened';
    },
    present: (o) => o,
  });
  const failing: Brain = {
    name: 'failing',
    async investigate({ ctx, tracer }) {
      const result = await callTool(opener, {}, ctx, tracer);
      expect(result.ok).toBe(true);
      expect(released).toEqual([]);
      throw new Error('the brain fell over');
    },
  };
  await expect(investigateBundle(BUNDLE, { brain: failing })).rejects.toThrow('the brain fell over');
  expect(released).toEqual(['index']);
});

/** Processes whose parent is this one (Linux /proc). */
function children(): Set<number> {
  const found = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after its closing ")" are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) found.add(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

const alive = (pid: number) => readdirSync('/proc').includes(String(pid));

test.skipIf(process.platform !== 'linux')(
  "the sql tool's DuckDB process ends with an investigation whose brain throws",
  async () => {
    const before = children();
    let started: number[] = [];
    const failing: Brain = {
      name: 'failing',
      async investigate({ ctx, tracer }) {
        const result = await callTool(tools.sql, { query: 'SELECT count(*) AS n FROM metrics' }, ctx, tracer);
        expect(result.ok).toBe(true);
        started = [...children()].filter((pid) => !before.has(pid));
        throw new Error('the brain fell over after a query');
      },
    };
    await expect(investigateBundle(BUNDLE, { brain: failing })).rejects.toThrow('after a query');
    expect(started).toHaveLength(1);
    expect(started.filter(alive)).toEqual([]);
  },
  30_000,
);
