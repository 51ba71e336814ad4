/**
 * The largest and second-largest of the last `capacity` values of a stream, in O(log capacity) per
 * push: a tournament tree (a segment tree over the ring buffer of arrivals) whose every node holds
 * the top two of its leaves. Merging two nodes' top twos gives theirs, so a push rewrites one leaf
 * and the nodes above it. The streaming scorer keeps one per kind of evidence and reads only the
 * second largest; a sorted window would move thousands of values per push to answer the same.
 *
 * Ties count as separate values (the second largest of 5, 5, 1 is 5), as in a sorted window; between
 * 0 and −0 either may be returned.
 */
export class TopTwoWindow {
  /** Leaves start at `leaves`; node p has children 2p and 2p + 1; the root is node 1. */
  private readonly leaves: number;
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private size = 0;
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    }
    let leaves = 1;
    while (leaves < capacity) leaves *= 2;
    this.leaves = leaves;
    // An empty slot is −∞, below any value, so it never wins a merge against one.
    this.first = new Float64Array(2 * leaves).fill(Number.NEGATIVE_INFINITY);
    this.second = new Float64Array(2 * leaves).fill(Number.NEGATIVE_INFINITY);
  }

  get length(): number {
    return this.size;
  }

  /** Adds `value`, dropping the oldest once `capacity` are held. */
  push(value: number): void {
    const { first, second } = this;
    let node = this.leaves + this.next;
    first[node] = value;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.size < this.capacity) this.size++;
    for (node >>= 1; node >= 1; node >>= 1) {
      const a1 = first[2 * node] ?? Number.NEGATIVE_INFINITY;
      const a2 = second[2 * node] ?? Number.NEGATIVE_INFINITY;
      const b1 = first[2 * node + 1] ?? Number.NEGATIVE_INFINITY;
      const b2 = second[2 * node + 1] ?? Number.NEGATIVE_INFINITY;
      // Comparisons rather than Math.max: a NaN then loses a merge (as in a sorted window) instead of
      // spreading to the root.
      // biome-ignore lint/complexity/useMathMinMax: see above
      const top = a1 >= b1 ? a1 : b1;
      // biome-ignore lint/complexity/useMathMinMax: see above
      const runnerUp = a1 >= b1 ? (a2 > b1 ? a2 : b1) : a1 > b2 ? a1 : b2;
      // Nodes above an unchanged one are unchanged too (0 and −0 count as equal here).
      if (first[node] === top && second[node] === runnerUp) return;
      first[node] = top;
      second[node] = runnerUp;
    }
  }

  /** The largest value held; NaN when empty. */
  largest(): number {
    return this.size === 0 ? Number.NaN : (this.first[1] ?? Number.NaN);
  }

  /** The second-largest value held; the only one when one is held; NaN when empty. */
  secondLargest(): number {
    if (this.size === 0) return Number.NaN;
    return (this.size === 1 ? this.first[1] : this.second[1]) ?? Number.NaN;
  }
}
