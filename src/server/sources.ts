/**
 * The sources a live investigation reads, from nightshift.yaml's `sources:`: a bundle directory
 * serves what it holds, and each configured backend (Prometheus, Loki, Jaeger, git) replaces the
 * bundle's part of the same kind. A topology file, when given, names the service graph.
 */

import { readFile } from 'node:fs/promises';
import { openBundle } from '../bundle/index.js';
import { parseYamlText } from '../bundle/yaml.js';
import type { NightshiftConfig } from '../config/schema.js';
import { bundleSources } from '../connectors/files/index.js';
import { createGitSource, describeGit } from '../connectors/git/index.js';
import { createJaegerSource, describeJaeger } from '../connectors/jaeger/index.js';
import { createLokiSource, describeLoki } from '../connectors/loki/index.js';
import { createPrometheusSource } from '../connectors/prometheus/index.js';
import type { Sources } from '../connectors/sources.js';
import { formatProblem, NightshiftError, topologySchema } from '../core/index.js';

export async function sourcesFromConfig(
  config: NightshiftConfig['sources'],
  resolvePath: (path: string) => string,
  warn: (message: string) => void,
): Promise<Sources> {
  let sources: Sources = {};
  if (config.bundle) {
    const dir = resolvePath(config.bundle);
    sources = bundleSources(await openBundle(dir), dir);
  }
  const describe = { ...sources.describe };
  if (config.prometheus) {
    const prometheus = createPrometheusSource(config.prometheus, { warn });
    sources.metrics = prometheus;
    describe.metrics = prometheus.description;
  }
  if (config.loki) {
    sources.logs = createLokiSource(config.loki);
    describe.logs = describeLoki(config.loki);
  }
  if (config.jaeger) {
    sources.traces = createJaegerSource(config.jaeger);
    describe.traces = describeJaeger(config.jaeger);
  }
  if (config.git) {
    const git = { ...config.git, repo: resolvePath(config.git.repo) };
    sources.changes = createGitSource(git);
    describe.changes = describeGit(git);
  }
  if (config.topology) {
    const file = resolvePath(config.topology);
    const read = parseYamlText(await readFile(file, 'utf8'), file, topologySchema);
    if (!read.ok) throw new NightshiftError('BAD_INPUT', read.problems.map(formatProblem).join('\n'));
    sources.topology = read.value;
  }
  return { ...sources, describe };
}
