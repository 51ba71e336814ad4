/**
 * The last `capacity` values of a stream, kept both in arrival order (to know which to drop) and
 * sorted (to read the median, the MAD and the largest values at once). Insertion and removal move
 * at most `capacity` numbers, which for the few thousand values a baseline holds is cheaper than
 * the bookkeeping of two heaps, and gives order statistics that two heaps cannot.
 */
import { lowerBound, madOfSorted, quantileSorted } from './robust-stats.js';

export class SortedWindow {
  private readonly arrivals: Float64Array;
  private readonly sorted: Float64Array;
  private size = 0;
  private oldest = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    }
    this.arrivals = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.capacity) {
      const dropped = this.arrivals[this.oldest] ?? 0;
      this.arrivals[this.oldest] = value;
      this.oldest = (this.oldest + 1) % this.capacity;
      const at = lowerBound(this.sorted, dropped, this.size);
      this.sorted.copyWithin(at, at + 1, this.size);
      this.size--;
    } else {
      this.arrivals[this.size] = value;
    }
    const at = lowerBound(this.sorted, value, this.size);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = value;
    this.size++;
  }

  /** NaN when empty. */
  median(): number {
    return quantileSorted(this.sorted.subarray(0, this.size), 0.5);
  }

  /** Unscaled median absolute deviation around `center`; NaN when empty. */
  mad(center: number): number {
    return madOfSorted(this.sorted, center, this.size);
  }

  /** The k-th largest value (k = 1 is the maximum); the smallest when fewer are held; NaN when empty. */
  kthLargest(k: number): number {
    if (this.size === 0) return Number.NaN;
    return this.sorted[Math.max(0, this.size - k)] ?? Number.NaN;
  }

  /** The largest absolute value held. */
  largestAbs(): number {
    if (this.size === 0) return 0;
    return Math.max(Math.abs(this.sorted[0] ?? 0), Math.abs(this.sorted[this.size - 1] ?? 0));
  }
}
