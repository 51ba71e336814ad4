/**
 * The last `capacity` values of a stream, kept both in arrival order (to know which to drop) and
 * sorted (to read the median, the MAD and the largest values at once). A push that evicts moves
 * only the values between the dropped one and the new one, in one `copyWithin` (a memmove): for
 * the few thousand values a baseline holds that is cheaper than the bookkeeping of two heaps, and
 * gives order statistics that two heaps cannot. The MAD is then a selection over the sorted values
 * in O(log n) (`madOfSorted`), so a push and its statistics cost a memmove and a few binary searches.
 */
import { lowerBound, madOfSorted } from './robust-stats.js';

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
    const sorted = this.sorted;
    if (this.size < this.capacity) {
      this.arrivals[this.size] = value;
      const at = lowerBound(sorted, value, this.size);
      sorted.copyWithin(at + 1, at, this.size);
      sorted[at] = value;
      this.size++;
      return;
    }
    const dropped = this.arrivals[this.oldest] ?? 0;
    this.arrivals[this.oldest] = value;
    this.oldest = this.oldest + 1 === this.capacity ? 0 : this.oldest + 1;
    this.replace(dropped, value);
  }

  /**
   * Removes the first sorted copy of `dropped` and inserts `value` before the values equal to it:
   * the same array as removing, then inserting, with only the values in between moved once.
   */
  private replace(dropped: number, value: number): void {
    const sorted = this.sorted;
    const from = lowerBound(sorted, dropped, this.size);
    if (!(dropped < value || value <= dropped)) {
      // A NaN on either side: remove, then insert, as two moves (its order is undefined anyway).
      sorted.copyWithin(from, from + 1, this.size);
      const at = lowerBound(sorted, value, this.size - 1);
      sorted.copyWithin(at + 1, at, this.size - 1);
      sorted[at] = value;
    } else if (dropped < value) {
      // The new value's place among the others, counted without the dropped one (which is below it).
      const at = lowerBound(sorted, value, this.size, from + 1) - 1;
      sorted.copyWithin(from, from + 1, at + 1);
      sorted[at] = value;
    } else {
      const at = lowerBound(sorted, value, from);
      sorted.copyWithin(at + 1, at, from);
      sorted[at] = value;
    }
  }

  /** NaN when empty. */
  median(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    // quantileSorted(…, 0.5) without the subarray view, term for term, so the result is the same.
    const at = (n - 1) * 0.5;
    const lo = Math.floor(at);
    const a = this.sorted[lo] ?? Number.NaN;
    const b = this.sorted[Math.ceil(at)] ?? Number.NaN;
    return a + (b - a) * (at - lo);
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
