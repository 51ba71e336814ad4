import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './stats.js';

describe('wilsonInterval (95%)', () => {
  // Reference values: Brown, Cai & DasGupta (2001) and R's prop.test(correct = FALSE), to 4 places.
  it.each([
    { passes: 0, trials: 10, low: 0, high: 0.2775 },
    { passes: 5, trials: 10, low: 0.2366, high: 0.7634 },
    { passes: 10, trials: 10, low: 0.7225, high: 1 },
    { passes: 1, trials: 1, low: 0.2065, high: 1 },
    { passes: 2, trials: 3, low: 0.2077, high: 0.9385 },
    { passes: 81, trials: 263, low: 0.2553, high: 0.3662 },
    { passes: 41, trials: 48, low: 0.7283, high: 0.9275 },
  ])('$passes of $trials → [$low, $high]', ({ passes, trials, low, high }) => {
    const interval = wilsonInterval(passes, trials);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('knows nothing without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
