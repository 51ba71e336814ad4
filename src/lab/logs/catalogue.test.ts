import { describe, expect, test } from 'vitest';
import { LOG_LEVELS } from '../../core/index.js';
import { Random } from '../random.js';
import { labTopologies } from '../topologies/index.js';
import type { LabRole, LabService } from '../topology.js';
import { backgroundTemplates, serviceTemplates, templatesForService } from './catalogue.js';
import type { LogTemplate, RenderContext } from './template.js';

const services = [...labTopologies.shop.services, ...labTopologies.mini.services];
const roles = Object.keys(backgroundTemplates) as LabRole[];
const loggingRoles = roles.filter((r) => r !== 'external');

/** A render context with behaviour: draws from the service's real dependencies and routes. */
function fakeContext(service: LabService, rng: Random): RenderContext {
  const deps = service.dependsOn.map((d) => d.service);
  return {
    rng,
    service: service.name,
    dependency: () => (deps.length > 0 ? rng.pick(deps) : service.name),
    operation: () => rng.pick(service.operations),
    path: () => `/${service.name}/${rng.int(1, 99999)}`,
    latencyMs: () => rng.logNormal(service.selfLatencyMs * 3, service.latencySigma),
    pod: () => `${service.name}-7d9f8c6b5-${rng.hex(5)}`,
  };
}

function render(template: LogTemplate, service: LabService, seed: string): string {
  return template.render(fakeContext(service, new Random(seed)));
}

/** Replaces numbers and hex ids, so that two lines of one template share a shape. */
function shape(text: string): string {
  return text.replace(/\b[0-9a-f]*\d[0-9a-f]*\b/gi, '#').replace(/\d+/g, '#');
}

function share(templates: LogTemplate[], levels: string[]): number {
  const total = templates.reduce((sum, t) => sum + t.weight, 0);
  const part = templates.filter((t) => levels.includes(t.level)).reduce((sum, t) => sum + t.weight, 0);
  return part / total;
}

describe('backgroundTemplates', () => {
  test('covers every role, and external emits nothing', () => {
    expect(roles.sort()).toEqual(
      ['app', 'cache', 'database', 'db-proxy', 'edge', 'external', 'queue', 'web', 'worker'].sort(),
    );
    expect(backgroundTemplates.external).toEqual([]);
  });

  test.each(loggingRoles)('%s has at least 15 templates', (role) => {
    expect(backgroundTemplates[role].length).toBeGreaterThanOrEqual(15);
  });

  test('template ids are unique across the whole catalogue', () => {
    const all = [...Object.values(backgroundTemplates).flat(), ...Object.values(serviceTemplates).flat()];
    const ids = all.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(loggingRoles)('%s: errors are 0.2–3% and warnings 1–5% of lines by weight', (role) => {
    const templates = backgroundTemplates[role];
    const errors = share(templates, ['error', 'fatal']);
    expect(errors).toBeGreaterThanOrEqual(0.002);
    expect(errors).toBeLessThanOrEqual(0.03);
    const warnings = share(templates, ['warn']);
    expect(warnings).toBeGreaterThanOrEqual(0.01);
    expect(warnings).toBeLessThanOrEqual(0.05);
    expect(share(templates, ['info', 'debug'])).toBeGreaterThan(0.9);
  });

  test.each(loggingRoles)('%s: rendered lines take at least 15 distinct shapes', (role) => {
    const service = services.find((s) => s.role === role) as LabService;
    const shapes = new Set(backgroundTemplates[role].map((t) => shape(render(t, service, t.id))));
    expect(shapes.size).toBeGreaterThanOrEqual(15);
  });
});

describe('every template a lab service draws from', () => {
  test.each(services.filter((s) => s.role !== 'external').map((s) => [s.name, s] as const))(
    '%s renders non-empty single lines, the same text for the same seed',
    (_name, service) => {
      for (const template of templatesForService(service)) {
        expect(LOG_LEVELS).toContain(template.level);
        expect(template.weight).toBeGreaterThan(0);
        for (const seed of ['a', 'b', 'c']) {
          const text = render(template, service, `${template.id}/${seed}`);
          expect(text.trim().length, template.id).toBeGreaterThan(0);
          expect(text, template.id).not.toContain('\n');
          expect(text, template.id).not.toContain('undefined');
          expect(text, template.id).not.toContain('NaN');
          expect(render(template, service, `${template.id}/${seed}`)).toBe(text);
        }
      }
    },
  );

  test('different seeds give different text for variable templates', () => {
    const service = labTopologies.shop.services.find((s) => s.name === 'checkout') as LabService;
    const access = templatesForService(service).find((t) => t.id === 'app.request') as LogTemplate;
    expect(render(access, service, 'one')).not.toBe(render(access, service, 'two'));
  });
});

describe('serviceTemplates', () => {
  test.each(Object.entries(serviceTemplates))(
    '%s is a lab service with at least 4 templates',
    (name, list) => {
      expect(services.map((s) => s.name)).toContain(name);
      expect(list.length).toBeGreaterThanOrEqual(4);
    },
  );

  test('its lines are added to the role’s, not replacing them', () => {
    const payments = labTopologies.shop.services.find((s) => s.name === 'payments') as LabService;
    const ids = templatesForService(payments).map((t) => t.id);
    expect(ids).toContain('app.request');
    expect(ids).toContain('payments.charge');
    expect(ids).toHaveLength(backgroundTemplates.app.length + (serviceTemplates.payments?.length ?? 0));
  });
});
