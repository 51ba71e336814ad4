/**
 * The `files` connector: an incident bundle's files as telemetry sources. Everything the bundle
 * holds is served, limited to the read range; sources the bundle lacks are left out, so the
 * investigation reports them as not checked.
 */
import type { Bundle } from '../../bundle/index.js';
import type { Sources } from '../sources.js';
import { gatherChanges, gatherEvents, gatherHistory, gatherLogs, gatherSeries, gatherSpans } from './read.js';

export type { Gathered } from './read.js';
export {
  gather,
  gatherChanges,
  gatherEvents,
  gatherHistory,
  gatherLogs,
  gatherSeries,
  gatherSpans,
  seriesKey,
} from './read.js';

export function bundleSources(bundle: Bundle, dir: string): Sources {
  const where = `bundle ${dir}`;
  return {
    ...(bundle.has('metrics') && {
      metrics: { series: (range, signal) => gatherSeries(bundle, range, signal) },
    }),
    ...(bundle.has('logs') && { logs: { logs: (range, signal) => gatherLogs(bundle, range, signal) } }),
    ...(bundle.has('traces') && { traces: { spans: (range, signal) => gatherSpans(bundle, range, signal) } }),
    ...(bundle.has('changes') && {
      changes: { changes: (range, signal) => gatherChanges(bundle, range, signal) },
    }),
    ...(bundle.has('events') && {
      events: { events: (range, signal) => gatherEvents(bundle, range, signal) },
    }),
    ...(bundle.has('history') && { history: { incidents: (signal) => gatherHistory(bundle, signal) } }),
    ...(bundle.topology && { topology: bundle.topology }),
    bundleDir: dir,
    describe: {
      metrics: where,
      logs: where,
      traces: where,
      changes: where,
      events: where,
      history: where,
    },
  };
}
