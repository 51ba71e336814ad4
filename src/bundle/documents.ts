/**
 * The wire form of the bundle's YAML documents (spec: incident.yaml, topology.yaml, truth.yaml):
 * epoch milliseconds become RFC 3339 UTC strings, defaults and empty collections are left out, and
 * keys come in the spec's order. Pure; the writer turns the result into text with `formatYaml`.
 */
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { Incident, Topology, Truth } from '../core/index.js';
import { toIso } from '../core/index.js';

/** incident.yaml as the spec writes it. */
export function toIncidentYaml(incident: Incident): Record<string, unknown> {
  const { alert, window } = incident;
  return {
    version: incident.version,
    id: incident.id,
    title: incident.title,
    alert: {
      name: alert.name,
      service: alert.service,
      severity: alert.severity,
      startsAt: toIso(alert.startsAt),
      ...(alert.endsAt === undefined ? {} : { endsAt: toIso(alert.endsAt) }),
      ...(isEmpty(alert.labels) ? {} : { labels: alert.labels }),
      ...(isEmpty(alert.annotations) ? {} : { annotations: alert.annotations }),
    },
    window: { start: toIso(window.start), end: toIso(window.end) },
  };
}

/** topology.yaml as the spec writes it: `kind: service` and empty `dependsOn` are implied. */
export function toTopologyYaml(topology: Topology): Record<string, unknown> {
  return {
    services: topology.services.map((service) => ({
      name: service.name,
      ...(service.kind === 'service' ? {} : { kind: service.kind }),
      ...(service.dependsOn.length === 0 ? {} : { dependsOn: service.dependsOn }),
    })),
  };
}

/** truth.yaml as the spec writes it. */
export function toTruthYaml(truth: Truth): Record<string, unknown> {
  const { rootCause } = truth;
  return {
    rootCause: {
      service: rootCause.service,
      category: rootCause.category,
      ...(rootCause.change === undefined ? {} : { change: rootCause.change }),
      ...(rootCause.startedAt === undefined ? {} : { startedAt: toIso(rootCause.startedAt) }),
      ...(rootCause.summary === undefined ? {} : { summary: rootCause.summary }),
    },
    ...(truth.alsoAcceptable.length === 0 ? {} : { alsoAcceptable: truth.alsoAcceptable }),
  };
}

/**
 * YAML text of a wire-form value, with an optional comment on top. Lists of plain values are
 * written in flow style (`dependsOn: [checkout, auth]`), as in the spec's examples.
 */
export function formatYaml(value: unknown, comment?: string): string {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.length > 0 && node.items.every(isScalar)) node.flow = true;
    },
  });
  if (comment !== undefined) {
    doc.commentBefore = comment
      .split('\n')
      .map((line) => (line === '' ? '' : ` ${line}`))
      .join('\n');
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false;
  return true;
}
