/** Parsers for command-line option values; a bad value is a usage error that names the option's rule. */
import { InvalidArgumentError } from 'commander';
import { parseSince, SINCE_EXPECTATION } from '../accuracy/index.js';

export function parseInteger(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${text}"`);
    }
    return n;
  };
}

export function parseNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${text}"`);
    }
    return n;
  };
}

/** A comma-separated list whose items must come from `allowed`. */
export function parseList<T extends string>(allowed: readonly T[]) {
  return (text: string): T[] => {
    const items = text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const bad = items.filter((s) => !allowed.includes(s as T));
    if (bad.length > 0) {
      throw new InvalidArgumentError(
        `unknown ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${allowed.join(', ')}`,
      );
    }
    return items as T[];
  };
}

export function parseChoice<T extends string>(allowed: readonly T[]) {
  return (text: string): T => {
    if (!allowed.includes(text as T))
      throw new InvalidArgumentError(`choose one of ${allowed.join(', ')}; got "${text}"`);
    return text as T;
  };
}

/** A `--since` duration back from now (`30d`, `12h`) as milliseconds. */
export function parseSinceOption(text: string): number {
  const ms = parseSince(text);
  if (ms === undefined) throw new InvalidArgumentError(`${SINCE_EXPECTATION}; got "${text}"`);
  return ms;
}
