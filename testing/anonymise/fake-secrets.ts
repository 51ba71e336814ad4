/**
 * Fake secrets in the formats of real ones, assembled from parts at run time so that no secret
 * scanner mistakes this repository for a leak: nothing below is a whole token as written. The
 * characters come from a seeded generator, so the corpus is the same on every run.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const BASE64URL = `${ALNUM}-_`;
export const BASE64 = `${ALNUM}+/`;
export const UPPER_ALNUM = UPPER + DIGITS;
export const HEX = '0123456789abcdef';
export { DIGITS };

/** A small deterministic generator (a linear congruential one); one per corpus build. */
export class FakeChars {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** `length` characters of `alphabet`; each draw always mixes in a letter and a digit when both are allowed. */
  of(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      this.state = (Math.imul(this.state, 1_664_525) + 1_013_904_223) >>> 0;
      out += alphabet[(this.state >>> 8) % alphabet.length];
    }
    if (/[A-Za-z]/.test(alphabet) && /[0-9]/.test(alphabet) && length >= 4) {
      // A random draw may lack a digit or letter; detectors that ask for both must still see them.
      const digit = alphabet.match(/[0-9]/)?.[0] ?? '7';
      const letter = alphabet.match(/[A-Za-z]/)?.[0] ?? 'q';
      out = `${out.slice(0, length - 2)}${letter}${String.fromCharCode(digit.charCodeAt(0) + (this.state % 9))}`;
    }
    return out;
  }
}

/** Base64url of text, as a JWT's header and payload are written. */
export function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function join(...parts: string[]): string {
  return parts.join('');
}
