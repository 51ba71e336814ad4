/**
 * The sources a live investigation reads, from nightshift.yaml's `sources:`: a bundle directory
 * serves what it holds, and each configured connector (connectors/registry.ts) replaces the
 * bundle's part of the same kind. A topology file, when given, names the service graph.
 */

import { readFile } from 'node:fs/promises';
import { openBundle } from '../bundle/index.js';
import { parseYamlText } from '../bundle/yaml.js';
import { bundleSources } from '../connectors/files/index.js';
import {
  type ConnectorContext,
  configuredConnectors,
  createConnector,
  describeConnector,
  type SourcesConfig,
  type TelemetryKind,
} from '../connectors/registry.js';
import type { Sources } from '../connectors/sources.js';
import { formatProblem, NightshiftError, topologySchema } from '../core/index.js';

export async function sourcesFromConfig(
  config: SourcesConfig,
  resolvePath: (path: string) => string,
  warn: (message: string) => void,
): Promise<Sources> {
  let sources: Sources = {};
  if (config.bundle) {
    const dir = resolvePath(config.bundle);
    sources = bundleSources(await openBundle(dir), dir);
  }
  const describe = { ...sources.describe };
  const context: ConnectorContext = { resolvePath, warn };
  // Each kind has one connector (registry.test.ts checks it), so an entry replaces the bundle's part.
  for (const { name, settings } of configuredConnectors(config)) {
    const { kind, source } = createConnector(name, settings, context);
    // The registry pairs each kind with its interface; Sources holds them under the same keys.
    (sources as Record<TelemetryKind, unknown>)[kind] = source;
    describe[kind] = describeConnector(name, settings, context);
  }
  if (config.topology) {
    const file = resolvePath(config.topology);
    const read = parseYamlText(await readFile(file, 'utf8'), file, topologySchema);
    if (!read.ok) throw new NightshiftError('BAD_INPUT', read.problems.map(formatProblem).join('\n'));
    sources.topology = read.value;
  }
  return { ...sources, describe };
}
