/** "Did you mean …?" for a mistyped name: the known name at the smallest edit distance. */

/**
 * Levenshtein distance by the classic two-row dynamic programme (Wagner & Fischer, 1974); names
 * here are short, so the O(|a|·|b|) cost does not matter.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest of `known` to `name`, or undefined when even the closest needs more edits than half
 * the name's length: past that the suggestion is a guess that misleads more than it helps.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.ceil(name.length / 2) ? best.name : undefined;
}
