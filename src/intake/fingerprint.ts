/**
 * An alert's identity, computed exactly as Alertmanager does (Prometheus common/model
 * `labelSetToFingerprint`): FNV-1a 64 over the UTF-8 bytes of each label name and value, names
 * sorted, each followed by the separator byte 0xff (which cannot occur in UTF-8, so "a"="bc" and
 * "ab"="c" differ). Written as 16 lowercase hex digits, as Alertmanager's webhook payload does, so
 * fingerprints from Alertmanager and ours agree and dedup works across sources.
 */
const OFFSET64 = 14695981039346656037n;
const PRIME64 = 1099511628211n;
const MASK64 = (1n << 64n) - 1n;
const SEPARATOR = 0xff;
const encoder = new TextEncoder();

export function alertFingerprint(labels: Readonly<Record<string, string>>): string {
  let hash = OFFSET64;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * PRIME64) & MASK64;
  };
  for (const name of Object.keys(labels).sort(byUtf8)) {
    for (const byte of encoder.encode(name)) add(byte);
    add(SEPARATOR);
    for (const byte of encoder.encode(labels[name] ?? '')) add(byte);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}

/** Go sorts label names by bytes; for names outside ASCII that differs from UTF-16 order. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
