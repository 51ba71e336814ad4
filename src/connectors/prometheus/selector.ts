/**
 * Builds the per-metric query from the configured series selectors: a selector is a metric name, a
 * `{…}` block of matchers, or both, and the query for metric `m` read through it is
 * `{__name__="m", <its matchers>}`. A metric found through several selectors is read through all
 * of them, joined by `or` (which keeps each series once).
 */

export interface Selector {
  name?: string;
  /** The text between the braces, trimmed; empty when there are none. */
  matchers: string;
}

export function parseSelector(text: string): Selector {
  const trimmed = text.trim();
  const brace = trimmed.indexOf('{');
  const head = (brace === -1 ? trimmed : trimmed.slice(0, brace)).trim();
  const matchers = brace === -1 ? '' : trimmed.slice(brace + 1, trimmed.lastIndexOf('}')).trim();
  return { ...(head && { name: head }), matchers: matchers.replace(/,\s*$/, '') };
}

export function metricQuery(metric: string, selectors: readonly string[]): string {
  const nameMatcher = `__name__=${JSON.stringify(metric)}`;
  const parts = [...new Set(selectors)].map((s) => {
    const { matchers } = parseSelector(s);
    return matchers ? `{${nameMatcher}, ${matchers}}` : `{${nameMatcher}}`;
  });
  return [...new Set(parts)].join(' or ');
}
