import { describe, expect, test } from 'vitest';
import type { Change } from '../../core/index.js';
import { MINUTE_MS } from '../../core/index.js';
import { closeness, rankChanges } from './rank.js';

const onset = 100 * MINUTE_MS;
const change = (
  id: string,
  service: string,
  minutesBefore: number,
  kind: Change['kind'] = 'deploy',
): Change => ({
  id,
  ts: onset - minutesBefore * MINUTE_MS,
  service,
  kind,
  summary: id,
});
const ctx = {
  onset,
  suspects: new Map([
    ['payments', 0.9],
    ['checkout', 0.4],
  ]),
  dependsOn: new Map([
    ['checkout', ['payments', 'cart']],
    ['payments', ['db']],
  ]),
};

test.each([
  { name: 'at the onset', before: 0, expected: 1 },
  { name: 'one half-life before', before: 15, expected: 0.5 },
  { name: 'a minute after (clock skew)', before: -1, expected: 0.5 },
  { name: 'four minutes after (an early onset estimate)', before: -4, expected: 0.5 },
  { name: 'well after', before: -10, expected: 0 },
])('closeness: $name', ({ before, expected }) => {
  expect(closeness(onset - before * MINUTE_MS, onset, 15 * MINUTE_MS)).toBeCloseTo(expected);
});

describe('rankChanges', () => {
  test('a recent deploy on the prime suspect beats an older one, a flag elsewhere and a scale event', () => {
    const ranked = rankChanges(
      [
        change('old-deploy', 'payments', 120),
        change('recent-deploy', 'payments', 3),
        change('unrelated-flag', 'search', 2, 'feature_flag'),
        change('hpa', 'payments', 1, 'scale'),
        change('after', 'payments', -20),
      ],
      ctx,
    );
    // Two hours back, the old deploy has decayed below a fresh change on an unrelated service.
    expect(ranked.map((r) => r.change.id)).toEqual(['recent-deploy', 'hpa', 'unrelated-flag', 'old-deploy']);
    expect(ranked[0]).toMatchObject({ via: 'payments', kindWeight: 1 });
  });

  test.each([
    { name: 'on a suspect', service: 'payments', expected: 0.9 },
    { name: 'on a dependency of a suspect', service: 'db', expected: 0.54 },
    { name: 'on a caller of a suspect', service: 'checkout', expected: 0.4 },
    { name: 'unrelated', service: 'search', expected: 0.05 },
  ])('relation of a change $name', ({ service, expected }) => {
    const [ranked] = rankChanges([change('c', service, 0)], ctx);
    expect(ranked?.relation).toBeCloseTo(expected);
  });

  test('changes older than the lookback are ignored', () => {
    expect(rankChanges([change('ancient', 'payments', 60 * 24)], ctx)).toEqual([]);
  });
});
