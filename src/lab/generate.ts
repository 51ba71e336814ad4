/**
 * Writes one lab incident as a bundle. Small documents first; then metrics, traces and logs are
 * streamed step by step with backpressure, so a 24 h bundle with millions of lines never sits in
 * memory. The bundle appears at `outDir` only when complete (see bundle/writer).
 */

import type { LineSink } from '../bundle/index.js';
import {
  createBundleWriter,
  formatChangeLine,
  formatEventLine,
  formatHistoryLine,
  formatLogLine,
  formatSpanLine,
  METRICS_CSV_HEADER,
  toIncidentYaml,
  toTopologyYaml,
  toTruthYaml,
} from '../bundle/index.js';
import type { Incident, Truth } from '../core/index.js';
import { TelemetryStepper, type Volume } from './emit/telemetry.js';
import { buildScenario, type Scenario, type ScenarioOptions } from './scenario.js';
import { toBundleTopology } from './topology.js';

export type LabSource = 'metrics' | 'logs' | 'traces' | 'changes' | 'events' | 'history';

export interface GenerateOptions extends ScenarioOptions, Volume {
  /** Sources to leave out, to test investigations with missing data. */ drop: LabSource[];
  gzip: boolean;
  force: boolean;
}

export interface GenerateSummary {
  dir: string;
  incident: Incident;
  truth: Truth;
  counts: Record<LabSource, number>;
}

export async function generateBundle(
  outDir: string,
  options: GenerateOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<GenerateSummary> {
  if (['metrics', 'logs', 'traces'].every((s) => options.drop.includes(s as LabSource))) {
    throw new Error('keep at least one of metrics, logs or traces: a bundle needs telemetry');
  }
  const writer = await createBundleWriter(outDir, { force: options.force });
  try {
    const scenario = buildScenario(options);
    const counts = await writeScenario(
      scenario,
      options,
      (file, gzip) => writer.lines(file, { gzip, gzipLevel: 4 }),
      onProgress,
    );
    await writer.writeYaml(
      'incident.yaml',
      toIncidentYaml(scenario.incident),
      'Lab incident made by `nightshift lab`; its cause is in truth.yaml',
    );
    await writer.writeYaml(
      'truth.yaml',
      toTruthYaml(scenario.truth),
      'Known root cause: for scoring only, never read by an investigation',
    );
    await writer.writeYaml('topology.yaml', toTopologyYaml(toBundleTopology(scenario.topology)));
    await writer.commit();
    return { dir: outDir, incident: scenario.incident, truth: scenario.truth, counts };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

type OpenSink = (
  file: 'metrics.csv' | 'logs.jsonl' | 'traces.jsonl' | 'changes.jsonl' | 'events.jsonl' | 'history.jsonl',
  gzip: boolean,
) => LineSink;

async function writeScenario(
  s: Scenario,
  o: GenerateOptions,
  open: OpenSink,
  onProgress?: (done: number, total: number) => void,
): Promise<Record<LabSource, number>> {
  const keep = (source: LabSource) => !o.drop.includes(source);
  const counts: Record<LabSource, number> = {
    metrics: 0,
    logs: 0,
    traces: 0,
    changes: 0,
    events: 0,
    history: 0,
  };
  const small: Array<[LabSource, 'changes.jsonl' | 'events.jsonl' | 'history.jsonl', string[]]> = [
    ['changes', 'changes.jsonl', s.changes.map(formatChangeLine)],
    ['events', 'events.jsonl', s.events.map(formatEventLine)],
    ['history', 'history.jsonl', s.history.map(formatHistoryLine)],
  ];
  for (const [source, file, lines] of small) {
    if (!keep(source)) continue;
    const sink = open(file, false);
    await sink.write(lines.join(''));
    await sink.close();
    counts[source] = lines.length;
  }

  const metrics = keep('metrics') ? open('metrics.csv', o.gzip) : undefined;
  const traces = keep('traces') ? open('traces.jsonl', o.gzip) : undefined;
  const logs = keep('logs') ? open('logs.jsonl', o.gzip) : undefined;
  const stepper = new TelemetryStepper(s, o);
  if (metrics) await metrics.write(METRICS_CSV_HEADER);
  for (let step = 0; step < stepper.steps; step++) {
    if (metrics) {
      const rows = stepper.metrics.step(step);
      counts.metrics += countLines(rows);
      await metrics.write(rows);
    }
    const t = stepper.step(step);
    if (traces && t.spans.length > 0) {
      counts.traces += t.spans.length;
      await traces.write(t.spans.map(formatSpanLine).join(''));
    }
    if (logs && t.logs.length > 0) {
      counts.logs += t.logs.length;
      let chunk = '';
      for (const rec of t.logs) chunk += formatLogLine(rec);
      await logs.write(chunk);
    }
    if (onProgress && (step % 20 === 0 || step === stepper.steps - 1)) onProgress(step + 1, stepper.steps);
  }
  await Promise.all([metrics?.close(), traces?.close(), logs?.close()]);
  return counts;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
