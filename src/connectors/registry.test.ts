import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LogSource, MetricSource } from './index.js';
import {
  CONNECTOR_NAMES,
  type ConnectorDef,
  connector,
  connectors,
  describeSources,
  sourcesConfigSchema,
  type TelemetryKind,
} from './registry.js';

const metrics: MetricSource = { series: async () => [] };
const logs: LogSource = { logs: async () => [] };
const security = { sendsCredentials: false, auth: ['none'], reaches: 'local' } as const;
const schema = z.object({ url: z.string() });

// Type checks (tsc --noEmit type-checks this file): each entry below must fail to compile.
const incomplete = {
  // @ts-expect-error an entry without its security properties does not compile
  noSecurity: connector({
    kind: 'metrics',
    description: 'x',
    configSchema: schema,
    create: () => metrics,
    describe: () => 'x',
  }),
  // @ts-expect-error an entry without describe does not compile
  noDescribe: connector({
    kind: 'metrics',
    description: 'x',
    configSchema: schema,
    create: () => metrics,
    security,
  }),
  wrongKind: connector({
    kind: 'metrics',
    description: 'x',
    configSchema: schema,
    // @ts-expect-error a metrics connector must create a MetricSource
    create: () => logs,
    describe: () => 'x',
    security,
  }),
  badSettings: connector({
    kind: 'metrics',
    description: 'x',
    configSchema: schema,
    create: () => metrics,
    // @ts-expect-error settings are the schema's output: there is no `host`
    describe: (settings) => settings.host,
    security,
  }),
} satisfies Record<string, ConnectorDef<TelemetryKind, z.ZodType>>;

const plainObject = {
  // @ts-expect-error without connector(), the registry's satisfies still refuses a missing description
  noDescription: {
    kind: 'metrics',
    configSchema: schema,
    create: () => metrics,
    describe: () => 'x',
    security,
  },
} satisfies Record<string, ConnectorDef<TelemetryKind, z.ZodType>>;

describe('connector registry', () => {
  it('keeps the entries that must not compile (checked by tsc, not at run time)', () => {
    expect(Object.keys({ ...incomplete, ...plainObject })).toHaveLength(5);
  });

  it('derives the sources section: one key per connector plus bundle and topology', () => {
    expect(Object.keys(sourcesConfigSchema.shape).sort()).toEqual(
      [...CONNECTOR_NAMES, 'bundle', 'topology'].sort(),
    );
    for (const name of CONNECTOR_NAMES) {
      // The section parses each connector's settings with that connector's own schema.
      expect(sourcesConfigSchema.shape[name].unwrap()).toBe(connectors[name].configSchema);
    }
  });

  it('serves each kind of telemetry through one connector', () => {
    const kinds = CONNECTOR_NAMES.map((name) => connectors[name].kind);
    expect(new Set(kinds).size, `two connectors serve one kind: ${kinds.join(', ')}`).toBe(kinds.length);
  });

  it('refuses an unknown source and a bad connector setting, naming the field', () => {
    const unknown = sourcesConfigSchema.safeParse({ victoria: { url: 'http://vm:8428' } });
    expect(unknown.success).toBe(false);
    const bad = sourcesConfigSchema.safeParse({ loki: { url: 'loki:3100' } });
    expect(bad.error?.issues[0]?.path).toEqual(['loki', 'url']);
  });

  it('describes every configured source without credentials', () => {
    const config = sourcesConfigSchema.parse({
      bundle: './incident',
      prometheus: { url: 'http://reader:pw-0d1e2f3a@prom:9090/?token=abc', auth: { bearer: 'tok-8b9c0d1e' } },
      loki: { url: 'https://user:pw-4a5b6c7d@loki.example:3100/gw', tenant: 'team-a' },
      jaeger: { url: 'http://jaeger:16686', api: 'v1' },
      git: { repo: 'deploys', services: [{ service: 'cart', paths: ['cart/'] }] },
      topology: './topology.yaml',
    });
    expect(describeSources(config)).toEqual([
      'bundle ./incident',
      'prometheus http://prom:9090',
      'loki https://loki.example:3100/gw',
      'jaeger v1 http://jaeger:16686',
      'git deploys (HEAD)',
      'topology ./topology.yaml',
    ]);
  });

  it('says what each connector sends: credentials only over the network', () => {
    for (const name of CONNECTOR_NAMES) {
      const { security: s, description } = connectors[name];
      expect(description.length, name).toBeGreaterThan(10);
      if (s.sendsCredentials) expect([name, s.reaches]).toEqual([name, 'network']);
      else expect([name, s.auth]).toEqual([name, ['none']]);
    }
  });
});
