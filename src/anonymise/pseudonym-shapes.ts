/**
 * The n-th pseudonym of each kind, and how to tell a pseudonym from an original (so anonymising
 * anonymised output changes nothing). Every shape parses as what it replaces: hosts are hosts,
 * addresses are addresses from ranges reserved for documentation, numeric ids stay numeric.
 */
import type { IdKind } from './pseudonym-rules.js';
import { ID_PREFIX } from './pseudonym-rules.js';

export function hostPseudonym(n: number): string {
  return `host-${n}.example.internal`;
}

/** TEST-NET-1, -2, -3 (RFC 5737), then the benchmarking range 198.18.0.0/15 (RFC 2544). */
export function ipv4Pseudonym(n: number): string {
  if (n <= 254) return `192.0.2.${n}`;
  if (n <= 508) return `198.51.100.${n - 254}`;
  if (n <= 762) return `203.0.113.${n - 508}`;
  const m = n - 762;
  return `198.${18 + (m >> 16)}.${(m >> 8) & 255}.${m & 255}`;
}

/** The documentation prefix 2001:db8::/32 (RFC 3849). */
export function ipv6Pseudonym(n: number): string {
  return `2001:db8::${n.toString(16)}`;
}

export function emailPseudonym(n: number): string {
  return `user-${n}@example.com`;
}

export function namespacePseudonym(n: number): string {
  return `ns-${n}`;
}

export function namePseudonym(n: number): string {
  return `name-${n}`;
}

/**
 * Digits of at least `length`, a 1 then zero padding then n (`48213` → `10001`): numeric, the same
 * length, and recognisable (see isPseudoDigits) as long as n needs fewer digits than the original.
 */
export function pseudoDigits(n: number, length: number): string {
  const width = Math.max(length, String(n).length + 2);
  return `1${String(n).padStart(width - 1, '0')}`;
}

function isPseudoDigits(value: string): boolean {
  return /^10+[1-9]\d*$/.test(value);
}

const ID_FORM = /^(?<prefix>[A-Za-z]+[_-])?(?<rest>[A-Za-z0-9]+)$/;

/** `u-4821` → `u-1001`, `48213` → `10001`, `usr_8f3k2` → `usr_101`, `alice` → `user-101`. */
export function idPseudonym(kind: IdKind, value: string, n: number): string {
  const m = ID_FORM.exec(value);
  const rest = m?.groups?.rest ?? '';
  const prefix = m?.groups?.prefix ?? (m && /^\d+$/.test(rest) ? '' : ID_PREFIX[kind]);
  return /^\d+$/.test(rest) ? `${prefix}${pseudoDigits(n, rest.length)}` : `${prefix}${pseudoDigits(n, 3)}`;
}

export function isIdPseudonym(value: string): boolean {
  const rest = ID_FORM.exec(value)?.groups?.rest;
  return rest !== undefined && isPseudoDigits(rest);
}

/**
 * Kubernetes' name hashes use an alphabet without `0` (vowels and look-alikes removed), so a hash
 * of zero-padded digits is never a real one: that is what marks a pod pseudonym.
 */
export function podHashPseudonym(n: number, length: number): string {
  return String(n).padStart(Math.max(length, String(n).length + 1), '0');
}

export function isPodHashPseudonym(hash: string): boolean {
  return /^0\d*$/.test(hash);
}

export function deploymentPseudonym(n: number): string {
  return `app-${n}`;
}

export function isPseudonym(value: string): boolean {
  return (
    /^host-\d+\.example\.internal$/.test(value) ||
    /^user-\d+@example\.com$/.test(value) ||
    /^(?:ns|name|app|pod)-\d+$/.test(value)
  );
}
