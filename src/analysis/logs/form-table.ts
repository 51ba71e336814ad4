/**
 * A hash table from a masked form's 64-bit key (two int32 lanes) to a form id, with open addressing
 * in one typed array: no boxed numbers and no entry objects on the per-line path, which a `Map` keyed
 * by a 53-bit number would allocate. A slot's key lanes and value sit side by side, so a lookup
 * touches one cache line, and the table starts small and doubles as forms arrive, so a few thousand
 * forms stay in the processor's cache. When it holds `capacity` keys it starts empty again, so
 * memory stays bounded whatever the input; a forgotten form is found again through the parse tree.
 */
const STRIDE = 4;
const INITIAL_SLOTS = 1024;

export class FormTable {
  private readonly capacity: number;
  /** Per slot: key lane a, key lane b, form id + 1 (0 marks an empty slot), unused. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** `capacity` keys at most; the table keeps at least twice as many slots, so probes stay short. */
  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.slots = new Int32Array(INITIAL_SLOTS * STRIDE);
    this.mask = INITIAL_SLOTS - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The form id stored for the key, or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    let slot = mix(a, b) & this.mask;
    for (;;) {
      const at = slot * STRIDE;
      const value = slots[at + 2] as number;
      if (value === 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return value - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores a key that `get` did not find. */
  set(a: number, b: number, id: number): void {
    if (this.count >= this.capacity) this.clear();
    else if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.place(a, b, id + 1);
    this.count++;
  }

  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  private place(a: number, b: number, value: number): void {
    let slot = mix(a, b) & this.mask;
    while (this.slots[slot * STRIDE + 2] !== 0) slot = (slot + 1) & this.mask;
    const at = slot * STRIDE;
    this.slots[at] = a;
    this.slots[at + 1] = b;
    this.slots[at + 2] = value;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.mask + 1) * 2 - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      const value = old[at + 2] as number;
      if (value !== 0) this.place(old[at] as number, old[at + 1] as number, value);
    }
  }
}

function mix(a: number, b: number): number {
  const h = Math.imul(a ^ (b >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}
