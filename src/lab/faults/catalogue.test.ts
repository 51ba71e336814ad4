/**
 * The fault catalogue is checked by the compiler: each `@ts-expect-error` below fails
 * `npm run typecheck` if the incomplete entry it marks ever compiles. What the compiler cannot see
 * (empty or multi-line text, a signature that only repeats the description) is checked here.
 */
import { describe, expect, test } from 'vitest';
import { FAULT_NAMES, faultCatalogue } from './catalogue.js';
import type { FaultType } from './fault.js';
import { trafficSurge } from './traffic-faults.js';

describe('what does not compile', () => {
  test('a fault without a signature, a description or a known category', () => {
    const { signature: _s, ...noSignature } = trafficSurge;
    const { description: _d, ...noDescription } = trafficSurge;
    const catalogue = {
      'traffic-surge': trafficSurge,
      // @ts-expect-error: `signature` is missing
      'no-signature': noSignature,
      // @ts-expect-error: `description` is missing
      'no-description': noDescription,
      // @ts-expect-error: `solar_flare` is not a root-cause category
      'unknown-category': { ...trafficSurge, category: 'solar_flare' },
    } satisfies Record<string, FaultType>;
    expect(Object.keys(catalogue)).toHaveLength(4);
  });
});

describe.each(FAULT_NAMES.map((name) => ({ name })))('$name', ({ name }) => {
  const fault: FaultType = faultCatalogue[name];

  test('says in one line what goes wrong and what the telemetry shows', () => {
    for (const text of [fault.description, fault.signature]) {
      expect(text.trim().length).toBeGreaterThan(30);
      expect(text).not.toMatch(/\n/);
    }
    expect(fault.signature).not.toBe(fault.description);
  });

  test('is named in kebab-case', () => {
    expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  test('names its variants in kebab-case, each once', () => {
    const variants = fault.variants ?? [];
    for (const v of variants) expect(v).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(variants).size).toBe(variants.length);
    expect(variants.length).not.toBe(1);
  });
});
