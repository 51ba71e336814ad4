/**
 * Reading back which token each planted value became: a template over the planted values is turned
 * into a regular expression with one capture per value (a repeated value must repeat its capture),
 * and matched against the anonymised text. Test support only.
 */
const SLOT = /\uE000([A-Za-z0-9]+)\uE000/g;

/** The token each key took in `text`, or undefined when `text` does not have the template's shape. */
export function tokensIn<K extends string>(
  template: (v: Record<K, string>) => string,
  keys: readonly K[],
  text: string,
  options: { prefix?: boolean } = {},
): Partial<Record<K, string>> | undefined {
  const slots = Object.fromEntries(keys.map((k) => [k, `\uE000${k}\uE000`])) as Record<K, string>;
  const shape = template(slots);
  const order: K[] = [];
  let source = '';
  let last = 0;
  for (const m of shape.matchAll(SLOT)) {
    source += escapeRegExp(shape.slice(last, m.index));
    const key = m[1] as K;
    const seen = order.indexOf(key);
    source += seen >= 0 ? `\\${seen + 1}` : '(.+?)';
    if (seen < 0) order.push(key);
    last = (m.index ?? 0) + m[0].length;
  }
  source += escapeRegExp(shape.slice(last));
  const match = new RegExp(`^${source}${options.prefix ? '' : '$'}`, 's').exec(text);
  if (!match) return undefined;
  return Object.fromEntries(order.map((k, i) => [k, match[i + 1]])) as Partial<Record<K, string>>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
