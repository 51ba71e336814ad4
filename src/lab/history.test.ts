import { describe, expect, test } from 'vitest';
import type { PastIncident, RootCauseCategory } from '../core/index.js';
import { DAY_MS, MINUTE_MS, pastIncidentSchema, toIso } from '../core/index.js';
import { generateHistory } from './history.js';
import { Random } from './random.js';
import { labTopologies } from './topologies/index.js';
import type { LabRole, LabService, LabTopology } from './topology.js';
import { callersOf, serviceByName, transitiveDependencies } from './topology.js';

const before = Date.parse('2026-03-02T14:05:00Z');
const topologies = Object.values(labTopologies).map((t) => [t.name, t] as const);

/** Which roles may be the root of each category: the failure has to be one that role can have. */
const rootRoles: Record<Exclude<RootCauseCategory, 'other'>, LabRole[]> = {
  bad_deploy: ['app', 'web', 'worker'],
  code_error: ['app', 'worker'],
  config_change: ['edge', 'app', 'db-proxy', 'worker'],
  feature_flag: ['app', 'web'],
  resource_cpu: ['app', 'web', 'database'],
  resource_memory: ['app', 'web', 'worker'],
  resource_disk: ['database', 'queue'],
  connection_pool_exhaustion: ['db-proxy', 'app', 'worker'],
  database: ['database'],
  cache_failure: ['cache'],
  queue_backlog: ['worker'],
  network: ['db-proxy', 'database', 'cache', 'queue'],
  dependency_outage: ['app', 'queue'],
  third_party_outage: ['external'],
  traffic_surge: ['app', 'web'],
  certificate_expiry: ['edge', 'db-proxy', 'database', 'queue'],
};

function history(topology: LabTopology, seed: string | number = 1, count?: number): PastIncident[] {
  return generateHistory(topology, new Random(seed), { before, count });
}

function hasCallers(topology: LabTopology, root: string): boolean {
  return topology.services.some((s) => transitiveDependencies(topology, s.name).has(root));
}

describe.each(topologies)('generateHistory on %s', (_name, topology) => {
  const incidents = history(topology);

  test('gives at least 20 incidents over the year before `before`, sorted, 10 min to 6 h long', () => {
    expect(incidents.length).toBeGreaterThanOrEqual(20);
    const starts = incidents.map((i) => i.startedAt);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const i of incidents) {
      const durationMs = (i.resolvedAt ?? Number.NaN) - i.startedAt;
      expect(durationMs).toBeGreaterThanOrEqual(10 * MINUTE_MS);
      expect(durationMs).toBeLessThanOrEqual(360 * MINUTE_MS);
      expect(i.resolvedAt).toBeLessThan(before);
      expect(i.startedAt).toBeGreaterThan(before - 366 * DAY_MS);
    }
  });

  test('every incident survives a round trip through the history.jsonl schema', () => {
    for (const i of incidents) {
      const wire = { ...i, startedAt: toIso(i.startedAt), resolvedAt: toIso(i.resolvedAt as number) };
      expect(pastIncidentSchema.parse(JSON.parse(JSON.stringify(wire)))).toEqual(i);
    }
  });

  test('ids are unique and increase with time', () => {
    const numbers = incidents.map((i) => {
      expect(i.id).toMatch(/^INC-\d+$/);
      return Number(i.id.slice(4));
    });
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  test('lists the root first, then 1–3 callers that really depend on it, one a business service', () => {
    for (const i of incidents) {
      const [root, ...callers] = i.services as [string, ...string[]];
      expect(new Set(i.services).size).toBe(i.services.length);
      for (const name of i.services) expect(() => serviceByName(topology, name)).not.toThrow();
      for (const caller of callers) expect(transitiveDependencies(topology, caller).has(root)).toBe(true);
      expect(callers.length).toBeLessThanOrEqual(3);
      if (hasCallers(topology, root)) expect(callers.length).toBeGreaterThanOrEqual(1);
      const business = (name: string) =>
        ['app', 'web', 'worker'].includes(serviceByName(topology, name).role);
      const anyBusiness = topology.services.some(
        (s) => business(s.name) && transitiveDependencies(topology, s.name).has(root),
      );
      if (anyBusiness) expect(callers.some(business)).toBe(true);
      if (callersOf(topology, root).length > 0)
        expect(callersOf(topology, root).map((s) => s.name)).toContain(callers[0]);
    }
  });

  test('puts each category on a service whose role can fail that way, and names it', () => {
    for (const i of incidents) {
      const root = serviceByName(topology, i.services[0] as string);
      expect(i.category).not.toBe('other');
      expect(rootRoles[i.category as keyof typeof rootRoles]).toContain(root.role);
      if (i.category === 'connection_pool_exhaustion' && root.role !== 'db-proxy')
        expect(root.poolMax).toBeDefined();
      expect(i.rootCause).toContain(root.name);
      expect(i.title.length).toBeGreaterThan(10);
      expect(i.resolution?.length ?? 0).toBeGreaterThan(10);
    }
  });

  test('covers at least 10 categories', () => {
    expect(new Set(incidents.map((i) => i.category)).size).toBeGreaterThanOrEqual(10);
  });

  test('is deterministic by seed and differs between seeds', () => {
    expect(history(topology, 1)).toEqual(incidents);
    expect(history(topology, 2)).not.toEqual(incidents);
    expect(history(topology, 2).map((i) => i.title)).not.toEqual(incidents.map((i) => i.title));
  });
});

describe('generateHistory options', () => {
  const shop = labTopologies.shop;

  test.each([0, 1, 5, 12, 40])('count %i gives that many incidents, distinct categories first', (count) => {
    const incidents = history(shop, 'count', count);
    expect(incidents).toHaveLength(count);
    const categories = new Set(incidents.map((i) => i.category));
    expect(categories.size).toBe(Math.min(count, Object.keys(rootRoles).length));
  });

  test('a repeated category does not repeat its story word for word', () => {
    const incidents = history(shop, 'repeats', 60);
    const byCategory = new Map<string, PastIncident[]>();
    for (const i of incidents) byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), i]);
    const repeated = [...byCategory.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeGreaterThan(0);
    for (const list of repeated) expect(new Set(list.map((i) => i.rootCause)).size).toBeGreaterThan(1);
  });

  test('works for a topology without callers of its data stores', () => {
    const lone: LabService = { ...serviceByName(shop, 'notifications'), name: 'lone' };
    const tiny: LabTopology = { ...shop, name: 'tiny', entry: 'lone', services: [lone] };
    const incidents = history(tiny, 1, 6);
    expect(incidents.length).toBe(6);
    for (const i of incidents) expect(i.services).toEqual(['lone']);
  });
});
