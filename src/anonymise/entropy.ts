/**
 * Shannon entropy of a string's characters, in bits per character: −Σ p(c)·log2 p(c) over the
 * characters it uses. Random keys score near the log2 of their alphabet (or of their length, when
 * shorter); names and words score low because letters repeat.
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Thresholds of the `high_entropy_secret` detector, in bits per character, measured on seeded
 * random strings (200 each) and on identifiers seen in logs:
 *
 * - random base64url: 20 characters score at least 3.55 (5th percentile 3.75), 40 at least 4.37;
 * - random hex is capped at 4 by its alphabet: 20 characters score 2.97–3.6 (median 3.35), 40
 *   characters median 3.68;
 * - counters and dates score low (`order-2024-03-02-000123` 2.98), but hyphenated names do not
 *   (`checkout-service-primary` 3.82, a pod `oauth2-proxy-7d9f8b6c5-x2x4z` 4.32).
 *
 * Entropy alone cannot tell a pod name from a key; that is why this detector only looks at values
 * right after a key-like name, and the threshold only has to keep counters and words out: 3.5 for
 * mixed alphabets, 3.0 for hex (which cannot score higher than 4).
 */
export const HIGH_ENTROPY_BITS = 3.5;
export const HIGH_ENTROPY_HEX_BITS = 3.0;

/** A value that looks generated: 20+ characters mixing letters and digits, above the threshold. */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || !/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  const threshold = /^[0-9a-f]+$/i.test(value) ? HIGH_ENTROPY_HEX_BITS : HIGH_ENTROPY_BITS;
  return shannonEntropy(value) >= threshold;
}
