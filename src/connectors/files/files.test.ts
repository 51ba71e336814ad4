import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceContract } from '../../../testing/connectors/sources-contract.js';
import { generateOptions } from '../../../testing/lab/support.js';
import { type Bundle, openBundle } from '../../bundle/index.js';
import type { Series, TimeRange } from '../../core/index.js';
import { generateBundle } from '../../lab/index.js';
import type { Sources } from '../sources.js';
import { bundleSources } from './index.js';
import { seriesKey } from './read.js';

/**
 * The expected side, read the plain way: every record of every file, decoded and filtered here,
 * without the readers' range skipping or batching that the connector relies on.
 */
function plainSources(bundle: Bundle): Sources {
  const all = async <T>(records: AsyncIterable<T>, keep: (r: T) => boolean): Promise<T[]> => {
    const out: T[] = [];
    for await (const r of records) if (keep(r)) out.push(r);
    return out;
  };
  const within = (range: TimeRange) => (t: number) => t >= range.start && t < range.end;
  return {
    metrics: {
      series: async (range) => {
        const series = new Map<string, Series>();
        for (const s of await all(bundle.metrics(), (s) => within(range)(s.ts))) {
          const key = seriesKey(s.service, s.metric, s.labels);
          const target = series.get(key) ?? { ...s, timestamps: [], values: [] };
          target.timestamps.push(s.ts);
          target.values.push(s.value);
          series.set(key, target);
        }
        return [...series.values()];
      },
    },
    logs: { logs: (range) => all(bundle.logs(), (r) => within(range)(r.ts)) },
    traces: { spans: (range) => all(bundle.spans(), (s) => within(range)(s.start)) },
    changes: { changes: (range) => all(bundle.changes(), (c) => c.ts < range.end) },
    events: { events: (range) => all(bundle.events(), (e) => within(range)(e.ts)) },
  };
}

sourceContract('files', ['metrics', 'logs', 'traces', 'changes', 'events'], async () => {
  const root = await mkdtemp(join(tmpdir(), 'ns-files-'));
  const dir = join(root, 'bundle');
  await generateBundle(dir, generateOptions('bad-deploy', { seed: 3 }));
  const bundle = await openBundle(dir);
  // A range inside the window: the readers' range skipping must cut both ends.
  const { start, end } = bundle.incident.window;
  const range = { start: start + (end - start) / 4, end: end - (end - start) / 4 };
  return {
    actual: bundleSources(bundle, dir),
    expected: plainSources(bundle),
    range,
    close: () => rm(root, { recursive: true, force: true }),
  };
});
