/**
 * Whether the values a template position took form a closed set (a state, a verb) or an open one (a
 * user, a host): Good–Turing's estimate of the chance that the next line brings a value not seen
 * yet is the share of lines whose value occurs exactly once (Good, "The population frequencies of
 * species and the estimation of population parameters", Biometrika 1953).
 */

/**
 * Highest estimated chance of an unseen value at which values count as a closed set. 0.05: at most
 * one line in twenty carries a value seen only once, so new values are rare enough that the values
 * seen are the vocabulary; a parameter's long tail (user names, hosts) sits far above it.
 */
export const MAX_UNSEEN_VALUE_SHARE = 0.05;

/** The Good–Turing estimate from the line count of each distinct value. */
export function unseenValueShare(linesPerValue: Iterable<number>): number {
  let lines = 0;
  let once = 0;
  for (const count of linesPerValue) {
    lines += count;
    if (count === 1) once++;
  }
  return lines === 0 ? 0 : once / lines;
}

/** Whether values with these line counts are a closed set. */
export function isClosedSet(
  linesPerValue: Iterable<number>,
  maxUnseenShare: number = MAX_UNSEEN_VALUE_SHARE,
): boolean {
  return unseenValueShare(linesPerValue) <= maxUnseenShare;
}
